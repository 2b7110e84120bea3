"""Validate stage: a collection (or one exported item) -> schema problems, each with a JSON pointer.

Checks the document against the project's own JSON Schemas (``generator/schema/postman-v2.*.json``), one
item at a time: each folder or request is checked with its child items left out, walking folders with an
explicit stack, so the cost is linear and folder depth never becomes recursion depth. A compiled validator
(fastjsonschema) answers for each node; only the nodes it rejects go to jsonschema, which stays the
authority and says exactly what is wrong and where. A 3.6 MB collection validates in well under a second.

Values nested deeper than the stack allows (jsonschema renders them in its messages) are handled by
validating again in a thread with a large stack and a raised recursion limit. Both libraries are imported
on first use, so importing this module is cheap.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, TypeVar

from generator.errors import join_pointer

if TYPE_CHECKING:
    import jsonschema  # type: ignore[import-untyped, unused-ignore]
    from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped, unused-ignore]

Version = Literal["2.0", "2.1"]
Root = Literal["collection", "item"]
T = TypeVar("T")

PREVIEW_CHARS = 60
# For documents nested too deeply for the default stack: enough for folders thousands of levels deep.
DEEP_RECURSION_LIMIT = 200_000
DEEP_STACK_BYTES = 512 * 1024 * 1024

_deep_lock = threading.Lock()


@dataclass(frozen=True)
class SchemaProblem:
    """One way a document breaks the schema."""

    pointer: str  # RFC 6901 pointer into the validated document; "" is the document itself
    message: str  # one line; values are shown shortened

    def render(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


def validate(document: object, version: Version) -> list[SchemaProblem]:
    """All schema problems of a collection document, deepest first; an empty list means valid."""
    return _guarded(document, version, "collection")


def validate_item(item: object, version: Version) -> list[SchemaProblem]:
    """All schema problems of one exported request item or folder, taken as the whole document."""
    return _guarded(item, version, "item")


# ---------------------------------------------------------------------------------------------------------
# Running the validators


def _problems(document: object, version: Version, root: Root) -> list[SchemaProblem]:
    """Check the document one item at a time (children emptied), walking folders with an explicit stack.

    Each node's own fields are checked once, so the cost is linear and folder depth never becomes
    recursion depth; jsonschema runs only on the nodes the fast check rejects.
    """
    problems: set[SchemaProblem] = set()
    pending: list[tuple[str, object, Root]] = [("", document, root)]
    while pending:
        pointer, node, kind = pending.pop()
        children = node.get("item") if isinstance(node, dict) else None
        own = {**node, "item": []} if isinstance(node, dict) and isinstance(children, list) else node
        if not _fast_check(version, kind)(own):
            errors: Iterable[ValidationError] = _detailed_validator(version, kind).iter_errors(own)
            problems.update(_problem_for(error, pointer) for error in errors)
        if isinstance(children, list):
            pending.extend((f"{pointer}/item/{index}", child, "item") for index, child in enumerate(children))
    return sorted(problems, key=_problem_order)


def _guarded(document: object, version: Version, root: Root) -> list[SchemaProblem]:
    """Validate; when the document is too deep for the current stack, validate again on a deep one."""
    try:
        return _problems(document, version, root)
    except RecursionError:
        pass
    try:
        return _call_with_deep_stack(lambda: _problems(document, version, root))
    except RecursionError:
        return [SchemaProblem("", "document is nested too deeply to validate")]


def _call_with_deep_stack(call: Callable[[], T]) -> T:
    """Run ``call`` in a thread with a large stack and a raised recursion limit; re-raise what it raises."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the calling thread
            failure.append(exc)

    # The recursion limit is per process: one deep run at a time, and it is restored after.
    with _deep_lock:
        previous_limit = sys.getrecursionlimit()
        try:
            previous_stack = threading.stack_size(DEEP_STACK_BYTES)
        except ValueError:  # the platform refuses the size: keep its default
            previous_stack = threading.stack_size()
        sys.setrecursionlimit(max(previous_limit, DEEP_RECURSION_LIMIT))
        try:
            worker = threading.Thread(target=target, name="gen-client-validate-deep")
            worker.start()
            worker.join()
        finally:
            threading.stack_size(previous_stack)
            sys.setrecursionlimit(previous_limit)
    if failure:
        raise failure[0]
    return outcome[0]


# ---------------------------------------------------------------------------------------------------------
# Schemas and validators, built once on first use


@cache
def load_schema(version: Version) -> dict[str, object]:
    """The project's JSON Schema for a collection of this version (shared and cached: do not modify it)."""
    text = resources.files("generator.schema").joinpath(f"postman-v{version}.json").read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def _rooted(version: Version, root: Root) -> dict[str, object]:
    schema = load_schema(version)
    if root == "collection":
        return schema
    # Draft-07 ignores keywords beside "$ref", so an item-rooted schema carries only the definitions.
    return {"$schema": schema["$schema"], "definitions": schema["definitions"], "$ref": "#/definitions/item"}


