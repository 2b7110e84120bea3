"""literals: any string or JSON value becomes a literal that evaluates back to itself, never code."""

from __future__ import annotations

import ast
import math

from hypothesis import given
from hypothesis import strategies as st

from generator.literals import docstring, py_literal

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_literal_round_trips(value: object) -> None:
    assert ast.literal_eval(py_literal(value)) == value


def test_non_finite_floats() -> None:
    assert math.isinf(eval(py_literal(float("inf"))))  # noqa: S307 - the literal is our own output
    assert math.isnan(eval(py_literal(float("nan"))))  # noqa: S307


@given(st.text())
def test_docstring_never_escapes(text: str) -> None:
    source = f'def f():\n    """{docstring(text)}"""\n'
    tree = ast.parse(source)
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef) and len(func.body) == 1


def test_docstring_writes_a_lone_surrogate_as_its_escape() -> None:
    text = docstring("key \ud800 here")
    assert text.encode("utf-8") == b"key \\\\ud800 here"
