"""Parse stage: a validated collection (or single item / folder) -> the intermediate model."""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import cast

from generator import naming, wire
from generator.auth import resolve_auth
from generator.errors import join_pointer
from generator.load import Loaded
from generator.model import (
    Api,
    AuthSpec,
    Body,
    ClassName,
    Example,
    Group,
    HeaderPart,
    Operation,
    Parameter,
    PythonIdentifier,
    QueryPart,
    Settings,
    Url,
    Variable,
    evolve,
)
from generator.parse_request import (
    JSONObject,
    description,
    origin,
    parse_body,
    parse_headers,
    parse_url,
    path_keys,
    sole_variable,
    text,
    variables_in,
)
from generator.secrets import Secrets, entry_pointers, header_credential, hide_query_secrets, looks_secret

IDEMPOTENCY_HEADER = re.compile(r"^(opc-retry-token|(x-)?idempotency[-_]?(key|token))$", re.IGNORECASE)
COMPUTED_HEADERS = frozenset({"content-length"})
OCI_SIGNED = {"authorization": "signature", "date": "date", "x-content-sha256": "content_sha256"}
SETTING_KEYS = {
    "followRedirects": "follow_redirects",
    "maxRedirects": "max_redirects",
    "strictSSL": "strict_ssl",
    "disableBodyPruning": "disable_body_pruning",
    "disableUrlEncoding": "disable_url_encoding",
}


@dataclass
class _Context:
    """What a folder passes down to its items."""

    pointer: str
    auth: AuthSpec | None
    settings: Settings


@dataclass
class _State:
    warnings: list[tuple[str, str]] = field(default_factory=list)
    secrets: Secrets = field(default_factory=Secrets)
    oci_signed: bool = False


def _settings(parent: Settings, value: object) -> Settings:
    if not isinstance(value, Mapping):
        return parent
    changes = {attr: value[key] for key, attr in SETTING_KEYS.items() if _setting_ok(key, value.get(key))}
    return replace(parent, **changes)


def _setting_ok(key: str, value: object) -> bool:
    """Settings of another type (any JSON passes the schema) are ignored, as Postman ignores them."""
    if key == "maxRedirects":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, bool)


def _scripts(item: JSONObject, pointer: str, state: _State) -> tuple[str, ...]:
    found: list[str] = []
    events = item.get("event") or []
    single = isinstance(events, Mapping)  # newman takes one event object in place of the list
    for i, event in enumerate(cast(list[object], [events] if single else events)):
        if not isinstance(event, Mapping):
            continue
        script = event.get("script")
        exec_ = script.get("exec") if isinstance(script, Mapping) else None
        lines = exec_ if isinstance(exec_, list) else [exec_] if isinstance(exec_, str) else []
        if any(isinstance(line, str) and line.strip() for line in lines):
            listen = text(event.get("listen")) or "script"
            found.append(listen)
            state.warnings.append(
                (
                    join_pointer(pointer, "event", *(() if single else (i,))),
                    f"{listen} script not run (scripts are ignored)",
                )
            )
    return tuple(found)


def _examples(item: JSONObject, pointer: str, warn: list[tuple[str, str]]) -> tuple[Example, ...]:
    out: list[Example] = []
    for i, resp in enumerate(cast(list[object], item.get("response") or [])):
        if not isinstance(resp, Mapping):
            continue
        here = join_pointer(pointer, "response", i)
        code = resp.get("code")
        body = text(resp.get("body"))
        headers = tuple((k, v) for k, v, enabled, _ in parse_headers(resp.get("header")) if enabled)
        is_json, sample = False, None
        if body.strip():
            try:
                sample, is_json = json.loads(body), True
            except (ValueError, RecursionError):
                pass
        original = resp.get("originalRequest")
        request_body: Body | None = None
        request_query: tuple[QueryPart, ...] | None = None
        if isinstance(original, Mapping):
            request_body = parse_body(original.get("body"), join_pointer(here, "originalRequest", "body"), [])
            if original.get("url") is not None:
                request_query = parse_url(original.get("url"))[0].query
        out.append(
            Example(
                name=text(resp.get("name")),
                status=code if isinstance(code, int) and not isinstance(code, bool) else None,
                headers=headers,
                body=body,
                json_sample=sample,
                is_json=is_json,
                request_body=request_body,
                request_query=request_query,
                source=here,
            )
        )
    return tuple(out)


