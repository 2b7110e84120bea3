"""Load stage: a path (or ``-`` for stdin) -> a JSON document and what kind of Postman export it is."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.errors import InputError

Kind = Literal["collection", "item", "folder"]

V1_HINT = (
    "this is a Postman v1 collection; gen-client reads v2.0 and v2.1. Convert it first, e.g. "
    "`npx postman-collection-transformer convert -i IN.json -o OUT.json -j 1.0.0 -p 2.1.0 -P`"
)


@dataclass(frozen=True)
class Loaded:
    """A parsed input document, unwrapped to the collection, item or folder it holds."""

    file: str
    document: dict[str, object]
    kind: Kind
    version: Literal["2.0", "2.1"]
    pointer: str
    sha256: str
    stem: str

    @property
    def format(self) -> str:
        return f"v{self.version} {self.kind}"


# A JSON escape of a UTF-16 surrogate: the only way a string that is not valid Unicode gets into a document.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SCHEMA_MARKERS = (("/v2.1", "2.1"), ("/v2.0", "2.0"), ("/v2/", "2.0"), ("#2.0", "2.0"), ("/v1", "1"))
_TYPE_WORDS = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}


def read_bytes(path: str) -> tuple[str, bytes]:
    """Read an input; returns the name to report in errors and the bytes."""
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    target = Path(path)
    try:
        mode = target.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, "", "is a directory, not a collection file")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise InputError(path, "", "is a device, not a collection file")
        return path, target.read_bytes()
    except OSError as exc:
        raise InputError(path, "", f"cannot read: {exc.strerror or exc}") from None


def decode(file: str, data: bytes) -> object:
    """Bytes -> JSON value; a UTF-8 BOM is accepted, anything else that is not JSON is refused."""
    if not data.strip():
        raise InputError(file, "", "empty file, expected a Postman collection (JSON)")
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            file, "", f"not UTF-8 text (byte {exc.start}); expected a Postman collection (JSON)"
        ) from None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            file, "", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise InputError(file, "", "JSON nested too deeply to read") from None
    except ValueError as exc:  # a number too long to convert, a NaN or Infinity
        raise InputError(file, "", f"not valid JSON: {str(exc).split(';')[0]}") from None
    return _without_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


def _without_surrogates(value: object) -> object:
    """``value`` with every lone UTF-16 surrogate (which cannot be written as UTF-8) replaced by U+FFFD."""

    def fix(item: object) -> object:
        return _SURROGATE.sub("\ufffd", item) if isinstance(item, str) else item

    root: list[object] = [value]
    stack: list[list[object] | dict[str, object]] = [root]
    while stack:
        container = stack.pop()
        if isinstance(container, list):
            for i, item in enumerate(container):
                container[i] = fix(item)
                if isinstance(item, (list, dict)):
                    stack.append(item)
        else:
            items = [(fix(key), fix(item)) for key, item in container.items()]
            container.clear()
            for key, item in items:
                container[str(key)] = item
                if isinstance(item, (list, dict)):
                    stack.append(item)
    return root[0]


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _schema_version(info: object) -> str | None:
    if not isinstance(info, dict):
        return None
    schema = info.get("schema", info.get("_postman_schema"))
    if not isinstance(schema, str):
        return None
    # Postman's URLs: .../v2.1.0/..., .../v2.0.0/..., the pre-release .../v2/..., and "#2.0.0" in early
    # exports.
    for marker, version in _SCHEMA_MARKERS:
        if marker in schema:
            return version
    return None


def detect(file: str, value: object) -> tuple[dict[str, object], Kind, Literal["2.0", "2.1"], str]:
    """Find the collection, item or folder inside a JSON value."""
    if not isinstance(value, dict):
        kind = _TYPE_WORDS.get(type(value), "null" if value is None else "a boolean")
        raise InputError(file, "", f"expected a JSON object (a Postman collection), got {kind}")
    pointer = ""
    if "collection" in value and "info" not in value and isinstance(value["collection"], dict):
        value, pointer = value["collection"], "/collection"
    if "info" in value:
        version = _schema_version(value["info"])
        if version == "1":
            raise InputError(file, pointer + "/info/schema", V1_HINT)
        return value, "collection", "2.0" if version == "2.0" else "2.1", pointer
    if "requests" in value and ("order" in value or "folders" in value):
        raise InputError(file, pointer, V1_HINT)
    if isinstance(value.get("values"), list) and "item" not in value and "request" not in value:
        raise InputError(
            file, pointer, "this is a Postman environment, not a collection: pass it with --env ENV.json"
        )
    if "request" in value:
        return value, "item", "2.1", pointer
    if "item" in value:
        return value, "folder", "2.1", pointer
    raise InputError(
        file, pointer, "not a Postman collection: no `info`, `item` or `request` (expected v2.0 or v2.1 JSON)"
    )


def load(path: str) -> Loaded:
    file, data = read_bytes(path)
    document, kind, version, pointer = detect(file, decode(file, data))
    name = Path(path).name if path != "-" else "collection"
    stem = name.split(".", 1)[0] or "collection"
    return Loaded(file, document, kind, version, pointer, hashlib.sha256(data).hexdigest(), stem)
