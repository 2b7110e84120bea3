"""IR -> template contexts: every code-text decision the templates need, made in Python."""

from __future__ import annotations

import http
import re
from dataclasses import dataclass

from generator import layout, naming, typeexpr
from generator.auth import auth_summary
from generator.literals import docstring, inline_docstring
from generator.model import (
    Api,
    Body,
    ClassName,
    DictOf,
    Group,
    ListOf,
    ModelRef,
    Nullable,
    Operation,
    Prim,
    TypeSpec,
    UnionOf,
)

STANDARD_ERRORS = (
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
)
AUTH_EXPORTS = (
    "APIKeyAuth",
    "AWSSigV4Auth",
    "BasicAuth",
    "BearerAuth",
    "EdgeGridAuth",
    "HawkAuth",
    "JWTAuth",
    "OAuth1Auth",
    "OAuth2Auth",
    "OAuth2ClientCredentials",
    "OCISigner",
)


def md_inline(text: str, limit: int = 160) -> str:
    """Text safe inside one Markdown table cell or line: no newlines, pipes or backticks."""
    flat = " ".join(text.split()).replace("|", "\\|").replace("`", "'")
    return flat[:limit] + ("..." if len(flat) > limit else "")


@dataclass(frozen=True)
class StatusError:
    status: int | None
    name: str
    base: str
    label: str


def status_errors(api: Api) -> list[StatusError]:
    """One exception class per error status: the standard ones, then any other status an example shows."""
    out = [
        StatusError(s, n, "APIStatusError", f"{s} {http.HTTPStatus(s).phrase}") for s, n in STANDARD_ERRORS
    ]
    out.append(StatusError(None, "InternalServerError", "APIStatusError", "5xx"))
    known = {s for s, _ in STANDARD_ERRORS}
    seen = sorted(
        {e.status for _, op in api.all_operations() for e in op.examples if e.status and e.status >= 400}
    )
    scope = naming.Scope(n.name for n in out)
    for status in seen:
        if status in known:
            continue
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = f"Status {status}"
        name = scope.class_name(phrase + " Error", fallback="Status")
        base = "InternalServerError" if 500 <= status < 600 else "APIStatusError"
        out.append(StatusError(status, name, base, f"{status} {phrase}"))
    return out


def _returns(op: Operation) -> tuple[str, str]:
    t: TypeSpec | None = op.response_type
    if t is None:
        t = Prim("any")
    return typeexpr.annotation(t, prefix="models."), typeexpr.converter(t, prefix="models.")


def _body_param(op: Operation) -> str | None:
    body: Body | None = op.body
    if body is None:
        return "models.JSON | str | bytes | None"
    if body.mode in ("urlencoded", "formdata"):
        return "Mapping[str, str] | None"
    if body.mode == "file":
        return None
    if op.body_type is not None:
        return f"{typeexpr.annotation(op.body_type, prefix='models.')} | models.JSON | str | bytes | None"
    return "models.JSON | str | bytes | None"


def _op_doc(op: Operation) -> str:
    parts = [op.description.strip() or f"{op.method} {op.name}"]
    if op.scripts:
        parts.append(
            "Note: the collection runs a " + " and a ".join(sorted(set(op.scripts))) + " script here; "
            "gen-client does not run scripts."
        )
    params = [p for p in op.params if p.description.strip()]
    if params:
        parts.append(
            "Args:\n" + "\n".join(f"    {p.py_name}: {' '.join(p.description.split())}" for p in params)
        )
    return docstring("\n\n".join(parts))


def operation_context(op: Operation, label: str, const: str, errors: dict[int, str]) -> dict[str, object]:
    returns, converter = _returns(op)
    annotations = {"file": "FileInput | None"}
    return {
        "py_name": op.py_name,
        "const": const,
        "label": label,
        "method": op.method,
        "origin": _origin(op),
        "path": op.url.path,
        "path_params": tuple((k, v, p) for k, v, p in op.path_params),
        "query": op.url.query,
        "headers": op.headers,
        "body": op.body,
        "auth": op.auth,
        "hash": op.url.hash,
        "base_variable": op.url.base_variable,
        "idempotency_header": op.idempotency_header,
        "prune_body": not op.settings.disable_body_pruning,
        "encode_url": not op.settings.disable_url_encoding,
        "follow_redirects": op.settings.follow_redirects,
        "text_response": op.text_response,
        "body_fields": [(p.py_name, p.wire_name) for p in op.params if p.location == "body"],
        "errors": [
            {
                "status": e.status,
                "converter": typeexpr.converter(e.type, prefix="models."),
                "kind": type_spec(e.type),
            }
            for e in op.errors
            if e.type is not None
        ],
        "params": [
            _param(
                p.py_name,
                (
                    typeexpr.optional_annotation(p.type, prefix="models.")
                    if p.type is not None
                    else annotations.get(p.location, "str | None")
                ),
            )
            for p in op.params
        ]
        + ([_param("file", "FileInput | None")] if op.body is not None and op.body.mode == "file" else []),
        "body_param": _body_param(op),
        "returns": returns,
        "converter": converter,
        "doc": _op_doc(op),
    }