@cache
def _fast_check(version: Version, root: Root) -> Callable[[object], bool]:
    """A compiled yes/no check; the first call per schema compiles it (tens of milliseconds)."""
    import fastjsonschema  # type: ignore[import-untyped, unused-ignore]

    compiled: Callable[[object], object] = fastjsonschema.compile(_rooted(version, root), use_default=False)

    def passes(document: object) -> bool:
        try:
            compiled(document)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return passes


@cache
def _detailed_validator(version: Version, root: Root) -> jsonschema.Draft7Validator:
    import jsonschema  # type: ignore[import-untyped, unused-ignore]

    return jsonschema.Draft7Validator(_rooted(version, root))


# ---------------------------------------------------------------------------------------------------------
# Turning jsonschema errors into problems


def _problem_for(error: ValidationError, base: str = "") -> SchemaProblem:
    """The problem an error reports, its pointer relative to ``base``; for anyOf/oneOf the deepest cause."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match  # type: ignore[import-untyped, unused-ignore]

        best: ValidationError = best_match([error])
        if best is not error:
            return _problem_for(best, base)
    pointer = join_pointer(base, *error.absolute_path)
    return SchemaProblem(pointer, _message_for(error))


def _message_for(error: ValidationError) -> str:
    keyword = error.validator
    instance: object = error.instance
    if keyword == "type" or (keyword == "maxLength" and error.validator_value == 0):
        return f"expected {_wanted(error.schema)}, got {_describe_value(instance)}"
    if keyword == "required":
        present = instance if isinstance(instance, dict) else {}
        missing = [name for name in _as_list(error.validator_value) if name not in present]
        if missing == ["request"]:
            return "missing 'request': an item needs 'request' (a request) or 'item' (a folder)"
        noun = "property" if len(missing) == 1 else "properties"
        return f"missing required {noun} " + ", ".join(repr(name) for name in missing)
    if keyword in ("anyOf", "oneOf"):
        types = [
            t
            for sub in error.context
            if sub.validator == "type" and not sub.relative_path
            for t in _as_list(sub.validator_value)
        ]
        wanted = _describe_types(list(dict.fromkeys(types))) if types else "one of the allowed forms"
        return f"expected {wanted}, got {_describe_value(instance)}"
    first_line = str(error.message).splitlines()[0] if error.message else str(keyword)
    return _shorten(f"{keyword}: {first_line}", 2 * PREVIEW_CHARS)


def _wanted(schema: object) -> str:
    """What a schema's ``type`` accepts, in words; ``maxLength: 0`` narrows strings to the empty one."""
    if not isinstance(schema, Mapping):
        return "something else"
    types = _as_list(schema.get("type"))
    if schema.get("maxLength") == 0:
        types = ["empty string" if t == "string" else t for t in types]
    return _describe_types(types)


def _problem_order(problem: SchemaProblem) -> tuple[int, list[tuple[int, int, str]], str]:
    """Deepest first, then document order (array indices numerically), then message."""
    tokens = problem.pointer.split("/")[1:] if problem.pointer else []
    keys = [(0, int(token), "") if token.isdigit() else (1, 0, token) for token in tokens]
    return (-len(tokens), keys, problem.message)


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


_TYPE_WORDS = {
    "string": "a string",
    "object": "an object",
    "array": "an array",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
    "empty string": "an empty string",
}


def _describe_types(types: object) -> str:
    words = [_TYPE_WORDS.get(t, t) for t in _as_list(types)]
    if len(words) <= 1:
        return words[0] if words else "nothing"
    return ", ".join(words[:-1]) + " or " + words[-1]


def _describe_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, (int, float)):
        kind = "a number"
    elif isinstance(value, str):
        kind = "an empty string" if not value else "a string"
    elif isinstance(value, list):
        kind = "an array"
    elif isinstance(value, dict):
        kind = "an object"
    else:
        return f"a {type(value).__name__}, which is not JSON"
    return f"{kind} ({preview(value)})"


def preview(value: object, limit: int = PREVIEW_CHARS) -> str:
    """A short, one-line JSON rendering of a value; cost is bounded whatever the value's size."""
    return _shorten(_compact(value, depth=0, budget=limit + 1), limit)


def _compact(value: object, depth: int, budget: int) -> str:
    if isinstance(value, str):
        return _quoted(value[:budget])
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if value.bit_length() < 256 else "<a very large integer>"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, dict)):
        opener, closer = ("[", "]") if isinstance(value, list) else ("{", "}")
        if not value:
            return opener + closer
        if depth >= 3:
            return opener + "..." + closer
        pairs = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        parts: list[str] = []
        used = 2
        for key, item in pairs:
            if used > budget:
                parts.append("...")
                break
            label = "" if key is None else _quoted(str(key)[:budget]) + ": "
            part = label + _compact(item, depth + 1, budget - used)
            parts.append(part)
            used += len(part) + 2
        return opener + ", ".join(parts) + closer
    return f"<{type(value).__name__}>"


# Characters that JSON leaves raw but str.splitlines() breaks on.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).translate(_LINE_BREAKS)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
