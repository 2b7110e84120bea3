"""Tests for the validate stage: the project's Postman schemas and the problems `validate` reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Literal

import jsonschema  # type: ignore[import-untyped, unused-ignore]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import validate as validate_module
from generator.validate import SchemaProblem, load_schema, validate, validate_item

Version = Literal["2.0", "2.1"]

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
REAL = SHARED / "collections" / "real"
FIXTURE_FOLDERS = (
    "pcg-fixtures",
    "newman-fixtures",
    "postman-collection-fixtures",
    "schemas-examples",
    "pccg-fixtures",
)

# Corpus files a Postman-format parser may reasonably reject, with the pointers of their problems.
# Real collections with pointers the schema refuses (none: newman's inherited-entities fixture writes one
# item's `event` as a single object, which newman runs and so the schema takes).
KNOWN_INVALID: dict[str, list[str]] = {}


def _paths(pattern: str) -> list[Path | None]:
    found = sorted(REAL.glob(pattern)) if REAL.is_dir() else []
    return list(found) or [None]


def _load(path: Path | None) -> dict[str, object]:
    if path is None:
        pytest.skip(f"shared corpus not found at {REAL}")
    document: dict[str, object] = json.loads(path.read_text("utf-8-sig"))
    return document


def _named_version(document: dict[str, object]) -> Version | None:
    """The format the collection's schema URL names; the pre-release `/v2/` and `#2.0.0` URLs are v2.0."""
    info = document.get("info")
    if not isinstance(info, dict):
        return None
    url = str(info.get("schema") or info.get("_postman_schema") or "")
    if "v2.1" in url:
        return "2.1"
    if "v2.0" in url or "/v2/" in url or "#2.0" in url:
        return "2.0"
    return None


def _problems_of(document: dict[str, object]) -> list[SchemaProblem]:
    version = _named_version(document)
    if version is None:  # no info block: newman runs these as a bare folder
        return validate_item(document, "2.1")
    return validate(document, version)


@pytest.mark.parametrize("path", _paths("*.postman_collection.json"), ids=lambda p: p.name if p else "absent")
def test_vendor_collections_validate_clean(path: Path | None) -> None:
    document = _load(path)
    assert _named_version(document) is not None
    assert _problems_of(document) == []


@pytest.mark.parametrize(
    "path",
    [p for folder in FIXTURE_FOLDERS for p in _paths(f"{folder}/**/*.postman_collection.json") if p]
    or [None],
    ids=lambda p: str(p.relative_to(REAL)) if p else "absent",
)
def test_fixture_collections_validate_clean(path: Path | None) -> None:
    document = _load(path)
    if "item" not in document:
        pytest.skip("v1 collection: refused by the loader before validation")
    assert path is not None
    pointers = [problem.pointer for problem in _problems_of(document)]
    assert pointers == KNOWN_INVALID.get(path.name, [])


@pytest.mark.parametrize("version", ["2.1", "2.0"])
def test_a_single_event_object_is_taken_as_newman_takes_it(version: str) -> None:
    event = {"listen": "test", "script": {"exec": ["pm.test('x', () => {});"]}}
    item = {"name": "x", "request": "https://api.example.test/x", "event": event}
    assert validate_item(item, version) == []
    assert validate_item({**item, "event": [event]}, version) == []
    assert validate_item({**item, "event": "nope"}, version) != []


def test_seed_item_validates_clean() -> None:
    seed = SHARED / "seed" / "CreateVolumeGroupBackup.postman_item.json"
    if not seed.is_file():
        pytest.skip(f"seed not found at {seed}")
    item = json.loads(seed.read_text("utf-8"))
    assert validate_item(item, "2.1") == []
    assert validate_item(item, "2.0") == []


# ---------------------------------------------------------------------------------------------------------
# Invalid documents: the pointer names the exact bad value


def _collection(*items: object, **extra: object) -> dict[str, object]:
    return {"info": {"name": "t", "schema": "v2.1.0"}, "item": list(items), **extra}


