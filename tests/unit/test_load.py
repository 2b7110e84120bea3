"""load: format detection, wrappers, BOM, and one-line errors for what is not a collection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SEED, V21, collection

from generator.errors import InputError
from generator.load import load


def write(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "in.json"
    path.write_bytes(data)
    return str(path)


def test_single_item_is_detected() -> None:
    loaded = load(str(SEED))
    assert (loaded.kind, loaded.version, loaded.pointer) == ("item", "2.1", "")


@pytest.mark.parametrize(
    ("schema", "version"),
    [(V21, "2.1"), ("https://schema.getpostman.com/json/collection/v2.0.0/collection.json", "2.0")],
)
def test_collection_versions(tmp_path: Path, schema: str, version: str) -> None:
    doc = {"info": {"name": "x", "schema": schema}, "item": []}
    assert load(write(tmp_path, json.dumps(doc).encode())).version == version


def test_postman_api_wrapper_and_bom(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + json.dumps({"collection": collection()}).encode()
    loaded = load(write(tmp_path, data))
    assert (loaded.kind, loaded.pointer) == ("collection", "/collection")


def test_folder_is_detected(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, json.dumps({"name": "F", "item": []}).encode()))
    assert loaded.kind == "folder"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"{not json", "not valid JSON"),
        (b'{"a": ', "not valid JSON"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"hello": 1}', "not a Postman collection"),
        (b'{"id": "x", "name": "old", "requests": [], "order": []}', "Postman v1"),
        (b"NaN", "not valid JSON"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError) as info:
        load(path)
    line = info.value.one_line()
    assert message in line and path in line and "\n" not in line


def test_directory_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        load(str(tmp_path))
    with pytest.raises(InputError, match="cannot read"):
        load(str(tmp_path / "missing.json"))