def _param(py_name: str, annotation: str) -> dict[str, object]:
    """A keyword parameter of an operation's method; ``wrap``: its annotation needs a line of its own."""
    return {
        "py_name": py_name,
        "wire_key": py_name,
        "annotation": annotation,
        "wrap": layout.wraps_annotation(py_name, annotation),
    }


def _origin(op: Operation) -> str:
    url = op.url
    out = f"{url.protocol}://{url.host}" if url.protocol else url.host
    return f"{out}:{url.port}" if url.port else out


def module_context(api: Api, group: Group, errors: dict[int, str]) -> dict[str, object]:
    """One resource module: the top-level group and its subgroups (a sync and an async class each), and the
    saved request of every operation as JSON data (``specs``, written beside the module)."""
    operations: list[dict[str, object]] = []
    classes: list[dict[str, object]] = []
    queue: list[tuple[str, Group]] = [(group.py_name, group)]
    while queue:
        path, current = queue.pop(0)
        ops = []
        for op in current.operations:
            ctx = operation_context(op, f"{path}.{op.py_name}", "", errors)
            ctx["doc_block"] = layout.docstring_block(str(ctx["doc"]), layout.METHOD_INDENT)
            ctx["call"] = layout.call_statement(str(ctx["label"]), str(ctx["converter"]))
            ctx["async_alias"] = layout.assignment(
                op.py_name, f"asynced({current.class_name}.{op.py_name})", layout.CLASS_INDENT
            )
            ctx["wrap_body"] = bool(ctx["body_param"]) and layout.wraps_annotation("body", ctx["body_param"])
            operations.append(ctx)
            ops.append(ctx)
        classes.append(
            {
                "class_name": current.class_name,
                "doc": layout.docstring_block(
                    docstring(current.description or f'Operations of "{current.name}".'), layout.CLASS_INDENT
                ),
                "subgroups": [
                    {
                        "sync": layout.subgroup(s.py_name, s.class_name),
                        "async": layout.subgroup(s.py_name, f"Async{s.class_name}"),
                    }
                    for s in current.groups
                ],
                "operations": ops,
            }
        )
        queue.extend((f"{path}.{s.py_name}", s) for s in current.groups)
    return {
        "doc": layout.docstring_block(docstring(f'Operations of "{group.name}" ({api.name}).'), 0),
        "groups": classes,
        "file_input": any(
            p["annotation"] == "FileInput | None" for op in operations for p in op["params"]  # type: ignore[attr-defined]
        ),
        "specs": {str(op["label"]): operation_spec(op) for op in operations},
    }


# Keys of an operation's context that are not part of its saved request.
_NOT_SPEC = frozenset(
    {"py_name", "const", "label", "params", "body_param", "returns", "converter", "doc", "doc_block", "call"}
    | {"async_alias", "wrap_body"}
)


def operation_spec(ctx: dict[str, object]) -> dict[str, object]:
    """The saved request of an operation as JSON data, keyed by the runtime ``Operation``'s field names
    (read back by ``resources/__init__.py``): parts as positional lists, errors as converter names."""
    spec: dict[str, object] = {}
    for key, value in ctx.items():
        if key in _NOT_SPEC or value is None or value == () or value == []:
            continue
        if key == "query":
            spec[key] = [[q.key, q.value, q.enabled, q.param] for q in value]  # type: ignore[attr-defined]
        elif key == "headers":
            spec[key] = [
                [h.key, h.value, h.enabled, h.param, *([True] if h.signed else [])]
                for h in value  # type: ignore[attr-defined]
            ]
        elif key == "body":
            spec[key] = _body_spec(value)  # type: ignore[arg-type]
        elif key == "auth":
            spec[key] = [value.type, [list(p) for p in value.params]]  # type: ignore[attr-defined]
        elif key == "errors":
            spec[key] = {str(e["status"]): e["kind"] for e in value}  # type: ignore[attr-defined]
        elif isinstance(value, (tuple, list)):
            spec[key] = [list(v) if isinstance(v, tuple) else v for v in value]
        elif isinstance(value, (str, int, float, bool)):
            spec[key] = value
        else:
            raise TypeError(f"operation_spec: no JSON form for {key!r} ({type(value).__name__})")
    return spec


