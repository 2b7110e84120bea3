"""Naming rules for inferred models and their fields."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from generator import naming
from generator.infer import infer_types
from generator.model import ClassName, ListOf, ModelRef, TypeRequest

from .support import ROOT


def names(*requests: TypeRequest) -> list[str]:
    return sorted(m.name for m in infer_types(requests).models)


def test_root_takes_its_first_hint_and_nested_models_their_field_path() -> None:
    sample = {"id": "x", "sourceDetails": {"kind": "a"}, "items": [{"n": 1}], "policies": [{"p": 1}]}
    result = infer_types(
        [TypeRequest("k", ("VolumeGroupBackup", "CreateVolumeGroupBackupResponse"), (sample,))]
    )
    assert [m.name for m in result.models] == ["SourceDetails", "Item", "Policy", "VolumeGroupBackup"]


def test_collision_takes_the_parent_name_as_prefix() -> None:
    a = TypeRequest("a", ("VolumeGroupBackup",), ({"sourceDetails": {"kind": "a"}},))
    b = TypeRequest("b", ("Instance",), ({"sourceDetails": {"imageId": "i"}},))
    assert names(a, b) == ["Instance", "InstanceSourceDetails", "SourceDetails", "VolumeGroupBackup"]


def test_taken_hint_moves_to_the_next_hint() -> None:
    a = TypeRequest("a", ("Thing", "GetThingResponse"), ({"a": 1},))
    b = TypeRequest("b", ("Thing", "ListThingResponse"), ({"b": 1},))
    assert names(a, b) == ["ListThingResponse", "Thing"]


def test_numeric_suffix_is_the_last_resort() -> None:
    a = TypeRequest("a", ("Thing",), ({"a": 1},))
    b = TypeRequest("b", ("Thing",), ({"b": 1},))
    c = TypeRequest("c", ("Thing",), ({"c": 1},))
    assert names(a, b, c) == ["Thing", "Thing2", "Thing3"]


def test_the_most_used_model_wins_a_contested_name() -> None:
    odd = TypeRequest("odd", ("Error", "CreateError"), ({"code": "x", "detail": {}},))
    common = [
        TypeRequest(f"c{i}", ("Error", f"Op{i}Error"), ({"code": "x", "message": "y"},)) for i in range(3)
    ]
    result = infer_types([odd, *common])
    assert result.types["odd"] == ModelRef(ClassName("CreateError"))
    assert {result.types[f"c{i}"] for i in range(3)} == {ModelRef(ClassName("Error"))}


def test_shallow_models_get_the_short_names() -> None:
    deep = TypeRequest("a", ("A",), ({"x": {"y": {"error": {"deep": 1}}}},))
    shallow = TypeRequest("b", ("B",), ({"error": {"shallow": 1}},))
    result = infer_types([deep, shallow])
    by_fields = {m.fields[0].wire_name: m.name for m in result.models}
    assert by_fields["shallow"] == "Error"
    assert by_fields["deep"] == "YError"


def test_array_bodies_take_the_singular_hint() -> None:
    result = infer_types([TypeRequest("k", ("Volumes", "ListVolumesResponse"), ([{"id": "a"}],))])
    assert result.types["k"] == ListOf(ModelRef(ClassName("Volume")))
    result = infer_types([TypeRequest("k", ("ListVolumesResponse",), ([{"id": "a"}],))])
    assert result.types["k"] == ListOf(ModelRef(ClassName("ListVolumesResponseItem")))


def test_reserved_and_unusable_names_are_skipped() -> None:
    sample = {"model": {"a": 1}, "json": {"b": 1}, "exception": {"c": 1}, "none": {"d": 1}, "123": {"e": 1}}
    result = infer_types([TypeRequest("k", ("Thing",), (sample,))])
    expected = ["ThingModel", "Json", "ThingException", "ThingNone", "Thing123", "Thing"]
    assert [m.name for m in result.models] == expected


def test_unusable_hints_fall_back_to_a_readable_name() -> None:
    assert names(TypeRequest("k", ("Exception",), ({"a": 1},))) == ["ExceptionModel"]
    assert names(TypeRequest("k", (), ({"a": 1},))) == ["Payload"]


def test_field_names() -> None:
    wire = [
        "from",
        "class",
        "None",
        "self",
        "type",
        "id",
        "1st",
        "",
        "to_dict",
        "extra_fields",
        "str",
        "match",
    ]
    assert naming.field_names(wire) == [
        "from_",
        "class_",
        "none",
        "self",
        "type",
        "id",
        "field_1st",
        "field",
        "to_dict_",
        "extra_fields_",
        "str_",
        "match",  # a soft keyword is a valid identifier on every Python the SDK targets
    ]


def test_field_names_are_distinct_and_exact_names_win() -> None:
    assert naming.field_names(["a-b", "a_b", "A B"]) == ["a_b_2", "a_b", "a_b_3"]
    assert naming.field_names(["from", "From", "FROM"]) == ["from_", "from_2", "from_3"]
    assert naming.field_names(["", "!!", "名前"]) == ["field", "field_2", "field_3"]


def test_field_names_keep_acronym_plurals_whole() -> None:
    assert naming.field_names(["sizeInGBs", "volumeIDs", "URLsList", "HTTPServer"]) == [
        "size_in_gbs",
        "volume_ids",
        "urls_list",
        "http_server",
    ]


def test_field_names_are_stable_under_reordering_of_other_fields() -> None:
    assert naming.field_names(["a", "b"])[0] == naming.field_names(["a", "c", "b"])[0]


def test_names_do_not_depend_on_the_hash_seed() -> None:
    script = (
        "import json\n"
        "from generator.infer import infer_types\n"
        "from generator.model import TypeRequest\n"
        "s = {'b': {'x': 1}, 'a': [{'y': {'z': None}}], 'c': {'x': 'q'}, '7': 1}\n"
        "r = infer_types([TypeRequest('k', ('T',), (s, {'a': []})), TypeRequest('j', ('T',), ({'c': 1},))])\n"
        "print(json.dumps([[m.name, [f.py_name for f in m.fields]] for m in r.models]))\n"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())


def test_colliding_nested_models_take_the_words_of_the_keys_above_them() -> None:
    first = {"customer": {"contact": {"phone": "1"}}}
    second = {"order": {"contact": {"email": "e"}}}
    result = infer_types([TypeRequest("a", ("Person",), (first,)), TypeRequest("b", ("Shop",), (second,))])
    by_field = {m.fields[0].wire_name: m.name for m in result.models}
    assert by_field["phone"] == "Contact"
    assert by_field["email"] == "OrderContact"


def test_a_long_parent_name_gives_way_to_the_use_sites_resource() -> None:
    parent = "CreatesAUniqueUrlForTheAgreementThatYouCanEmbedInYourApplicationDetails"
    a = TypeRequest("a", ("Thing",), ({"documentData": {"a": 1}},), context="Agreement")
    b = TypeRequest("b", (parent,), ({"documentData": {"b": 1}},), context="View")
    result = infer_types([a, b])
    expected = ["DocumentData", parent, "Thing", "ViewDocumentData"]
    assert sorted(m.name for m in result.models) == sorted(expected)
