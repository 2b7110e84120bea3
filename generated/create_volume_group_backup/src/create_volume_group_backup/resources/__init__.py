"""One module per Postman folder, imported lazily by the clients.

Each module's saved requests live in the JSON file beside it (``<module>.json``): they are data, read once
when the module is imported and turned into ``Operation`` values on first use. Every method of a sync class
hands its arguments to ``invoke``; the async class reuses the same method through ``asynced``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from .. import models
from .._runtime import Auth, Body, Field, Header, Operation, Query
from .._transport import SyncRuntime

P = ParamSpec("P")
T = TypeVar("T")
# JSON names of a converter that parses plain values (anything else names a model).
PLAIN = {
    "str": models.as_str,
    "int": models.as_int,
    "float": models.as_float,
    "bool": models.as_bool,
    "none": models.as_none,
    "any": models.as_json,
}
Spec = dict[str, Any]


class Operations(Mapping[str, Operation]):
    """The saved requests of one module by operation name; each is built from its JSON on first use."""

    def __init__(self, specs: dict[str, Spec]) -> None:
        self._specs = specs
        self._built: dict[str, Operation] = {}

    def __getitem__(self, name: str) -> Operation:
        op = self._built.get(name)
        if op is None:
            op = self._built[name] = operation(name, self._specs[name])
        return op

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


def operations(module: str) -> Operations:
    """The saved requests of the resource module named ``module`` (its ``__name__``)."""
    path = Path(__file__).with_name(module.rpartition(".")[2] + ".json")
    return Operations(json.loads(path.read_text(encoding="utf-8")))


def operation(name: str, spec: Spec) -> Operation:
    """An ``Operation`` from its JSON: lists become tuples, parts their dataclasses, errors converters."""
    fields = dict(spec)
    fields["path"] = tuple(spec.get("path", ()))
    fields["path_params"] = tuple(tuple(p) for p in spec.get("path_params", ()))
    fields["query"] = tuple(Query(*q) for q in spec.get("query", ()))
    fields["headers"] = tuple(Header(*h) for h in spec.get("headers", ()))
    fields["body_fields"] = tuple((name, key) for name, key in spec.get("body_fields", ()))
    if "body" in spec:
        body = dict(spec["body"])
        body["fields"] = tuple(Field(*f) for f in body.get("fields", ()))
        fields["body"] = Body(**body)
    if "auth" in spec:
        fields["auth"] = Auth(spec["auth"][0], tuple((k, v) for k, v in spec["auth"][1]))
    fields["errors"] = {int(status): converter(kind) for status, kind in spec.get("errors", {}).items()}
    return Operation(name=name, **fields)


def converter(kind: Any) -> Callable[[object], object]:
    """The converter a JSON type names: ``"str"``, ``["model", "Pet"]``, ``["list", ...]`` and so on."""
    if isinstance(kind, str):
        return PLAIN[kind]
    tag, inner = kind
    if tag == "model":
        return cast(Callable[[object], object], getattr(models, inner).from_json)
    if tag == "list":
        return models.list_of(converter(inner))
    if tag == "dict":
        return models.dict_of(converter(inner))
    if tag == "nullable":
        return models.nullable(converter(inner))
    options = [converter(option) for option in inner]
    return functools.reduce(models.union_of, options[1:], options[0])


def invoke(op: Operation, convert: Callable[[object], T], scope: Mapping[str, Any]) -> T:
    """Send ``op`` with a method's parameters (its ``locals()``): the request's arguments, the options and
    ``self``, whose runtime sends it (sync, or async for the twin ``asynced`` made). The runtime reads each
    argument by its name, which no option has, so the options need not be taken out."""
    runtime: SyncRuntime = scope["self"]._runtime
    return runtime.call(
        op, scope, scope.get("body"), convert, scope["variables"], scope["timeout"], scope["max_retries"]
    )


def asynced(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, T]]:
    """The async twin of a sync method: the same parameters and body, sent through the async runtime."""

    @functools.wraps(method)
    async def call(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await cast(Awaitable[T], method(self, *args, **kwargs))

    return call
