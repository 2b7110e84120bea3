"""Fuzz cases for gen-client and the checks every case must pass.

Two sources of input. Collections drawn from the project's own JSON Schemas (``generator/schema/``) with
hypothesis-jsonschema: every non-recursive definition (request, response, auth, ...) becomes a strategy and
the folder tree is built around them, since the schema's recursion is more than hypothesis-jsonschema
resolves. And real collections (``collections/`` and the shared corpus) with random mutations: values
replaced by other JSON, hostile strings or wrong types, keys deleted, subtrees duplicated or nested deep,
and byte-level damage (truncation, junk, other encodings).

Each case must end in exit 0 with output that compiles, or exit 2 with a one-line error: ``check_generate``
runs the pipeline in-process, ``check_cli`` the real command. Used by ``tests/fuzz`` (a small default run)
and ``benchmarks/fuzz.py`` (the long run).
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Literal

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator import pipeline
from generator.errors import InputError

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the pyproject check is skipped
    tomllib = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "generator" / "schema"
SCHEMA_URLS = {
    "2.0": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json",
    "2.1": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
}
CORPUS_DIRS = (ROOT / "collections", ROOT.parent / "shared" / "collections" / "real")

JSON = object
Outcome = Literal["exit0", "exit2"]

# ---------------------------------------------------------------------------------------------------------
# Hostile strings mixed into every kind of input

HOSTILE_STRINGS = (
    "",
    " ",
    "class",
    "self",
    "None",
    "__init__",
    "1abc",
    "!!!",
    "a-b",
    "a_b",
    "ñandú 東京",
    "'''",
    '"""',
    "\\",
    "a\nb",
    "a\r\nX-Injected: 1",
    "a\x00b",
    "\ud800",
    "{{ }}",
    "{{x}}",
    "{% raw %}",
    "{#",
    "../../../etc/passwd",
    "__import__('os').system('touch CANARY')",
    "'); __import__('os').system('touch CANARY') #",
    '"""; __import__("os").system("touch CANARY") #',
    "http_client",
    "models",
    "httpx",
    "cached_property",
    "json",
    "x" * 300,
    "\u2028\u0085\x0c\x0b",
    "$guid",
    "{{$guid}}",
    ":id",
    "?a=1&b",
    "#frag",
)
HUGE_NUMBERS = (10**200, -(10**300), 1e308, -1e-320, 2**63, 2**64 + 1, 0.1 + 0.2)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(HUGE_NUMBERS),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(HOSTILE_STRINGS),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12) | st.sampled_from(HOSTILE_STRINGS), children, max_size=4),
    ),
    max_leaves=12,
)


# ---------------------------------------------------------------------------------------------------------
# Collections from the project's schema