def _request_item(**request: object) -> dict[str, object]:
    return {"name": "r", "request": {"method": "GET", "url": "https://example.com", **request}}


# fmt: off
INVALID: list[tuple[str, object, str, str]] = [
    ("url number", _collection(_request_item(url=42)),
     "/item/0/request/url", "expected a string or an object, got a number (42)"),
    ("method object", _collection(_request_item(method={"name": "GET"})),
     "/item/0/request/method", 'expected a string, got an object ({"name": "GET"})'),
    ("item not a list", {"info": {}, "item": {"request": "x"}},
     "/item", 'expected an array, got an object ({"request": "x"})'),
    ("header number", _collection(_request_item(header=7)),
     "/item/0/request/header", "expected an array or a string, got a number (7)"),
    ("header value number", _collection(_request_item(header=[{"key": "X-A", "value": 1}])),
     "/item/0/request/header/0/value", "expected a string or null, got a number (1)"),
    ("header without key", _collection(_request_item(header=[{"value": "v"}])),
     "/item/0/request/header/0", "missing required property 'key'"),
    ("body mode number", _collection(_request_item(body={"mode": 3, "raw": ""})),
     "/item/0/request/body/mode", "expected a string, got a number (3)"),
    ("raw body object", _collection(_request_item(body={"mode": "raw", "raw": {"a": 1}})),
     "/item/0/request/body/raw", 'expected a string, got an object ({"a": 1})'),
    ("formdata text", _collection(_request_item(body={"mode": "formdata", "formdata": "a=b"})),
     "/item/0/request/body/formdata", 'expected an array or an empty string, got a string ("a=b")'),
    ("host segment number", _collection(_request_item(url={"host": ["example", 5]})),
     "/item/0/request/url/host/1", "expected a string, got a number (5)"),
    ("path segment bool", _collection(_request_item(url={"path": ["a", True]})),
     "/item/0/request/url/path/1", "expected a string or an object, got a boolean (true)"),
    ("query not a list", _collection(_request_item(url={"query": {"a": "1"}})),
     "/item/0/request/url/query", 'expected an array, got an object ({"a": "1"})'),
    ("response code text", _collection({"request": "x", "response": [{"code": "200"}]}),
     "/item/0/response/0/code", 'expected an integer, got a string ("200")'),
    ("auth without type", _collection(auth={"basic": []}),
     "/auth", "missing required property 'type'"),
    ("v2.1 auth params object", _collection(auth={"type": "basic", "basic": {"username": "u"}}),
     "/auth/basic", 'expected an array, got an object ({"username": "u"})'),
    ("event exec number", _collection(event=[{"listen": "test", "script": {"exec": 1}}]),
     "/event/0/script/exec", "expected an array or a string, got a number (1)"),
    ("item neither request nor folder", _collection({"name": "lost"}),
     "/item/0", "missing 'request': an item needs 'request' (a request) or 'item' (a folder)"),
    ("nested folder", _collection({"item": [{"item": [_request_item(url=None)]}]}),
     "/item/0/item/0/item/0/request/url", "expected a string or an object, got null"),
    ("document not an object", [1, 2], "", "expected an object, got an array ([1, 2])"),
    ("document without items", {"info": {}}, "", "missing required property 'item'"),
]
# fmt: on


@pytest.mark.parametrize(
    ("document", "pointer", "message"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID]
)
def test_invalid_document_names_the_bad_value(document: object, pointer: str, message: str) -> None:
    assert validate(document, "2.1") == [SchemaProblem(pointer, message)]


@pytest.mark.parametrize("document", [case[1] for case in INVALID], ids=[case[0] for case in INVALID])
def test_fast_check_rejects_what_jsonschema_rejects(document: object) -> None:
    # The compiled check decides whether jsonschema looks at all: it must never pass a bad document.
    assert not validate_module._fast_check("2.1", "collection")(document)
    assert list(jsonschema.Draft7Validator(load_schema("2.1")).iter_errors(document))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
