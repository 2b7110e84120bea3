"""The runtime's shortcuts give what its general rules give: variables substituted from a kept split of the
template, a path without ``:name`` or variables joined once per operation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = st.sampled_from(["base", "id", " id ", "empty", "nested", "loop", "missing", "a{b", "", "$guid?"])
VALUES = {"base": "https://h.test/v1", "id": "7", " id ": "spaced", "empty": "", "nested": "{{id}}/x"}
VALUES["loop"] = "{{loop}}"
PIECES = st.one_of(
    st.text(alphabet="ab/{}:?#% ", max_size=4),
    NAMES.map(lambda name: "{{" + name + "}}"),
)
TEMPLATES = st.lists(PIECES, max_size=6).map("".join)


def _sub_expand(runtime: ModuleType, template: str, values: Mapping[str, str]) -> str:
    """``Variables.expand`` as it was written with ``VARIABLE.sub``: the general rule."""
    text = template
    for _ in range(20):
        if "{{" not in text:
            return text
        expanded = runtime.VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        if expanded == text:
            break
        text = expanded
    missing = [m.group(1) for m in runtime.VARIABLE.finditer(text)]
    if missing:
        raise runtime.errors.MissingVariableError(missing[0])
    return text


@settings(max_examples=300, deadline=None)
@given(TEMPLATES)
def test_variables_expand_as_a_regex_substitution_does(sdk: ModuleType, template: str) -> None:
    runtime = sdk._runtime
    variables = runtime.Variables(({}, VALUES, {}), {})
    try:
        expected = _sub_expand(runtime, template, VALUES)
    except runtime.errors.MissingVariableError as error:
        with pytest.raises(runtime.errors.MissingVariableError, match=re.escape(repr(error.args[0]))):
            variables.expand(template)
        return
    assert variables.expand(template) == expected
    assert variables.expand(template) == expected  # again, from the split kept


SEGMENTS = st.lists(
    st.sampled_from(
        ["Items", ":id", ":id.json", "{{id}}", "a{{empty}}b", "x y", "é", "..", "", "q?x", ":other"]
    ),
    max_size=4,
).map(tuple)


@settings(max_examples=300, deadline=None)
@given(SEGMENTS, st.sampled_from([{}, {"id_": "5"}, {"id_": "a?b#c"}]), st.booleans())
def test_a_static_path_is_the_path_the_segments_make(
    sdk: ModuleType, segments: tuple[str, ...], args: dict[str, object], encode: bool
) -> None:
    runtime = sdk._runtime
    variables = runtime.Variables(({}, VALUES, {}), {})

    def operation() -> object:
        return runtime.Operation(
            name="x",
            method="GET",
            origin="{{base}}",
            path=segments,
            path_params=(("id", "3", "id_"), ("other", "", "other_")),
            query=(runtime.Query("c", "{{id}}"),),
        )

    fast, general = operation(), operation()
    general.__dict__["static_path"] = None  # what a path that needs the call has: every segment filled in
    expected = runtime.build_url(general, args, variables.expand, encode)
    assert runtime.build_url(fast, args, variables.expand, encode) == expected
    if fast.static_path is not None:
        assert not any(s.startswith(":") or "{{" in s for s in segments)
