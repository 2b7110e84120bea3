"""TypeSpec -> code text, and the models template context."""

from __future__ import annotations

import pytest

from generator import typeexpr
from generator.model import (
    ClassName,
    DictOf,
    ListOf,
    Model,
    ModelField,
    ModelRef,
    Nullable,
    Prim,
    PythonIdentifier,
    UnionOf,
)

ITEM = ModelRef(ClassName("Item"))


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (None, "None"),
        (Prim("str"), "str"),
        (Prim("float"), "float"),
        (Prim("any"), "models.JSON"),
        (Prim("none"), "None"),
        (ListOf(ITEM), "list[models.Item]"),
        (DictOf(ListOf(Prim("int"))), "dict[str, list[int]]"),
        (Nullable(ITEM), "models.Item | None"),
        (Nullable(Prim("any")), "models.JSON"),
        (UnionOf((Prim("bool"), Prim("str"), ITEM)), "bool | str | models.Item"),
        (Nullable(UnionOf((Prim("int"), Prim("str")))), "int | str | None"),
    ],
)
def test_annotation(spec: object, text: str) -> None:
    assert typeexpr.annotation(spec, prefix="models.") == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (None, "models.as_none"),
        (Prim("str"), "models.as_str"),
        (Prim("any"), "models.as_json"),
        (ITEM, "models.Item.from_json"),
        (ListOf(ITEM), "models.list_of(models.Item.from_json)"),
        (DictOf(Prim("float")), "models.dict_of(models.as_float)"),
        (Nullable(ITEM), "models.nullable(models.Item.from_json)"),
        (Nullable(Prim("any")), "models.as_json"),
        (UnionOf((Prim("bool"), ITEM)), "models.union_of(models.as_bool, models.Item.from_json)"),
    ],
)
def test_converter(spec: object, text: str) -> None:
    assert typeexpr.converter(spec, prefix="models.") == text  # type: ignore[arg-type]


def test_wide_unions_nest() -> None:
    spec = UnionOf(tuple(ModelRef(ClassName(f"M{i}")) for i in range(7)))
    assert typeexpr.converter(spec) == (
        "union_of(M0.from_json, M1.from_json, M2.from_json, M3.from_json, "
        "union_of(M4.from_json, M5.from_json, M6.from_json))"
    )


def field(py: str, wire: str, spec: object, required: bool = True) -> ModelField:
    return ModelField(PythonIdentifier(py), wire, spec, required)  # type: ignore[arg-type]


def test_wire_names_and_descriptions_reach_code_only_as_literals() -> None:
    wire = "x\"'\\\n\r\x00}{{ ]]></"
    model = Model(ClassName("Thing"), (field("x", wire, Prim("str")),), description='Ends with a quote "')
    context = typeexpr.models_context([model])
    thing = context["models"][0]  # type: ignore[index]
    literal = thing["fields"][0]["wire"]
    assert eval(literal) == wire  # noqa: S307
    assert "\n" not in literal and "\x00" not in literal
    # a docstring statement, as black writes it: a space keeps the text's quote from the closing ones
    assert eval(thing["doc"]) == 'Ends with a quote " '  # noqa: S307


@pytest.mark.parametrize("name", ["to_dict", "extra_fields", "class", "_x", "a b", "str"])
def test_bad_field_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        typeexpr.models_context([Model(ClassName("Thing"), (field(name, "w", Prim("str")),))])


@pytest.mark.parametrize("name", ["Model", "JSON", "Unset", "Exception", "lower", "None", "A-B"])
def test_bad_model_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        typeexpr.models_context([Model(ClassName(name), ())])


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(ValueError):
        typeexpr.models_context([Model(ClassName("A"), ()), Model(ClassName("A"), ())])
    with pytest.raises(ValueError):
        typeexpr.models_context(
            [Model(ClassName("A"), (field("x", "a", Prim("str")), field("x", "b", Prim("str"))))]
        )


def test_presence_decides_default_and_write_condition() -> None:
    model = Model(
        ClassName("Thing"),
        (
            field("a", "a", Prim("str")),
            field("b", "b", Prim("str"), required=False),
            field("c", "c", Nullable(Prim("str")), required=False),
            field("d", "d", Prim("any"), required=False),
            field("e", "e", ListOf(Prim("int"))),
        ),
    )
    fields = typeexpr.models_context([model])["models"][0]["fields"]  # type: ignore[index]
    assert [f["declaration"] for f in fields] == [
        "a: str",
        "b: str | None = None",
        "c: str | None | Unset = UNSET",
        "d: JSON | Unset = UNSET",
        "e: list[int]",
    ]
    assert [f["condition"] for f in fields] == [
        "",
        "self.b is not None",
        "not isinstance(self.c, Unset)",
        "not isinstance(self.d, Unset)",
        "",
    ]
    assert [f["value"] for f in fields] == ["self.a", "self.b", "self.c", "self.d", "to_json(self.e)"]
