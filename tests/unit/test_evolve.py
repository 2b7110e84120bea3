"""``model.evolve``: the parse's fast ``dataclasses.replace``, and what makes it the same."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from generator import model
from generator.model import Body, FormField, QueryPart, Url, evolve

DATACLASSES = [c for _, c in inspect.getmembers(model, inspect.isclass) if dataclasses.is_dataclass(c)]


def test_every_model_dataclass_is_one_evolve_copies_correctly() -> None:
    """What ``evolve`` relies on: an ``__init__`` that only sets the fields, and no state beside them."""
    assert len(DATACLASSES) > 20
    for cls in DATACLASSES:
        assert cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
        assert not hasattr(cls, "__post_init__"), cls
        assert not hasattr(cls, "__slots__"), cls
        assert all(f.init for f in dataclasses.fields(cls)), cls


def test_evolve_gives_what_replace_gives() -> None:
    query = QueryPart("limit", "{{limit}}", True, None)
    url = Url("https", "api.test", None, ("a", ":id"), True, (query,), None, "baseUrl")
    body = Body(mode="urlencoded", fields=(FormField("k", "v", "text", True, None, None, None),))
    for value, changes in (
        (query, {"param": "limit"}),
        (url, {"query": ()}),
        (url, {"host": "other.test", "port": "8443"}),
        (body, {"fields": ()}),
    ):
        evolved, replaced = evolve(value, **changes), dataclasses.replace(value, **changes)
        assert evolved == replaced and hash(evolved) == hash(replaced)
        assert type(evolved) is type(value) and evolved is not value
        assert value == dataclasses.replace(value)  # the original is untouched


def test_evolve_refuses_a_field_the_class_has_not() -> None:
    with pytest.raises(TypeError, match="no field 'parm'"):
        evolve(QueryPart("a", "b", True, None), parm="x")