def type_spec(t: TypeSpec | None) -> object:
    """A converter as JSON data (read back by ``resources/__init__.py``), mirroring ``typeexpr.converter``."""
    if t is None:
        return "none"
    if isinstance(t, Prim):
        return t.kind
    if isinstance(t, ListOf):
        return ["list", type_spec(t.item)]
    if isinstance(t, DictOf):
        return ["dict", type_spec(t.value)]
    if isinstance(t, ModelRef):
        return ["model", typeexpr.annotation(t)]
    if isinstance(t, UnionOf):
        return ["union", [type_spec(option) for option in t.options]]
    assert isinstance(t, Nullable)
    inner = t.inner
    admits_null = isinstance(inner, Nullable) or (isinstance(inner, Prim) and inner.kind in ("any", "none"))
    return type_spec(inner) if admits_null else ["nullable", type_spec(inner)]


def _body_spec(body: Body) -> dict[str, object]:
    out: dict[str, object] = {"mode": body.mode}
    for key in ("raw", "content_type", "src", "graphql_query", "graphql_variables"):
        value = getattr(body, key)
        if value:
            out[key] = value
    if body.fields:
        out["fields"] = [
            [f.key, f.value, f.kind, f.enabled, f.content_type, f.src, f.param] for f in body.fields
        ]
    return out


def client_context(api: Api) -> dict[str, object]:
    bases = sorted({op.url.base_variable for _, op in api.all_operations() if op.url.base_variable})
    base_doc = (
        f"the ``{{{{{bases[0]}}}}}`` variable"
        if len(bases) == 1
        else "the scheme, host and port of every request"
    )
    secrets = {name for name, _ in api.secrets} | {v.name for v in api.variables if v.secret}
    names = [v.name for v in api.variables]
    env_names = dict(zip(api.variables, naming.env_vars(api.package, names), strict=True))
    env_by_name = {v.name: env for v, env in env_names.items()}
    return {
        "doc_name": inline_docstring(api.name),
        "doc": docstring(api.description.strip().split("\n\n")[0] if api.description.strip() else api.name),
        "package": api.package,
        "format": api.format,
        "signer": api.signer,
        "signer_headers": api.signer is not None,
        "base_doc": docstring(base_doc),
        "defaults": [{"name": v.name, "value": v.default} for v in api.variables if v.default is not None],
        "env": [
            {
                "name": v.name,
                "env": env,
                "name_md": md_inline(v.name),
                "default_md": (
                    "(secret)" if v.name in secrets else f"`{md_inline(v.default)}`" if v.default else ""
                ),
            }
            for v, env in env_names.items()
        ],
        "secrets": [{"name_md": md_inline(n), "env": env_by_name.get(n, "")} for n in sorted(secrets)],
        "auth": [{"type": md_inline(t), "count": n} for t, n in auth_summary(api)],
        "example_variables": [v for v in api.variables if v.default is None][:3],
    }


CLIENT_INDENT = 4  # the TYPE_CHECKING imports of _client.py


def group_refs(api: Api) -> list[dict[str, object]]:
    return [
        {
            "py_name": g.py_name,
            "class_name": ClassName(g.class_name),
            "module": g.py_name,
            "doc": layout.docstring_block(docstring(g.name), layout.METHOD_INDENT),
            "type_import": layout.import_from(
                f".resources.{g.py_name}", [f"Async{g.class_name}", g.class_name], CLIENT_INDENT
            ),
            "sync_import": layout.import_from(
                f".resources.{g.py_name}", [g.class_name], layout.METHOD_INDENT
            ),
            "async_import": layout.import_from(
                f".resources.{g.py_name}", [f"Async{g.class_name}"], layout.METHOD_INDENT
            ),
        }
        for g in api.groups
    ]


def summary_md(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0] if text.strip() else ""
    return md_inline(first)
