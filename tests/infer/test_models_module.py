"""The generated ``models.py``: renders, imports, round-trips, reports bad shapes, passes mypy --strict."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator import typeexpr
from generator.infer import infer_types
from generator.model import ClassName, Model, ModelField, Prim, PythonIdentifier, TypeRequest

from .support import canonical, converter_of, import_models, render_models, seed_requests

RICH_SAMPLES: tuple[object, ...] = (
    {
        "id": "a",
        "count": 1,
        "ratio": 2,
        "flags": [True, 1, "x", None],
        "from": {"class": None, "to_dict": [], "str": "s", "a-b": 1, "a_b": 2, "self": "me"},
        "grid": [[{"x": 1}], []],
        "nothing": None,
        "byId": {"123": {"q": 1}, "456": {"q": 2.5}},
        "mixed": [1, {"k": 1}],
        "big": 2**100,
        "when": "2020-06-22T19:48:13.717Z",
        "tags": {},
        "maybe": {"deep": {"deeper": [1.5]}},
    },
    {"id": "b", "count": 2, "ratio": 2.5, "from": {"a_b": 3}, "grid": [], "nothing": None, "maybe": None},
)


def rich_requests() -> list[TypeRequest]:
    return [
        TypeRequest("rich", ("Rich", "GetRichResponse"), RICH_SAMPLES),
        TypeRequest("list", ("Riches",), ([RICH_SAMPLES[1]], [])),
        TypeRequest("scalar", ("Count",), (1, 2.5)),
        TypeRequest("union", ("Thing",), ("x", 1, [1], {"a": 1}, None)),
        TypeRequest("map", ("Lookup",), ({"123": {"q": 1}, "456": {"q": 2.5, "r": [1]}},)),
        TypeRequest("scalar_map", ("Counts",), ({"1": 1, "2": None}, {})),
        TypeRequest("empty", ("Empty",), ({},)),
        *seed_requests(),
    ]


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, dict[str, Any]]:
    requests = rich_requests()
    result = infer_types(requests)
    module = import_models(render_models(result.models), tmp_path_factory.mktemp("rich"))
    return module, {r.key: (result.types[r.key], r.samples) for r in requests}


def test_every_sample_round_trips(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, cases = rich
    for key, (spec, samples) in cases.items():
        convert = converter_of(module, typeexpr.converter(spec))
        for sample in samples:
            assert canonical(module.to_json(convert(sample))) == canonical(sample), key


def test_fields_are_typed_attributes(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    rich_model = module.Rich.from_json(RICH_SAMPLES[0])
    assert rich_model.id == "a" and rich_model.big == 2**100 and rich_model.when == "2020-06-22T19:48:13.717Z"
    assert rich_model.from_.class_ is None and rich_model.from_.a_b == 2 and rich_model.from_.a_b_2 == 1
    assert rich_model.from_.self == "me"
    assert isinstance(rich_model.by_id["123"], module.ById) and rich_model.by_id["456"].q == 2.5
    assert isinstance(rich_model.grid[0][0], module.Grid)
    other = module.Rich.from_json(RICH_SAMPLES[1])
    assert other.flags is None  # absent, non-nullable: None
    assert other.maybe is None  # present and null
    assert other.tags is None


def test_absent_and_null_stay_apart(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    thing = module.From.from_json({"a_b": 1})
    assert thing.class_ is module.UNSET and not thing.class_ and thing.str_ is None
    assert thing.to_dict() == {"a_b": 1}
    assert module.From.from_json({"a_b": 1, "class": None}).to_dict() == {"a_b": 1, "class": None}


def test_unknown_fields_are_kept_and_written_back(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    data = {"code": "c", "message": "m", "new": {"nested": [1, None]}, "extra_fields": 1}
    error = module.Error.from_json(data)
    assert error.extra_fields == {"new": {"nested": [1, None]}, "extra_fields": 1}
    assert error.to_dict() == data
    assert module.Error.from_dict(data) == error


def test_models_behave_as_dataclasses(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    """Written-out ``__init__``, shared ``__repr__`` and ``__eq__``: what a user sees is a dataclass's."""
    module, _ = rich
    model = module.Rich.from_json(RICH_SAMPLES[0])
    names = [f.name for f in dataclasses.fields(model)]
    assert names[0] == "extra_fields" and "from_" in names and "by_id" in names
    shown = ", ".join(f"{name}={getattr(model, name)!r}" for name in names)
    assert repr(model) == f"Rich({shown})"
    assert model == module.Rich.from_json(RICH_SAMPLES[0]) and model != module.Rich.from_json(RICH_SAMPLES[1])
    assert model.from_ != model and model.__eq__(model.from_) is NotImplemented
    nan = dataclasses.replace(model, big=float("nan"))
    assert nan == nan  # the same value in each field, as a dataclass compares them (tuples: identity first)
    with pytest.raises(TypeError, match="unhashable"):
        hash(model)
    assert dataclasses.asdict(model)["from_"]["self"] == "me"
    self_field = model.from_  # a field named ``self``: __init__'s own first parameter is named otherwise
    assert dataclasses.replace(self_field, self="you").self == "you"
    with pytest.raises(TypeError):
        module.Rich(id="a")  # required fields stay required