# Where a random value is dropped into an otherwise valid request item.
SLOTS = [
    ("request",),
    ("request", "url"),
    ("request", "method"),
    ("request", "header"),
    ("request", "body"),
    ("request", "body", "mode"),
    ("request", "body", "urlencoded"),
    ("request", "auth"),
    ("request", "auth", "basic"),
    ("request", "url", "host"),
    ("request", "url", "query"),
    ("request", "url", "variable"),
    ("response",),
    ("event",),
    ("variable",),
    ("item",),
    ("name",),
    ("description",),
]


@settings(max_examples=200, deadline=None)
@given(slot=st.sampled_from(SLOTS), value=JSON, version=st.sampled_from(["2.0", "2.1"]))
def test_fast_check_agrees_with_jsonschema(slot: tuple[str, ...], value: object, version: Version) -> None:
    item: dict[str, object] = {
        "request": {"url": {"raw": "u", "query": []}, "body": {"mode": "raw"}, "auth": {"type": "basic"}}
    }
    target: dict[str, object] = item
    for key in slot[:-1]:
        target = target[key]  # type: ignore[assignment]
    target[slot[-1]] = value
    detailed = validate_module._detailed_validator(version, "item")
    assert validate_module._fast_check(version, "item")(item) == detailed.is_valid(item)


def test_v2_0_wants_auth_params_as_an_object() -> None:
    document = _collection(auth={"type": "basic", "basic": [{"key": "username", "value": "u"}]})
    assert validate(document, "2.1") == []
    assert [p.pointer for p in validate(document, "2.0")] == ["/auth/basic"]


def test_all_problems_deepest_first_in_document_order() -> None:
    document = _collection(_request_item(url=1), _request_item(method=2, header=[{"key": 3}]))
    document["event"] = "not a list"
    expected = ["/item/1/request/header/0/key", "/item/0/request/url", "/item/1/request/method", "/event"]
    assert [p.pointer for p in validate(document, "2.1")] == expected
    assert validate(document, "2.1") == validate(json.loads(json.dumps(document)), "2.1")


def test_validate_item_points_into_the_item() -> None:
    assert validate_item(_request_item(), "2.1") == []
    assert validate_item({"name": "f", "item": [_request_item()]}, "2.0") == []
    assert [p.pointer for p in validate_item(_request_item(url=[1]), "2.1")] == ["/request/url"]
    assert [p.pointer for p in validate_item({"item": [{"request": 5}]}, "2.1")] == ["/item/0/request"]


# ---------------------------------------------------------------------------------------------------------
# Permissive where real exports vary


@pytest.mark.parametrize("version", ["2.0", "2.1"])
def test_unknown_body_mode_and_auth_type_pass(version: Version) -> None:
    item = _request_item(
        body={"mode": "protobuf", "protobuf": {"any": ["thing"]}},
        auth={"type": "kerberos", "kerberos": {"realm": 1}},
    )
    folder = {"item": [item], "auth": {"type": "custom", "custom": [{"key": "k", "value": 1}]}}
    assert validate(_collection(folder), version) == []


def test_nulls_and_extra_keys_of_real_exports_pass() -> None:
    request = {
        "method": "POST",
        "description": None,
        "header": [{"key": "A", "value": None, "type": "text", "x-extra": 1}],
        "url": {
            "raw": "h/p?k",
            "host": "h",
            "path": "p",
            "query": [{"key": "k", "value": None}, {"key": None, "value": "v"}],
            "variable": [{"key": "id", "value": None}],
        },
        "body": {"mode": "graphql", "graphql": {"query": "{a}", "variables": None}, "options": {"raw": {}}},
        "auth": None,
    }
    response = {
        "name": "e",
        "code": 200,
        "header": None,
        "cookie": [],
        "body": None,
        "responseTime": None,
        "originalRequest": "https://example.com",
        "_postman_previewlanguage": None,
    }
    document = _collection(
        {"request": request, "response": [response], "_postman_id": "1"},
        variable=[{"key": "v", "value": None}, {"id": "n", "value": 3}],
        auth=None,
    )
    assert validate(document, "2.1") == []
    assert validate(_collection({"request": {"url": "u", "body": None}}), "2.0") == []