def _operation(
    item: JSONObject, pointer: str, ctx: _Context, state: _State, scope: naming.Scope
) -> Operation:
    request_value = item.get("request")
    request: JSONObject = (
        {"url": request_value} if isinstance(request_value, str) else cast(JSONObject, request_value or {})
    )
    req_pointer = join_pointer(pointer, "request")
    name = text(item.get("name"))
    method = (text(request.get("method")) or "GET").upper()
    url, path_vars = parse_url(request.get("url"))
    hidden = hide_query_secrets(url.query, request.get("url"), req_pointer, state.secrets)
    params = naming.Scope(naming.OPERATION_RESERVED | naming.BUILTINS)
    parameters: list[Parameter] = []

    def param(wire: str, location: str, default: str | None, enabled: bool, doc: str) -> PythonIdentifier:
        py = params.identifier(wire, fallback=location)
        parameters.append(Parameter(py, wire, location, default, enabled, doc))  # type: ignore[arg-type]
        return py

    path_params = tuple(
        (key, value, param(key, "path", value, True, doc))
        for key, value, doc in path_vars
        if key in path_keys(url)
    )
    query = tuple(
        evolve(q, param=param(q.key, "query", q.value, q.enabled, "") if q.key or q.value else None)
        for q in hidden
    )
    url = evolve(url, query=query)
    idempotency = None
    headers: list[HeaderPart] = []
    seen_headers: dict[str, PythonIdentifier] = {}
    raw_headers = request.get("header")
    header_values = entry_pointers(raw_headers, join_pointer(req_pointer, "header"))
    for (key, value, enabled, doc), saved_at in zip(parse_headers(raw_headers), header_values, strict=False):
        lower = key.lower()
        if lower in COMPUTED_HEADERS:
            continue
        kept = wire.clean_header(key, value, enabled, join_pointer(req_pointer, "header"), state.warnings)
        if kept is None:
            continue
        value, enabled = kept
        signed = OCI_SIGNED.get(lower) == sole_variable(value) and sole_variable(value) is not None
        state.oci_signed = state.oci_signed or (signed and lower == "authorization")
        is_token = IDEMPOTENCY_HEADER.match(key) is not None
        if is_token and enabled and idempotency is None:  # a disabled one is not sent, by Postman or us
            idempotency, enabled = lower, False
        credential = None if signed else header_credential(key, value, is_token)
        if credential is not None:  # a literal credential: the SDK reads it from a variable instead
            value = credential[0] + state.secrets.template(key, credential[1], saved_at)
        py = seen_headers.get(lower) or param(key, "header", value, enabled, doc)
        seen_headers[lower] = py
        headers.append(HeaderPart(key, value, enabled, py, signed))
    body = parse_body(request.get("body"), join_pointer(req_pointer, "body"), state.warnings)
    if body is not None and body.fields:
        fields = tuple(
            evolve(
                f,
                param=param(f.key, "file" if f.kind == "file" else "form", f.value, f.enabled, f.description),
            )
            for f in body.fields
        )
        body = evolve(body, fields=fields)
    auth = resolve_auth(
        ctx.auth, request.get("auth"), join_pointer(req_pointer, "auth"), state.secrets, state.warnings
    )
    settings = _settings(ctx.settings, item.get("protocolProfileBehavior"))
    used: list[str] = []
    for template in _templates(url, headers, body, auth, path_params):
        used.extend(v for v in variables_in(template) if v not in used)
    return Operation(
        name=name,
        py_name=scope.identifier(
            name or f"{method} {url.path_text}", fallback="call", avoid=naming.RESOURCE_RESERVED
        ),
        method=method,
        url=url,
        headers=tuple(headers),
        params=tuple(parameters),
        body=body,
        auth=auth,
        examples=_examples(item, pointer, state.warnings),
        description=description(item.get("description")) or description(request.get("description")),
        source=pointer,
        settings=settings,
        scripts=_scripts(item, pointer, state),
        variables=tuple(used),
        idempotency_header=idempotency,
        path_params=path_params,
    )


def _templates(
    url: Url,
    headers: list[HeaderPart],
    body: Body | None,
    auth: AuthSpec | None,
    path_params: tuple[tuple[str, str, PythonIdentifier], ...],
) -> Iterator[str]:
    yield origin(url)
    yield from url.path
    for q in url.query:
        yield q.key
        yield q.value or ""
    for h in headers:
        yield h.key
        yield h.value
    for _, value, _ in path_params:
        yield value
    if body is not None:
        yield body.raw
        yield body.graphql_query
        yield body.graphql_variables
        for f in body.fields:
            yield f.key
            yield f.value
    if auth is not None:
        for _, value in auth.params:
            yield value