def test_a_subclass_is_read_through_its_own_init(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    """``from_dict`` builds the models of the module without calling ``__init__``; a subclass that brings
    its own ``__init__`` is built through it, and one that does not is built like its base."""
    module, _ = rich

    class Seen(module.Error):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.seen = True

    class Plain(module.Error):
        pass

    data = {"code": "c", "message": "m", "new": 1}
    seen = Seen.from_json(data)
    assert seen.seen and type(seen) is Seen and seen.to_dict() == data
    plain = Plain.from_json(data)
    assert type(plain) is Plain and plain.to_dict() == data and not hasattr(plain, "seen")


def test_models_can_be_built_and_serialized_in_code(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    details = module.CreateVolumeGroupBackupDetails(
        volume_group_id="v",
        compartment_id="c",
        defined_tags={},
        display_name="d",
        freeform_tags={},
        type="FULL",
    )
    assert module.to_json([details, {"k": details}])[0]["volumeGroupId"] == "v"
    assert dataclasses.replace(details, type="INCREMENTAL").to_dict()["type"] == "INCREMENTAL"
    with pytest.raises(TypeError):
        module.to_json({1: 2})
    with pytest.raises(TypeError):
        module.to_json(object())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "$: expected an object, got an array"),
        ({"code": 1, "message": "m"}, "$.code: expected a string, got a number"),
        ({"message": "m"}, "$.code: required field is missing"),
        ({"code": "c", "message": "m", "x": {1: 2}}, "$.x: expected string keys, got a number"),
        (
            {"code": "c", "message": "m", "x": [object()]},
            "$.x[0]: expected a JSON value, got a object (not JSON)",
        ),
    ],
)
def test_bad_shapes_name_their_path(
    rich: tuple[ModuleType, dict[str, Any]], value: object, message: str
) -> None:
    module, _ = rich
    with pytest.raises(module.ShapeError) as info:
        module.Error.from_json(value)
    assert str(info.value) == message
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)