# ---------------------------------------------------------------------------------------------------------
# Depth, size and messages


def _folders(depth: int, leaf: object) -> dict[str, object]:
    node: dict[str, object] = {"name": "leaf", "item": [leaf]}
    for _ in range(depth - 1):
        node = {"name": "f", "item": [node]}
    return node


def _nested_value(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


def test_deep_folders_validate() -> None:
    assert validate(_collection(_folders(150, _request_item())), "2.1") == []
    problems = validate(_collection(_folders(150, _request_item(url=42))), "2.1")
    assert [p.pointer for p in problems] == ["/item/0" + "/item/0" * 150 + "/request/url"]
    assert validate(_collection(_folders(5000, _request_item())), "2.1") == []


def test_deep_json_values_validate() -> None:
    deep = _nested_value(400)
    body = {"mode": "raw", "raw": "{}", "options": {"raw": deep}}
    assert (
        validate(_collection(_request_item(body=body), variable=[{"key": "v", "value": deep}]), "2.1") == []
    )
    limit = sys.getrecursionlimit()
    # Deeper than the default stack allows jsonschema to describe: handled on a deep stack.
    for depth in (400, 3 * limit):
        problems = validate(_collection(_request_item(body={"raw": _nested_value(depth)})), "2.1")
        assert [p.pointer for p in problems] == ["/item/0/request/body/raw"]
    assert sys.getrecursionlimit() == limit


def test_messages_are_one_short_line() -> None:
    huge = {"key": "x" * 10_000, "value": ["y" * 10_000] * 1000, "\n": "\n" * 100}
    breaks = {"a\u2028b": "\x85\u2029\r" * 100}
    document = _collection(_request_item(header=huge), _request_item(method=breaks, header="h\u2028" * 5000))
    problems = validate(document, "2.1")
    assert [p.pointer for p in problems] == ["/item/0/request/header", "/item/1/request/method"]
    for problem in problems:
        assert problem.message.splitlines() == [problem.message]
        assert len(problem.message) < 150


def test_any_of_errors_report_the_deepest_cause() -> None:
    schema = {"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {"type": "integer"}}}]}
    validator = jsonschema.Draft7Validator(schema)
    [deeper] = validator.iter_errors({"a": "x"})
    assert validate_module._problem_for(deeper, "/base") == SchemaProblem(
        "/base/a", 'expected an integer, got a string ("x")'
    )
    [level] = validator.iter_errors(3)
    assert validate_module._problem_for(level) == SchemaProblem(
        "", "expected a string or an object, got a number (3)"
    )


# ---------------------------------------------------------------------------------------------------------
# The schema files


@pytest.mark.parametrize("version", ["2.0", "2.1"])
def test_schema_is_valid_draft_07(version: Version) -> None:
    jsonschema.Draft7Validator.check_schema(load_schema(version))


def test_schemas_differ_only_in_auth_parameters() -> None:
    def without_version_details(schema: dict[str, object]) -> dict[str, object]:
        definitions = dict(schema["definitions"])  # type: ignore[call-overload]
        definitions.pop("authParams")
        rest = {k: v for k, v in schema.items() if k not in ("title", "description", "definitions")}
        return {**rest, "definitions": definitions}

    v20, v21 = load_schema("2.0"), load_schema("2.1")
    assert without_version_details(v20) == without_version_details(v21)
    assert v20["definitions"]["authParams"]["type"] == "object"  # type: ignore[index]
    assert v21["definitions"]["authParams"]["type"] == "array"  # type: ignore[index]


def test_import_is_cheap() -> None:
    code = (
        "import sys, generator.validate; print(sorted({'jsonschema', 'fastjsonschema'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