@cache
def _schema(version: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((SCHEMAS / f"postman-v{version}.json").read_text("utf-8"))
    return loaded


def _definition(version: str, name: str, *, drop: tuple[str, ...] = ()) -> st.SearchStrategy[JSON]:
    """A strategy for one schema definition (with its references resolved), minus some properties."""
    schema = _schema(version)
    definitions = copy.deepcopy(schema["definitions"])
    assert isinstance(definitions, dict)
    target = definitions[name]
    for key in drop:
        target.get("properties", {}).pop(key, None)
        if key in target.get("required", []):
            target["required"] = [r for r in target["required"] if r != key]
    target.setdefault("properties", {})
    return from_schema({"$schema": schema["$schema"], "definitions": definitions, **target})


@cache
def schema_parts(version: str) -> dict[str, st.SearchStrategy[JSON]]:
    """Strategies for the parts of a collection, each drawn from the schema's definitions (built once)."""
    return {
        "request_item": _definition(version, "requestItem"),
        "folder": _definition(version, "folder", drop=("item",)),
        "info": _definition(version, "info"),
        "variables": _definition(version, "variableList"),
        "events": _definition(version, "eventList"),
        "auth": _definition(version, "auth"),
    }


@st.composite
def schema_collections(draw: st.DrawFn, version: str | None = None) -> dict[str, JSON]:
    """A collection document that the project's schema accepts: a tree of folders and request items."""
    version = version or draw(st.sampled_from(("2.0", "2.1")))
    parts = schema_parts(version)

    def folder(children: st.SearchStrategy[JSON]) -> st.SearchStrategy[JSON]:
        return st.builds(
            lambda f, items: {**f, "item": items}, parts["folder"], st.lists(children, max_size=3)
        )

    items = st.recursive(parts["request_item"], folder, max_leaves=4)
    info = draw(parts["info"])
    assert isinstance(info, dict)
    document: dict[str, JSON] = {
        "info": {**info, "schema": SCHEMA_URLS[version]},
        "item": draw(st.lists(items, max_size=3)),
    }
    for key in ("variables", "events", "auth"):
        if draw(st.booleans()):
            document[{"variables": "variable", "events": "event", "auth": "auth"}[key]] = draw(parts[key])
    return document


# ---------------------------------------------------------------------------------------------------------
# Mutations of real collections


def corpus(max_bytes: int | None = None) -> list[Path]:
    """Every JSON file of the bundled and shared collections (and fixtures), smallest first."""
    found = [p for d in CORPUS_DIRS if d.is_dir() for p in d.rglob("*.json")]
    sized = sorted(found, key=lambda p: (p.stat().st_size, str(p)))
    return [p for p in sized if max_bytes is None or p.stat().st_size <= max_bytes]


def _containers(document: JSON) -> list[tuple[JSON, object]]:
    """Every (container, key or index) slot of a JSON document, in document order, without recursion."""
    slots: list[tuple[JSON, object]] = []
    stack = [document] if isinstance(document, (dict, list)) else []  # a string's characters are no slots
    while stack:
        node = stack.pop()
        keys: list[object] = list(node) if isinstance(node, dict) else list(range(len(node)))  # type: ignore[arg-type]
        for key in keys:
            slots.append((node, key))
            child = node[key]  # type: ignore[index]
            if isinstance(child, (dict, list)):
                stack.append(child)
    return slots


WRONG_TYPES: tuple[JSON, ...] = (None, True, 0, -1, 1.5, "", "text", [], {}, [None], {"": None}, 10**30)
# Most mutations keep the document's shape (a string stays a string), so most cases reach generation; the
# rest break it, so the errors get exercised too.
MUTATIONS = (
    ("hostile_string",) * 6
    + ("text",) * 2
    + ("huge",) * 2
    + ("duplicate",) * 2
    + ("nest", "deep_body", "deep_value", "rename", "replace", "wrong_type", "delete")
)


def _json_value(rng: random.Random, depth: int = 0) -> JSON:
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3 and roll < 0.3:
        return {rng.choice(HOSTILE_STRINGS): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return rng.choice((*WRONG_TYPES, *HOSTILE_STRINGS, *HUGE_NUMBERS))


def mutate(document: JSON, rng: random.Random) -> JSON:
    """One random mutation of a JSON document (a deep copy is changed)."""
    document = copy.deepcopy(document)
    slots = _containers(document)
    if not slots:
        return _json_value(rng)
    kind = rng.choice(MUTATIONS)
    wanted = {"hostile_string": str, "text": str, "huge": (int, float), "duplicate": object}.get(kind)
    fitting = [
        (node, key)
        for node, key in slots
        if wanted is not None
        and isinstance(node[key], wanted)  # type: ignore[index]
        and (kind != "duplicate" or isinstance(node, list))
    ]
    node, key = rng.choice(fitting or slots)
    value = node[key]  # type: ignore[index]
    if kind == "hostile_string" and isinstance(value, str):
        node[key] = rng.choice(HOSTILE_STRINGS)  # type: ignore[index]
    elif kind == "text" and isinstance(value, str):
        node[key] = "".join(chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0, 0xFFFF)))) for _ in range(8))  # type: ignore[index]
    elif kind == "huge" and isinstance(value, (int, float)) and not isinstance(value, bool):
        node[key] = rng.choice(HUGE_NUMBERS)  # type: ignore[index]
    elif kind == "duplicate" and isinstance(node, list):
        node.insert(key, copy.deepcopy(value))  # type: ignore[arg-type]
    elif kind == "nest":
        for _ in range(rng.randint(1, 60)):
            value = {"name": rng.choice(HOSTILE_STRINGS), "item": [value]}
        node[key] = value  # type: ignore[index]
    elif kind == "deep_body":
        depth = rng.randint(1, 450)
        opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
        node[key] = opener * depth + "1" + closer * depth  # type: ignore[index]
    elif kind == "deep_value":
        for _ in range(rng.randint(1, 400)):
            value = rng.choice(([value], {"k": value}))
        node[key] = value  # type: ignore[index]
    elif kind == "rename" and isinstance(node, dict):
        node[rng.choice(HOSTILE_STRINGS)] = node.pop(key)
    elif kind == "wrong_type":
        node[key] = copy.deepcopy(rng.choice(WRONG_TYPES))  # type: ignore[index]
    elif kind == "delete":
        del node[key]  # type: ignore[attr-defined]
    else:
        node[key] = _json_value(rng)  # type: ignore[index]
    return document


