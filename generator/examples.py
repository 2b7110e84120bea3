"""Infer stage glue: the JSON examples of every operation -> TypeRequests -> types attached to the IR."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace

from generator import infer, naming
from generator.model import (
    Api,
    ErrorType,
    Example,
    Group,
    Model,
    ModelRef,
    Nullable,
    Operation,
    Parameter,
    Prim,
    TypeRequest,
    TypeSpec,
    UnionOf,
    evolve,
)


def _resource(op: Operation) -> str:
    literal = [s for s in op.url.path if s and not s.startswith(":") and "{{" not in s]
    return naming.pascal(naming.singular(literal[-1])) if literal else ""


def type_requests(api: Api) -> list[TypeRequest]:
    """One request per use site: each JSON request body, each operation's 2xx bodies, each error status.

    Names are hinted best first: the resource (responses), then the operation, then the operation within its
    folder (an operation name can repeat across folders).
    """
    requests: list[TypeRequest] = []
    for index, (chain, op) in enumerate(api.all_operations()):
        name = naming.pascal(op.py_name) or "Operation"
        folder = naming.pascal(chain[-1].py_name) if chain else ""
        resource = _resource(op)
        context = resource or folder
        if op.body is not None and op.body.is_json:
            samples = (op.body.json_sample,) + tuple(
                e.request_body.json_sample for e in op.examples if e.request_body and e.request_body.is_json
            )
            body_hints = (*_hints((), name, folder, "Details"), name + "Body")
            requests.append(TypeRequest(f"{index}:body", body_hints, samples, context))
        ok = tuple(e.json_sample for e in op.examples if _is_success(e) and e.is_json)
        if ok:
            hints = _hints((resource,), name, folder, "Response")
            requests.append(TypeRequest(f"{index}:response", hints, ok, context))
        statuses = sorted({e.status for e in op.examples if e.status and e.status >= 400 and e.is_json})
        for status in statuses:
            samples = tuple(e.json_sample for e in op.examples if e.status == status and e.is_json)
            hints = _hints(("Error",), name, folder, "Error")
            requests.append(TypeRequest(f"{index}:error:{status}", hints, samples, context))
    return requests


def _hints(first: tuple[str, ...], name: str, folder: str, suffix: str) -> tuple[str, ...]:
    """``first``, then the operation's name with ``suffix``, then that within its folder."""
    return tuple(dict.fromkeys(h for h in (*first, name + suffix, folder + name + suffix) if h))


def _body_fields(
    op: Operation, body_type: TypeSpec | None, models: Mapping[str, Model]
) -> tuple[Parameter, ...]:
    """Keyword arguments for the fields of a JSON object body: each sets its key on the body sent."""
    model = models.get(body_type.name) if isinstance(body_type, ModelRef) else None
    if model is None or not model.fields:
        return ()
    names = naming.body_field_names([f.py_name for f in model.fields], (p.py_name for p in op.params))
    return tuple(
        Parameter(name, f.wire_name, "body", None, description=_field_doc(f.wire_name), type=f.type)
        for name, f in zip(names, model.fields, strict=True)
    )


def _field_doc(wire: str) -> str:
    return f"Sets {json.dumps(wire, ensure_ascii=False)} in the JSON body (default: the saved body's value)."


def _is_success(example: Example) -> bool:
    """A 2xx example; one without a status code counts as 200, as the generated tests answer it."""
    return example.answer == "success"


def _response_type(op: Operation, inferred: TypeSpec | None) -> tuple[TypeSpec, bool]:
    """The return type from the 2xx examples, and whether the body is text to hand back as it is."""
    ok = [e for e in op.examples if _is_success(e)]
    if not ok:
        return Prim("any"), False
    # Only a body of no bytes is empty, as the runtime decodes it: whitespace is text.
    has_text = any(not e.is_json and e.body for e in ok)
    has_empty = any(not e.body for e in ok)
    if inferred is None:
        if has_text and not has_empty:
            return Prim("str"), True
        return (Prim("none") if not has_text else Prim("any")), False
    if has_text:  # JSON or text, as the runtime decodes it: the JSON examples' type, or the text
        inferred = _with_text(inferred)
    return (Nullable(inferred) if has_empty and not _admits_null(inferred) else inferred), False


def _with_text(t: TypeSpec) -> TypeSpec:
    """``t`` or ``str``."""
    if isinstance(t, Nullable):
        return Nullable(_with_text(t.inner))
    if isinstance(t, Prim) and t.kind in ("any", "str"):
        return t
    options = t.options if isinstance(t, UnionOf) else (t,)
    if Prim("str") in options:
        return t
    return UnionOf((*options, Prim("str")))


def _admits_null(t: TypeSpec) -> bool:
    return isinstance(t, Nullable) or (isinstance(t, Prim) and t.kind in ("any", "none"))


def apply_types(api: Api) -> Api:
    """Infer every type from the examples and attach it to the operations."""
    result = infer.infer_types(type_requests(api))
    models: dict[str, Model] = {model.name: model for model in result.models}
    index = iter(range(1_000_000_000))

    def typed(op: Operation) -> Operation:
        i = next(index)
        errors = tuple(
            ErrorType(status, result.types.get(f"{i}:error:{status}"))
            for status in sorted({e.status for e in op.examples if e.status and e.status >= 400})
        )
        response_type, text_response = _response_type(op, result.types.get(f"{i}:response"))
        body_type = result.types.get(f"{i}:body")
        return evolve(
            op,
            params=op.params + _body_fields(op, body_type, models),
            body_type=body_type,
            response_type=response_type,
            text_response=text_response,
            errors=errors,
        )

    def visit(group: Group) -> Group:
        operations = tuple(typed(op) for op in group.operations)
        return evolve(group, operations=operations, groups=tuple(visit(g) for g in group.groups))

    return replace(api, groups=tuple(visit(g) for g in api.groups), models=result.models)