def test_nested_errors_name_the_full_path(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    data = json.loads(json.dumps(RICH_SAMPLES[0]))
    data["grid"][0][0]["x"] = "no"
    with pytest.raises(
        module.ShapeError, match=r"^\$\.grid\[0\]\[0\]\.x: expected an integer, got a string$"
    ):
        module.Rich.from_json(data)
    data = json.loads(json.dumps(RICH_SAMPLES[0]))
    data["flags"][1] = {}
    with pytest.raises(
        module.ShapeError, match=r"^\$\.flags\[1\]: expected a boolean, got an object; expected"
    ):
        module.Rich.from_json(data)
    data["flags"] = []
    data["byId"]["9"] = {"q": True}
    with pytest.raises(module.ShapeError, match=r"^\$\.byId\['9'\]|^\$\.byId\.9"):
        module.Rich.from_json(data)


def test_scalar_converters_are_strict(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    assert module.as_float(3) == 3 and isinstance(module.as_float(3), int)
    for convert, bad in [
        (module.as_int, True),
        (module.as_int, 1.0),
        (module.as_float, False),
        (module.as_bool, 0),
        (module.as_str, None),
        (module.as_none, 0),
    ]:
        with pytest.raises(module.ShapeError):
            convert(bad)


def test_empty_module_renders_and_works(tmp_path: Path) -> None:
    module = import_models(render_models(()), tmp_path)
    assert module.__all__[:2] == ["JSON", "UNSET"]
    assert module.as_json({"a": [1, None]}) == {"a": [1, None]}
    assert module.Model.from_json({"x": 1}).to_dict() == {"x": 1}


def test_unformatted_output_is_valid_python() -> None:
    compile(render_models(infer_types(rich_requests()).models, fmt=False), "models.py", "exec")


def test_docstrings_from_descriptions(tmp_path: Path) -> None:
    text = 'Line one.\n\n"""Quoted""" and a backslash \\ and \x00 and "'
    field = ModelField(PythonIdentifier("a"), "a", Prim("str"), True)
    module = import_models(render_models([Model(ClassName("Thing"), (field,), description=text)]), tmp_path)
    assert module.Thing.__doc__ is not None and '"""Quoted"""' in module.Thing.__doc__


def _deep_object(depth: int) -> object:
    return json.loads('{"a": ' * depth + "1" + "}" * depth)


def _deep_array(depth: int) -> object:
    return json.loads("[" * depth + "1" + "]" * depth)


def test_400_levels_deep_round_trip(tmp_path: Path) -> None:
    samples = (_deep_object(400), {"a": _deep_array(400)})
    result = infer_types([TypeRequest("deep", ("Deep",), samples)])
    module = import_models(render_models(result.models), tmp_path)
    convert = converter_of(module, typeexpr.converter(result.types["deep"]))
    for sample in samples:
        assert module.to_json(convert(sample)) == sample


def test_inference_has_no_depth_limit() -> None:
    value: object = 1
    for _ in range(100_000):
        value = {"a": [value]}
    result = infer_types([TypeRequest("deep", ("Deep",), (value,))])
    assert len(result.models) <= 32


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="needs mypy")
def test_generated_module_passes_mypy_strict_and_ruff(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text(render_models(infer_types(rich_requests()).models))
    (tmp_path / "empty.py").write_text(render_models(()))
    (tmp_path / "use.py").write_text(
        "from models import Rich, to_json, union_of, as_str, as_int\n"
        "def total(value: object) -> int:\n"
        "    rich = Rich.from_json(value)\n"
        "    either: int | str = union_of(as_int, as_str)(value)\n"
        "    print(to_json(rich), either)\n"
        "    return rich.count + len(rich.id) + (rich.from_.a_b or 0)\n"
    )
    command = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--no-incremental"]
    done = subprocess.run(
        [*command, "models.py", "empty.py", "use.py"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    ruff = shutil.which("ruff")
    if ruff:
        done = subprocess.run(
            [
                ruff,
                "check",
                "--no-cache",
                "--isolated",
                "--select",
                "E,F,W,B,UP,I",
                "--line-length",
                "110",
                "--target-version",
                "py310",
                "models.py",
                "empty.py",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_body_that_is_a_map_is_a_model_of_its_values(rich: tuple[ModuleType, dict[str, Any]]) -> None:
    module, _ = rich
    lookup = module.Lookup.from_json({"123": {"q": 1}, "9": {"q": 2, "new": True}})
    assert lookup.values["9"].q == 2 and lookup.values["9"].extra_fields == {"new": True}
    assert lookup.to_dict() == {"123": {"q": 1}, "9": {"q": 2, "new": True}}
    assert module.Counts.from_json({"1": None}).values == {"1": None}
    assert module.Empty.from_json({"any": [1]}).to_dict() == {"any": [1]}
    with pytest.raises(module.ShapeError, match=r"\$\['9'\]\.q: expected a number"):
        module.Lookup.from_json({"9": {"q": "x"}})


def test_to_dict_writes_the_keys_in_the_order_they_were_read(tmp_path: Path) -> None:
    """Exactly the JSON it was parsed from: the same text, so key order too (samples disagree on it, and a
    required field used to be written before an optional one wherever it stood)."""
    samples = (
        {"value": "v", "id": "1", "tag": "t"},
        {"tag": "t", "value": "v", "id": "2", "new": [1]},
        {"id": "3"},
    )
    result = infer_types([TypeRequest("rule", ("Rule",), samples)])
    module = import_models(render_models(result.models), tmp_path)
    for sample in samples:
        assert json.dumps(module.Rule.from_json(sample).to_dict()) == json.dumps(sample)
    rule = module.Rule.from_json(samples[2])
    rule.value, rule.tag = "v", "t"
    assert list(rule.to_dict()) == ["id", "value", "tag"]  # keys set since it was read go last
    assert list(module.Rule(id="4", tag="t").to_dict()) == ["id", "tag"]  # a model built in code: field order
    assert rule == module.Rule(id="3", value="v", tag="t")  # the order read is no part of equality
    assert "_keys" not in dataclasses.asdict(rule) and "_keys" not in repr(rule)