# ------------------------------------------------------------------------------------------------ the tree
@dataclass
class _Draft:
    """A group under construction (folders nest; root requests are grouped by their first path word)."""

    name: str
    description: str
    source: str
    operations: list[Operation] = field(default_factory=list)
    groups: list[_Draft] = field(default_factory=list)
    scope: naming.Scope = field(default_factory=lambda: naming.Scope(naming.RESOURCE_RESERVED))


def _resource_word(item: JSONObject) -> str:
    request = item.get("request")
    url_value = request.get("url") if isinstance(request, Mapping) else request
    url, _ = parse_url(url_value)
    for segment in url.path:
        if segment and not segment.startswith(":") and "{{" not in segment:
            if not re.fullmatch(r"v\d+(\.\d+)*|\d+|api", segment, re.IGNORECASE):
                return segment
    return "default"


def _walk(root: JSONObject, root_pointer: str, is_item: bool, ctx: _Context, state: _State) -> list[_Draft]:
    """Build the group tree without recursion (folders may nest hundreds deep)."""
    top: list[_Draft] = []
    by_word: dict[str, _Draft] = {}
    items = (
        [(root, root_pointer)]
        if is_item
        else [(child, join_pointer(root_pointer, "item", i)) for i, child in enumerate(_children(root))]
    )
    stack: list[tuple[JSONObject, str, _Context, _Draft | None]] = [(it, ptr, ctx, None) for it, ptr in items]
    stack.reverse()
    while stack:
        item, pointer, parent_ctx, parent = stack.pop()
        if "item" in item and "request" not in item:
            draft = _Draft(text(item.get("name")), description(item.get("description")), pointer)
            (parent.groups if parent else top).append(draft)
            _scripts(item, pointer, state)
            here = _Context(
                pointer,
                resolve_auth(
                    parent_ctx.auth,
                    item.get("auth"),
                    join_pointer(pointer, "auth"),
                    state.secrets,
                    state.warnings,
                ),
                _settings(parent_ctx.settings, item.get("protocolProfileBehavior")),
            )
            children = [(c, join_pointer(pointer, "item", i)) for i, c in enumerate(_children(item))]
            stack.extend((c, p, here, draft) for c, p in reversed(children))
            continue
        target = parent
        if target is None:
            word = _resource_word(item)
            target = by_word.get(word)
            if target is None:
                target = by_word[word] = _Draft(word, "", root_pointer)
                top.append(target)
        target.operations.append(_operation(item, pointer, parent_ctx, state, target.scope))
    return top


def _children(item: JSONObject) -> list[JSONObject]:
    return [c for c in cast(list[object], item.get("item") or []) if isinstance(c, Mapping)]


def _freeze(drafts: list[_Draft]) -> tuple[Group, ...]:
    """Drafts -> Groups with unique attribute names per parent and unique class names overall."""
    top_scope, classes = naming.Scope(naming.RESOURCE_MODULE_RESERVED), naming.resource_scope()
    names: dict[int, tuple[PythonIdentifier, ClassName]] = {}
    breadth_first: list[_Draft] = []
    queue = deque((d, top_scope) for d in drafts)
    while queue:
        draft, scope = queue.popleft()
        breadth_first.append(draft)
        py = scope.identifier(draft.name, fallback="group", avoid=naming.RESOURCE_RESERVED)
        names[id(draft)] = (py, naming.resource_class_name(classes, draft.name))
        queue.extend((sub, draft.scope) for sub in draft.groups)
    built: dict[int, Group] = {}
    for d in reversed(breadth_first):
        py, cls = names[id(d)]
        subgroups = tuple(built[id(s)] for s in d.groups)
        built[id(d)] = Group(d.name, py, cls, d.description, tuple(d.operations), subgroups, d.source)
    return tuple(built[id(d)] for d in drafts)


