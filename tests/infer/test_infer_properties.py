"""Properties: for any JSON samples, the inferred converter accepts every sample and gives it back exactly."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import naming, typeexpr
from generator.infer import infer_types
from generator.model import ModelRef, TypeRequest

from .support import canonical, converter_of, import_models, render_models

TRICKY_KEYS = st.sampled_from(
    [
        "from",
        "class",
        "self",
        "to_dict",
        "extra_fields",
        "str",
        "a-b",
        "a_b",
        "",
        "123",
        "None",
        "id",
        "type",
        "ocid1.x",
        "名前",
        "x\"'\\\n",
        "__init__",
        "sizeInGBs",
        "items",
        "policies",
    ]
)
KEYS = TRICKY_KEYS | st.text(max_size=6)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**100), max_value=2**100)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e308, -0.0, 5e-324, 2**64, -(2**63) - 1])
    | st.text(max_size=8)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)
REQUESTS = st.lists(st.lists(JSON_VALUES, min_size=1, max_size=4), min_size=1, max_size=4)
HINTS = st.sampled_from([("Thing",), ("Thing", "GetThingResponse"), ("Error", "OpError"), ("Things",), ()])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REQUESTS, st.lists(HINTS, min_size=4, max_size=4))
def test_converters_accept_and_round_trip_every_sample(
    sample_sets: list[list[object]], hints: list[tuple[str, ...]]
) -> None:
    requests = [TypeRequest(str(i), hints[i], tuple(samples)) for i, samples in enumerate(sample_sets)]
    result = infer_types(requests)
    with tempfile.TemporaryDirectory() as directory:
        # black only reformats; formatted output is covered by the test below and test_models_module
        module = import_models(render_models(result.models, fmt=False), Path(directory))
        for request in requests:
            convert = converter_of(module, typeexpr.converter(result.types[request.key]))
            for sample in request.samples:
                assert canonical(module.to_json(convert(sample))) == canonical(sample)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REQUESTS, st.lists(HINTS, min_size=4, max_size=4))
def test_every_object_a_use_site_returns_is_a_model(
    sample_sets: list[list[object]], hints: list[tuple[str, ...]]
) -> None:
    """The contract: a body that is an object (or an array of them) converts to models, whose ``to_dict``
    gives the sample back."""
    requests = [TypeRequest(str(i), hints[i], tuple(samples)) for i, samples in enumerate(sample_sets)]
    result = infer_types(requests)
    with tempfile.TemporaryDirectory() as directory:
        module = import_models(render_models(result.models, fmt=False), Path(directory))
        for request in requests:
            convert = converter_of(module, typeexpr.converter(result.types[request.key]))
            for sample in request.samples:
                stack: list[tuple[object, object]] = [(convert(sample), sample)]
                while stack:
                    value, json_value = stack.pop()
                    if isinstance(json_value, dict):
                        assert isinstance(value, module.Model)
                        assert canonical(value.to_dict()) == canonical(json_value)
                    elif isinstance(json_value, list):
                        assert isinstance(value, list) and len(value) == len(json_value)
                        stack.extend(zip(value, json_value, strict=True))
                    else:
                        assert canonical(value) == canonical(json_value)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REQUESTS, st.lists(HINTS, min_size=4, max_size=4))
def test_black_accepts_the_module(sample_sets: list[list[object]], hints: list[tuple[str, ...]]) -> None:
    requests = [TypeRequest(str(i), hints[i], tuple(samples)) for i, samples in enumerate(sample_sets)]
    compile(render_models(infer_types(requests).models), "models.py", "exec")


@settings(max_examples=100, deadline=None)
@given(REQUESTS, st.lists(HINTS, min_size=4, max_size=4))
def test_models_are_well_formed(sample_sets: list[list[object]], hints: list[tuple[str, ...]]) -> None:
    requests = [TypeRequest(str(i), hints[i], tuple(samples)) for i, samples in enumerate(sample_sets)]
    result = infer_types(requests)
    names = [m.name for m in result.models]
    assert len(set(names)) == len(names)
    defined: set[str] = set()
    for model in result.models:
        assert model.name.isidentifier() and model.name not in naming.MODELS_MODULE_RESERVED
        py_names = [f.py_name for f in model.fields]
        assert len(set(py_names)) == len(py_names)
        assert all(name.isidentifier() and name not in naming.MODEL_FIELD_RESERVED for name in py_names)
        for f in model.fields:
            refs = typeexpr.converter(f.type).replace("(", " ").replace(")", " ").replace(",", " ").split()
            assert all(ref.split(".")[0] in defined for ref in refs if ref.endswith(".from_json"))
        defined.add(model.name)
        structure = (model.values, [(f.wire_name, f.type, f.required) for f in model.fields])
        assert structure not in [
            (other.values, [(f.wire_name, f.type, f.required) for f in other.fields])
            for other in result.models
            if other is not model
        ]
    assert infer_types(list(requests)) == result
    for spec in result.types.values():
        if isinstance(spec, ModelRef):
            assert spec.name in names


@settings(max_examples=100, deadline=None)
@given(st.lists(KEYS, max_size=8))
def test_field_names_are_distinct_identifiers(keys: list[str]) -> None:
    wire = list(dict.fromkeys(keys))
    names = naming.field_names(wire)
    assert len(set(names)) == len(names) == len(wire)
    assert all(
        n.isidentifier() and not n.startswith("_") and n not in naming.MODEL_FIELD_RESERVED for n in names
    )
    assert naming.field_names(wire) == names


def _mutated(sample: object, data: st.DataObject) -> object:
    """``sample`` with one change somewhere inside: a value replaced by any JSON value, a key removed or
    a key added (a copy: the sample stays as it is)."""
    if isinstance(sample, list) and sample and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(sample) - 1))
        return [*sample[:index], _mutated(sample[index], data), *sample[index + 1 :]]
    if isinstance(sample, dict) and sample and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(sample)))
        change = data.draw(st.sampled_from(["inside", "remove", "add"]))
        if change == "remove":
            return {k: v for k, v in sample.items() if k != key}
        if change == "add":
            return {**sample, data.draw(KEYS): data.draw(JSON_VALUES)}
        return {k: _mutated(v, data) if k == key else v for k, v in sample.items()}
    return data.draw(JSON_VALUES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REQUESTS, st.lists(HINTS, min_size=4, max_size=4), st.data())
def test_the_fast_path_agrees_with_the_careful_one(
    sample_sets: list[list[object]], hints: list[tuple[str, ...]], data: st.DataObject
) -> None:
    """Models are read by their straight-line ``_fast`` first and field by field only when it fails: both
    give the same models (equal, the same repr, the same JSON back in the same key order) or the same error,
    on the samples and on samples with a wrong shape, a key missing or an unknown key somewhere."""
    requests = [TypeRequest(str(i), hints[i], tuple(samples)) for i, samples in enumerate(sample_sets)]
    result = infer_types(requests)
    with tempfile.TemporaryDirectory() as directory:
        module = import_models(render_models(result.models, fmt=False), Path(directory))
        for request in requests:
            convert = converter_of(module, typeexpr.converter(result.types[request.key]))
            for sample in request.samples:
                for value in (sample, _mutated(sample, data)):
                    try:
                        fast: object = convert(value)
                    except module.ShapeError as error:
                        with pytest.raises(module.ShapeError) as careful_error:
                            module._carefully(lambda: convert(value))  # noqa: B023 - called at once
                        assert str(careful_error.value) == str(error)
                        continue
                    careful = module._carefully(lambda: convert(value))  # noqa: B023 - called at once
                    assert fast == careful and repr(fast) == repr(careful)
                    assert json.dumps(module.to_json(fast)) == json.dumps(module.to_json(careful))
