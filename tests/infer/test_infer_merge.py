"""Merge rules: how several samples of one use site become one type."""

from __future__ import annotations

from generator.infer import MAP_MIN_KEYS, infer_types
from generator.model import (
    ClassName,
    DictOf,
    ListOf,
    Model,
    ModelRef,
    Nullable,
    Prim,
    TypeRequest,
    TypeSpec,
    UnionOf,
)

STR, INT, FLOAT, BOOL, ANY = Prim("str"), Prim("int"), Prim("float"), Prim("bool"), Prim("any")


def ref(name: str) -> ModelRef:
    return ModelRef(ClassName(name))


def infer_one(
    *samples: object, hint: tuple[str, ...] = ("Thing",)
) -> tuple[TypeSpec | None, dict[str, Model]]:
    result = infer_types([TypeRequest("k", hint, samples)])
    return result.types["k"], {m.name: m for m in result.models}


def fields(model: Model) -> dict[str, tuple[TypeSpec, bool]]:
    return {f.wire_name: (f.type, f.required) for f in model.fields}


def test_scalars() -> None:
    assert infer_one("a")[0] == STR
    assert infer_one(1, 2)[0] == INT
    assert infer_one(True)[0] == BOOL
    assert infer_one(1.5)[0] == FLOAT


def test_no_usable_samples_is_none() -> None:
    assert infer_types([TypeRequest("k", ("X",), ())]).types == {"k": None}
    assert infer_types([TypeRequest("k", ("X",), (object(),))]).types == {"k": None}


def test_missing_field_is_optional_and_null_is_nullable() -> None:
    t, models = infer_one({"a": 1, "b": "x"}, {"a": None})
    assert t == ref("Thing")
    assert fields(models["Thing"]) == {"a": (Nullable(INT), True), "b": (STR, False)}


def test_int_with_float_is_float_and_bool_is_never_int() -> None:
    _, models = infer_one({"n": 1, "b": True}, {"n": 2.5, "b": 3})
    assert fields(models["Thing"]) == {"n": (FLOAT, True), "b": (UnionOf((BOOL, INT)), True)}


def test_mixed_kinds_become_a_union_in_a_fixed_order() -> None:
    t, _ = infer_one("x", 1, True, [1], {"a": 1}, None)
    assert t == Nullable(UnionOf((BOOL, INT, STR, ListOf(INT), ref("Thing"))))


def test_only_null_is_json() -> None:
    _, models = infer_one({"a": None}, {"a": None})
    assert fields(models["Thing"]) == {"a": (ANY, True)}


def test_empty_array_merges_with_anything_and_alone_is_list_of_json() -> None:
    _, models = infer_one({"a": [], "b": []}, {"a": [1, 2], "b": []})
    assert fields(models["Thing"]) == {"a": (ListOf(INT), True), "b": (ListOf(ANY), True)}


def test_empty_object_alone_is_a_dict_of_json_and_merges_as_a_model_without_fields() -> None:
    _, models = infer_one({"tags": {}, "o": {}}, {"tags": {}, "o": {"x": 1}})
    assert fields(models["Thing"]) == {"tags": (DictOf(ANY), True), "o": (ref("O"), True)}
    assert fields(models["O"]) == {"x": (INT, False)}


def test_array_items_merge() -> None:
    t, models = infer_one([{"a": 1}, {"a": 2, "b": "x"}], [{"a": 3.5}])
    assert t == ListOf(ref("ThingItem"))
    assert fields(models["ThingItem"]) == {"a": (FLOAT, True), "b": (STR, False)}


def test_nested_arrays() -> None:
    assert infer_one([[1, 2], [], [3.0]])[0] == ListOf(ListOf(FLOAT))
    assert infer_one([[]])[0] == ListOf(ListOf(ANY))


def nested(sample: object) -> TypeSpec:
    """The type of ``sample`` as the field ``items`` of a body (at a body's root an object is a model)."""
    _, models = infer_one({"items": sample})
    return fields(models["Thing"])["items"][0]


def test_object_with_id_keys_is_a_map() -> None:
    ids = {"ocid1.volume.oc1..aaa": {"size": 1}, "ocid1.volume.oc1..bbb": {"size": 2, "name": "x"}}
    _, models = infer_one({"volumes": ids})
    assert fields(models["Thing"]) == {"volumes": (DictOf(ref("Volume")), True)}
    assert fields(models["Volume"]) == {"size": (INT, True), "name": (STR, False)}
    for keys in (
        ["1", "2", "30"],
        ["9b2f7f1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"],
        ["5f9d88b9c4a1e2"],
        ["2024-01-31"],
    ):
        assert nested({k: 1 for k in keys}) == DictOf(INT), keys