def damage(data: bytes, rng: random.Random) -> bytes:
    """Byte-level damage to a serialized document."""
    kind = rng.choice(("truncate", "junk", "flip", "utf16", "bom", "nul"))
    if kind == "truncate" and data:
        return data[: rng.randrange(len(data))]
    if kind == "junk":
        at = rng.randint(0, len(data))
        return data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at:]
    if kind == "flip" and data:
        at = rng.randrange(len(data))
        return data[:at] + bytes([data[at] ^ rng.randint(1, 255)]) + data[at + 1 :]
    if kind == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    return data.replace(b'"', b'"\\u0000', 1)


@cache
def _parsed(path: Path) -> tuple[bool, JSON]:
    try:
        return True, json.loads(path.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False, None


def mutated_bytes(path: Path, seed: int) -> bytes:
    """Bytes of a real collection after a few random mutations and, one time in ten, byte-level damage."""
    rng = random.Random(seed)
    ok, document = _parsed(path)
    if not ok:
        return damage(path.read_bytes(), rng)
    for _ in range(rng.randint(1, 6)):
        document = mutate(document, rng)
    data = json.dumps(document, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    return damage(data, rng) if rng.random() < 0.1 else data


def mutated_inputs(files: tuple[Path, ...]) -> st.SearchStrategy[bytes]:
    """Mutated real collections: hypothesis picks the file and the seed of the mutations."""
    return st.builds(mutated_bytes, st.sampled_from(files), st.integers(0, 2**32 - 1))


def schema_inputs() -> st.SearchStrategy[bytes]:
    """Bytes of a schema-drawn collection, sometimes mutated further."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        document: JSON = draw(schema_collections())
        seed = draw(st.integers(0, 2**32 - 1))
        if seed % 2:
            document = mutate(document, random.Random(seed))
        return json.dumps(document).encode("utf-8", "surrogatepass")

    return build()


# ---------------------------------------------------------------------------------------------------------
# The checks


class FuzzFailure(AssertionError):
    """A case that ended neither in exit 0 with compiling output nor in exit 2 with a one-line error."""


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    detail: str  # the error line, or the package generated


def _check_error_line(line: str, path: Path) -> None:
    if "\n" in line.strip() or not line.startswith("error: ") or path.name not in line:
        raise FuzzFailure(f"not a one-line error naming the file: {line[:500]!r}")
    if "Traceback" in line or "error: internal" in line:
        raise FuzzFailure(f"internal error: {line[:500]!r}")


def _check_files(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or "\\" in name or not parts:
            raise FuzzFailure(f"unsafe output path {name!r}")
        if name.endswith(".py"):
            try:
                compile(data, name, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as exc:
                raise FuzzFailure(f"{name} does not compile: {exc}") from exc
        elif name.endswith(".json"):
            json.loads(data)
        elif name.endswith(".toml") and tomllib is not None:
            tomllib.loads(data.decode("utf-8"))


def check_generate(path: Path, *, formatting: bool = False) -> Result:
    """Run the pipeline in-process on ``path``; raise FuzzFailure unless the outcome is a clean 0 or 2."""
    try:
        generated = pipeline.generate(str(path), formatting=formatting)
    except InputError as exc:
        line = exc.one_line()
        _check_error_line(line, path)
        return Result("exit2", line)
    except Exception as exc:  # anything else is a bug, reported with the input that caused it
        raise FuzzFailure(f"{type(exc).__name__}: {exc}"[:2000]) from exc
    _check_files(generated.files)
    return Result("exit0", generated.api.package)


def check_cli(path: Path, out: Path, *extra: str, timeout: float = 600) -> Result:
    """Run the real ``gen-client`` on ``path``; the same contract, plus nothing written on exit 2."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(path), "-o", str(out), "-q", *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode == 2:
        _check_error_line(result.stderr.strip(), path)
        if out.exists():
            raise FuzzFailure(f"exit 2 but {out} was written")
        return Result("exit2", result.stderr.strip())
    if result.returncode != 0:
        raise FuzzFailure(f"exit {result.returncode}: {result.stderr[-2000:]}")
    files = {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and ".gen-client" not in p.relative_to(out).parts[:1]
    }
    _check_files(files)
    return Result("exit0", str(out))


Check = Callable[[Path], Result]