def _variables(
    document: JSONObject,
    pointer: str,
    overrides: Mapping[str, str],
    origins: Mapping[str, tuple[str, bool]],
    state: _State,
) -> tuple[Variable, ...]:
    """Collection variables, then ``--env``/``--var`` values; secret ones keep no default."""
    found: dict[str, Variable] = {}
    for i, var in enumerate(cast(list[object], document.get("variable") or [])):
        if not isinstance(var, Mapping) or var.get("disabled") is True:
            continue
        name = text(var.get("key") if var.get("key") is not None else var.get("id"))
        if not name or name in found:
            continue
        secret = var.get("type") == "secret" or looks_secret(name)
        value = text(var.get("value"))
        source = join_pointer(pointer, "variable", i, "value")
        if secret:
            state.secrets.declare(name, value, source)
        found[name] = Variable(
            name, None if secret else value, secret, description(var.get("description")), source
        )
    for name, value in overrides.items():
        old = found.get(name)
        source, typed_secret = origins.get(name, ("", False))
        secret = typed_secret or looks_secret(name) or (old is not None and old.secret)
        if secret:
            state.secrets.declare(name, value, source, replace=True)
        doc, saved_at = (old.description, old.source) if old else ("", "")
        found[name] = Variable(name, None if secret else value, secret, doc, source or saved_at)
    return tuple(found.values())


def parse(
    loaded: Loaded,
    *,
    package: str | None = None,
    overrides: Mapping[str, str] | None = None,
    override_origins: Mapping[str, tuple[str, bool]] | None = None,
) -> Api:
    """The IR of a loaded document. Problems that do not stop generation become warnings.

    ``override_origins`` says where each override came from (a pointer into the ``--env`` file, or
    ``--var``) and whether the environment marks it secret.
    """
    state = _State()
    doc = loaded.document
    pointer = loaded.pointer
    info = doc.get("info") if isinstance(doc.get("info"), Mapping) else {}
    info_obj = cast(JSONObject, info)
    name = text(info_obj.get("name")) if loaded.kind == "collection" else text(doc.get("name"))
    name = name or loaded.stem
    settings = _settings(Settings(), doc.get("protocolProfileBehavior"))
    variables = _variables(doc, pointer, overrides or {}, override_origins or {}, state)
    declared = {v.name for v in variables}
    state.secrets.reserved = set(declared)
    root_auth = resolve_auth(
        None, doc.get("auth"), join_pointer(pointer, "auth"), state.secrets, state.warnings
    )
    _scripts(doc, pointer, state)
    ctx = _Context(pointer, root_auth, settings)
    drafts = _walk(doc, pointer, loaded.kind == "item", ctx, state)
    groups = _freeze(drafts)
    variables = state.secrets.hide_shared_values(variables)
    secrets = state.secrets.sources()
    secret_names = {variable for variable, _ in secrets}
    api = Api(
        name=name,
        package=naming.package_name(package or name, [group.py_name for group in groups]),
        distribution="",
        description=description(info_obj.get("description")) or description(doc.get("description")),
        format=loaded.format,
        variables=variables,
        groups=groups,
        env_prefix="",
        signer="oci" if state.oci_signed else None,
        secrets=secrets,
    )
    needed: list[str] = []
    for _, op in api.all_operations():
        needed.extend(v for v in op.variables if v not in needed)
    # So are the variables their defaults name ("{{baseUrl}}" = "https://x.{{region}}.example.com").
    defaults = {v.name: v.default or "" for v in variables}
    for name in needed:  # grows as it goes
        needed.extend(ref for ref in variables_in(defaults.get(name, "")) if ref not in needed)
    used = [v for v in needed if v not in declared]
    sources = dict(secrets)
    extra = tuple(
        Variable(v, None, v in secret_names or looks_secret(v), "", sources.get(v, "")) for v in used
    )
    for variable, source in secrets:
        if variable not in declared and variable not in used:
            extra += (Variable(variable, None, True, "", source),)
    warnings = tuple(state.warnings) + tuple(
        (
            source,
            f"secret {variable!r} left out of the SDK: pass variables={{{variable!r}: ...}} "
            f"or set {naming.env_var(api.package, variable)}",
        )
        for variable, source in secrets
    )
    sources = {v.name: v.source for v in variables}
    warnings += tuple(
        (
            sources.get(variable, ""),
            f"the saved value of {variable!r} cannot be sent in header {header!r} (not ASCII, or control "
            "characters): calls using it need the variable passed",
        )
        for variable, header in wire.header_unsafe_variables(replace(api, variables=variables)).items()
    )
    return replace(
        api,
        distribution=naming.distribution_name(api.package),
        env_prefix=naming.env_prefix(api.package),
        variables=variables + extra,
        warnings=warnings,
    )