def test_object_with_non_name_keys_is_a_map() -> None:
    assert nested({"application/json": {"a": 1}, "text/plain": {"a": 2}}) == DictOf(ref("Item"))
    assert nested({"": 1}) == DictOf(INT)


def test_map_values_merge_into_one_type() -> None:
    assert nested({"1": 1, "2": "x", "3": None}) == DictOf(Nullable(UnionOf((INT, STR))))


def test_many_keys_sharing_one_shape_are_a_map() -> None:
    many = {f"name{i}": "x" for i in range(MAP_MIN_KEYS)}
    assert nested(many) == DictOf(STR)
    few = {f"name{i}": "x" for i in range(MAP_MIN_KEYS - 1)}
    assert nested(few) == ref("Items")
    mixed = {**many, "count": 1}
    assert nested(mixed) == ref("Items")
    objects = {f"region{i}": {"a": 1, "b": "x"} for i in range(MAP_MIN_KEYS)}
    assert nested(objects) == DictOf(ref("Item"))


def test_a_body_that_is_a_map_or_empty_is_still_a_model() -> None:
    t, models = infer_one({"1": {"a": 1}, "2": {"a": 2}})
    assert t == ref("Thing")
    assert (models["Thing"].fields, models["Thing"].values) == ((), ref("ThingItem"))
    t, models = infer_one({})
    assert t == ref("Thing") and models["Thing"].fields == () and models["Thing"].values is None
    t, models = infer_one([{"1": 1}, {"2": 2}], hint=("Things",))
    assert t == ListOf(ref("Thing")) and models["Thing"].values == INT


def test_name_keys_stay_fields() -> None:
    t, models = infer_one({"id": "x", "odata.type": "y", "Content-Type": "z", "display name": "w"})
    assert t == ref("Thing")
    assert [f.py_name for f in models["Thing"].fields] == ["id", "odata_type", "content_type", "display_name"]


def test_identical_structures_are_one_model() -> None:
    error = {"code": "x", "message": "y"}
    result = infer_types(
        [
            TypeRequest("a", ("Error", "AError"), (error,)),
            TypeRequest("b", ("Error", "BError"), (error,)),
            TypeRequest("c", ("Thing",), ({"error": error, "errors": [error]},)),
        ]
    )
    assert [m.name for m in result.models] == ["Error", "Thing"]
    assert result.types["a"] == result.types["b"] == ref("Error")
    thing = result.models[1]
    assert [f.type for f in thing.fields] == [ref("Error"), ListOf(ref("Error"))]


def test_different_required_flags_are_different_models() -> None:
    result = infer_types(
        [
            TypeRequest("a", ("Error", "AError"), ({"code": "x"},)),
            TypeRequest("b", ("Error", "BError"), ({"code": "x"}, {})),
        ]
    )
    assert [m.name for m in result.models] == ["Error", "BError"]


def test_models_come_after_the_models_they_reference() -> None:
    result = infer_types([TypeRequest("k", ("Root",), ({"a": {"b": {"c": 1}}, "d": [{"e": 1}]},))])
    order = [m.name for m in result.models]
    assert order == ["B", "A", "D", "Root"]


def test_deterministic() -> None:
    requests = [
        TypeRequest("a", ("Thing",), ({"x": {"y": 1}, "z": [{"q": None}]},)),
        TypeRequest("b", ("Other",), ({"x": {"y": "s"}, "z": [{"q": 1}]},)),
    ]
    assert infer_types(requests) == infer_types(list(requests))


def test_requests_with_one_key_pool_their_samples() -> None:
    result = infer_types([TypeRequest("k", ("A",), ({"x": 1},)), TypeRequest("k", ("B",), ({"y": 1},))])
    assert [m.name for m in result.models] == ["A"]
    assert fields(result.models[0]) == {"x": (INT, False), "y": (INT, False)}


def test_huge_and_special_numbers() -> None:
    _, models = infer_one({"big": 2**200, "f": 1e308, "z": -0.0, "tiny": 5e-324})
    assert fields(models["Thing"]) == {
        "big": (INT, True),
        "f": (FLOAT, True),
        "z": (FLOAT, True),
        "tiny": (FLOAT, True),
    }


def test_date_time_strings_stay_strings() -> None:
    _, models = infer_one({"timeCreated": "2020-06-22T19:48:13.717Z", "day": "2020-06-22"})
    assert fields(models["Thing"]) == {"timeCreated": (STR, True), "day": (STR, True)}
