"""Infer stage glue: the JSON examples of every operation -> TypeRequests -> types attached to the IR."""

from __future__ import annotations

from dataclasses import replace

from generator import infer, naming
from generator.model import Api, ErrorType, Group, Nullable, Operation, Prim, TypeRequest, TypeSpec


def _resource(op: Operation) -> str:
    literal = [s for s in op.url.path if s and not s.startswith(":") and "{{" not in s]
    return naming.pascal(naming.singular(literal[-1])) if literal else ""


def type_requests(api: Api) -> list[TypeRequest]:
    requests: list[TypeRequest] = []
    for index, (_, op) in enumerate(api.all_operations()):
        name = naming.pascal(op.py_name) or "Operation"
        resource = _resource(op)
        if op.body is not None and op.body.is_json:
            samples = (op.body.json_sample,) + tuple(
                e.request_body.json_sample for e in op.examples if e.request_body and e.request_body.is_json
            )
            requests.append(TypeRequest(f"{index}:body", (f"{name}Details", f"{name}Body"), tuple(samples)))
        ok = [
            e.json_sample for e in op.examples if e.status is not None and 200 <= e.status < 300 and e.is_json
        ]
        if ok:
            hints = tuple(h for h in (resource, f"{name}Response") if h)
            requests.append(TypeRequest(f"{index}:response", hints, tuple(ok)))
        statuses = sorted({e.status for e in op.examples if e.status and e.status >= 400 and e.is_json})
        for status in statuses:
            samples = tuple(e.json_sample for e in op.examples if e.status == status and e.is_json)
            requests.append(TypeRequest(f"{index}:error:{status}", ("Error", f"{name}Error"), samples))
    return requests


def _response_type(op: Operation, inferred: TypeSpec | None) -> TypeSpec:
    ok = [e for e in op.examples if e.status is not None and 200 <= e.status < 300]
    if not ok:
        return Prim("any")
    has_text = any(not e.is_json and e.body.strip() for e in ok)
    has_empty = any(not e.body.strip() for e in ok)
    if inferred is None:
        if has_text and not has_empty:
            return Prim("str")
        return Prim("none") if not has_text else Prim("any")
    if has_text:
        return Prim("any")
    return Nullable(inferred) if has_empty and not isinstance(inferred, Nullable) else inferred


def apply_types(api: Api) -> Api:
    """Infer every type from the examples and attach it to the operations."""
    result = infer.infer_types(type_requests(api))
    index = iter(range(1_000_000_000))

    def typed(op: Operation) -> Operation:
        i = next(index)
        errors = tuple(
            ErrorType(status, result.types.get(f"{i}:error:{status}"))
            for status in sorted({e.status for e in op.examples if e.status and e.status >= 400})
        )
        return replace(
            op,
            body_type=result.types.get(f"{i}:body"),
            response_type=_response_type(op, result.types.get(f"{i}:response")),
            errors=errors,
        )

    def visit(group: Group) -> Group:
        operations = tuple(typed(op) for op in group.operations)
        return replace(group, operations=operations, groups=tuple(visit(g) for g in group.groups))

    return replace(api, groups=tuple(visit(g) for g in api.groups), models=result.models)
