"""The intermediate model (IR): the contract between parsing and rendering.

Plain frozen dataclasses. Templates never see raw Postman JSON, only these. Strings called "templates" may
hold Postman ``{{variables}}``; the generated runtime expands them at call time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar


class PythonIdentifier(str):
    """A safe Python identifier. Only ``generator.naming`` makes these."""

    __slots__ = ()


class ClassName(str):
    """A safe Python class name. Only ``generator.naming`` makes these."""

    __slots__ = ()


_Value = TypeVar("_Value")


def evolve(instance: _Value, **changes: Any) -> _Value:
    """``dataclasses.replace`` for this module's frozen dataclasses, four times as fast: their ``__init__``
    only sets the fields (no ``__post_init__``, no ``init=False`` field, no slots, nothing cached on an
    instance), so the instance's fields with ``changes`` set are the same value. The parse makes thousands
    of them on a large collection."""
    unknown = changes.keys() - instance.__dataclass_fields__.keys()  # type: ignore[attr-defined]
    if unknown:
        raise TypeError(f"{type(instance).__name__} has no field {min(unknown)!r}")
    new = object.__new__(type(instance))
    new.__dict__.update(instance.__dict__)
    new.__dict__.update(changes)
    return new


# ---------------------------------------------------------------------------------------------------------
# Types inferred from JSON examples


@dataclass(frozen=True)
class Prim:
    """A scalar. ``any`` is a JSON value of unknown shape; ``none`` is a value only ever seen as null."""

    kind: Literal["str", "int", "float", "bool", "any", "none"]


@dataclass(frozen=True)
class ListOf:
    item: TypeSpec


@dataclass(frozen=True)
class DictOf:
    """A JSON object used as a map (dynamic keys)."""

    value: TypeSpec


@dataclass(frozen=True)
class ModelRef:
    name: ClassName


@dataclass(frozen=True)
class UnionOf:
    options: tuple[TypeSpec, ...]


@dataclass(frozen=True)
class Nullable:
    inner: TypeSpec


TypeSpec = Prim | ListOf | DictOf | ModelRef | UnionOf | Nullable


@dataclass(frozen=True)
class ModelField:
    py_name: PythonIdentifier
    wire_name: str
    type: TypeSpec
    required: bool


@dataclass(frozen=True)
class Model:
    """A dataclass in the generated ``models.py``."""

    name: ClassName
    fields: tuple[ModelField, ...]
    description: str = ""
    # A map model (a body that is a JSON object with data for keys): no fields, its values have this type
    values: TypeSpec | None = None


@dataclass(frozen=True)
class TypeRequest:
    """One place that needs a type: a request body, a 2xx response, an error payload."""

    key: str
    hint: tuple[str, ...]
    samples: tuple[object, ...]
    # A short word for where the samples come from (the resource): context for nested models that collide
    context: str = ""


# ---------------------------------------------------------------------------------------------------------
# Requests


@dataclass(frozen=True)
class Variable:
    """A Postman variable known at generation time."""

    name: str
    default: str | None
    secret: bool = False
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class Parameter:
    """A keyword argument of an operation that overrides one part of the saved request."""

    py_name: PythonIdentifier
    wire_name: str
    location: Literal["path", "query", "header", "form", "file", "body"]
    default: str | None
    enabled: bool = True
    description: str = ""
    type: TypeSpec | None = None  # a ``body`` field's type: a key of the JSON object body


@dataclass(frozen=True)
class QueryPart:
    """One saved query pair, in order. ``value`` None means a key without ``=``."""

    key: str
    value: str | None
    enabled: bool
    param: PythonIdentifier | None


@dataclass(frozen=True)
class HeaderPart:
    key: str
    value: str
    enabled: bool
    param: PythonIdentifier | None
    signed: bool = False


@dataclass(frozen=True)
class Url:
    """A saved URL, split the way Postman builds it back."""

    protocol: str | None
    host: str
    port: str | None
    path: tuple[str, ...]
    has_leading_slash: bool
    query: tuple[QueryPart, ...]
    hash: str | None
    base_variable: str | None

    @property
    def path_text(self) -> str:
        return "/".join(self.path)


@dataclass(frozen=True)
class FormField:
    key: str
    value: str
    kind: Literal["text", "file"]
    enabled: bool
    content_type: str | None
    src: str | None
    param: PythonIdentifier | None
    description: str = ""


@dataclass(frozen=True)
class Body:
    mode: Literal["raw", "urlencoded", "formdata", "file", "graphql"]
    raw: str = ""
    language: str | None = None
    content_type: str | None = None
    fields: tuple[FormField, ...] = ()
    src: str | None = None
    graphql_query: str = ""
    graphql_variables: str = ""
    json_sample: object = None
    is_json: bool = False


@dataclass(frozen=True)
class AuthSpec:
    """A resolved Postman auth: its type and its parameters (templates)."""

    type: str
    params: tuple[tuple[str, str], ...]
    source: str


@dataclass(frozen=True)
class Settings:
    """protocolProfileBehavior, inherited down folders."""

    follow_redirects: bool | None = None
    max_redirects: int | None = None
    strict_ssl: bool | None = None
    disable_body_pruning: bool | None = None
    disable_url_encoding: bool | None = None


@dataclass(frozen=True)
class Example:
    name: str
    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: str
    json_sample: object
    is_json: bool
    request_body: Body | None
    request_query: tuple[QueryPart, ...] | None
    source: str

    @property
    def answer(self) -> str:
        """What the SDK makes of this response: "success" (2xx; no status counts as 200), "error" (4xx
        and up), "redirect" (3xx), or "none" (1xx, 0 or negative: no final response; neither typed nor
        tested)."""
        status = 200 if self.status is None else self.status
        if 200 <= status < 300:
            return "success"
        if status >= 400:
            return "error"
        return "redirect" if status >= 300 else "none"


@dataclass(frozen=True)
class ErrorType:
    status: int
    type: TypeSpec | None


@dataclass(frozen=True)
class Operation:
    name: str
    py_name: PythonIdentifier
    method: str
    url: Url
    headers: tuple[HeaderPart, ...]
    params: tuple[Parameter, ...]
    body: Body | None
    auth: AuthSpec | None
    examples: tuple[Example, ...]
    description: str
    source: str
    settings: Settings
    scripts: tuple[str, ...] = ()
    variables: tuple[str, ...] = ()
    idempotency_header: str | None = None
    path_params: tuple[tuple[str, str, PythonIdentifier], ...] = ()
    body_type: TypeSpec | None = None
    response_type: TypeSpec | None = None
    # 2xx bodies are text, not JSON (a JSON string is JSON): the runtime hands back the text as it is
    text_response: bool = False
    errors: tuple[ErrorType, ...] = ()


@dataclass(frozen=True)
class Group:
    """A Postman folder (or, for requests at the root, the resource their path names)."""

    name: str
    py_name: PythonIdentifier
    class_name: ClassName
    description: str
    operations: tuple[Operation, ...]
    groups: tuple[Group, ...]
    source: str


@dataclass(frozen=True)
class Api:
    name: str
    package: PythonIdentifier
    distribution: str
    description: str
    format: str
    variables: tuple[Variable, ...]
    groups: tuple[Group, ...]
    env_prefix: str
    signer: Literal["oci"] | None = None
    secrets: tuple[tuple[str, str], ...] = ()
    models: tuple[Model, ...] = ()
    warnings: tuple[tuple[str, str], ...] = field(default=())

    def all_operations(self) -> list[tuple[tuple[Group, ...], Operation]]:
        """Every operation with the chain of groups that holds it, in collection order."""
        found: list[tuple[tuple[Group, ...], Operation]] = []

        def visit(chain: tuple[Group, ...], group: Group) -> None:
            here = (*chain, group)
            found.extend((here, op) for op in group.operations)
            for sub in group.groups:
                visit(here, sub)

        for group in self.groups:
            visit((), group)
        return found
