"""The literal and docstring filters survive black too: whatever the text, black accepts the code and the
result still has the one string where it was (line separators, form feeds, quote runs, backslashes)."""

from __future__ import annotations

import ast

import black
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.format import format_source
from generator.literals import docstring, py_literal, toml_string

AWKWARD = st.sampled_from(
    [
        '"',
        '"""',
        "'''",
        "\\",
        "\\\\",
        "\n",
        "\r",
        "\r\n",
        "\x00",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x85",
        "\u2028",
        "\u2029",
    ]
    + ["\ufeff", "\t", " ", "{{", "}}", "{%", "#", "\\N{BULLET}", "\\u0041", "\U0001f389", "\u200b", "\x7f"]
)
texts = st.lists(AWKWARD | st.text(max_size=5), max_size=12).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_docstring_through_black(text: str) -> None:
    source = f'def f() -> None:\n    """{docstring(text)}"""\n'
    formatted = format_source("x.py", source)
    (func,) = ast.parse(formatted).body
    assert isinstance(func, ast.FunctionDef) and len(func.body) == 1
    assert isinstance(func.body[0], ast.Expr) and isinstance(func.body[0].value, ast.Constant)


@FAST
@given(texts)
def test_literal_through_black(text: str) -> None:
    source = f"VALUE = {py_literal(text)}\nOTHER = {{{py_literal(text)}: [{py_literal(text)}]}}\n"
    formatted = black.format_str(source, mode=black.Mode(line_length=110))
    tree = ast.parse(formatted)
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    values = [ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)]
    assert values == [text, {text: [text]}]


@FAST
@given(texts)
def test_toml_string_round_trips(text: str) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    assert tomllib.loads(f"value = {toml_string(text)}\n")["value"] == text
