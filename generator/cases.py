"""Test cases for the generated suite: what each operation's call must send, and what it must return.

The expected request is computed here from the saved request alone (an independent reading of Postman's
rules), so the generated tests check the SDK's runtime rather than restate it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from urllib.parse import quote

from generator import naming
from generator.auth_expect import TEST_ACCESS_TOKEN, expect_auth, with_auth_query
from generator.model import Api, Body, Example, Group, Operation

VARIABLE = re.compile(r"\{\{([^{}]+?)\}\}")
TEST_BASE_URL = "https://api.example.test"
# Response headers that describe the saved bytes, not the API.
_HOP_HEADERS = frozenset({"content-length", "content-encoding", "transfer-encoding", "connection"})


def test_variables(api: Api) -> dict[str, str]:
    """A value for every variable: the saved default, else a harmless placeholder."""
    bases = {op.url.base_variable for _, op in api.all_operations() if op.url.base_variable}
    values: dict[str, str] = {}
    for variable in api.variables:
        if variable.default is not None and not (variable.name in bases and "://" not in variable.default):
            values[variable.name] = variable.default
        elif variable.name in bases:
            values[variable.name] = TEST_BASE_URL
        else:
            values[variable.name] = "test-" + (
                re.sub(r"[^a-z0-9]", "", variable.name.lower())[:24] or "value"
            )
    return values


def _expand(template: str, values: Mapping[str, str]) -> str | None:
    """Expand variables; None when a dynamic variable makes the value unpredictable."""
    text = template
    for _ in range(20):
        if "{{" not in text:
            break
        if any(m.strip().startswith("$") for m in VARIABLE.findall(text)):
            return None
        new = VARIABLE.sub(lambda m: values.get(m.group(1).strip(), m.group(0)), text)
        if new == text:
            break
        text = new
    return text


def _url(op: Operation, values: Mapping[str, str]) -> tuple[str, bool]:
    url = op.url
    origin = f"{url.protocol}://{url.host}" if url.protocol else url.host
    if url.port:
        origin += f":{url.port}"
    path_values = {key: value for key, value, _ in op.path_params}
    segments = []
    for segment in url.path:
        if segment.startswith(":") and segment[1:] in path_values:
            segment = path_values[segment[1:]]
        segments.append(segment)
    base = _expand(origin + ("/" + "/".join(segments) if segments else ""), values) or TEST_BASE_URL
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", base):
        base = "http://" + base
    pairs = []
    predictable = True
    for q in url.query:
        if not q.enabled:
            continue
        key, value = _expand(q.key, values), _expand(q.value, values) if q.value is not None else ""
        if key is None or value is None:
            predictable = False
            continue
        pairs.append(key if q.value is None else f"{key}={value}")
    return base + ("?" + "&".join(pairs) if pairs else ""), predictable


def _body(
    op: Operation, body: Body | None, values: Mapping[str, str], override: object
) -> tuple[str, object]:
    pruned = op.method in ("GET", "HEAD", "COPY", "PURGE", "UNLOCK") and not op.settings.disable_body_pruning
    if override is not None:
        return "json", override
    if body is None or pruned:
        return ("none" if body is None or pruned else "any"), None
    if body.mode == "raw":
        raw = _expand(body.raw, values)
        if raw is None:
            return "any", None
        try:
            return "json", json.loads(raw)
        except ValueError:
            return "text", raw
    if body.mode == "urlencoded":
        pairs = [(_expand(f.key, values), _expand(f.value, values)) for f in body.fields if f.enabled]
        if any(k is None or v is None for k, v in pairs):
            return "any", None
        return "form", [[k, v] for k, v in pairs]
    if body.mode == "formdata":
        return "multipart", [f.key for f in body.fields if f.enabled and f.kind == "text"]
    if body.mode == "graphql":
        query = _expand(body.graphql_query, values)
        variables = _expand(body.graphql_variables, values)
        if query is None or variables is None:
            return "any", None
        try:
            return "json", {"query": query, "variables": json.loads(variables.strip() or "{}")}
        except ValueError:
            return "any", None
    return "any", None


def expected_request(
    op: Operation, values: Mapping[str, str], body_override: object = None
) -> dict[str, object]:
    url, query_predictable = _url(op, values)
    headers: list[list[str]] = []
    present: list[str] = []
    for h in op.headers:
        key, value = _expand(h.key, values), _expand(h.value, values)
        if not h.enabled or key is None:
            continue
        if value is None:
            present.append(key)
        else:
            headers.append([key, value])
    if op.idempotency_header:
        present.append(op.idempotency_header)
    auth = expect_auth(op.auth, lambda template: _expand(template, values))
    headers = [h for h in headers if h[0].lower() not in auth.replaces] + [[k, v] for k, v in auth.headers]
    present.extend(auth.present)
    kind, body = _body(op, op.body, values, body_override)
    expected: dict[str, object] = {
        "method": op.method,
        "url": with_auth_query(url, auth),
        "query": query_predictable and auth.query_predictable,
        "headers": headers,
        "present_headers": present,
        "body_kind": kind,
        "body": body,
    }
    if auth.token_url is not None:
        expected["token_endpoint"] = {"url": auth.token_url, "access_token": TEST_ACCESS_TOKEN}
    return expected


def _response(example: Example | None) -> dict[str, object]:
    if example is None:
        return {"status": 200, "headers": [], "body": ""}
    headers = [[k, v] for k, v in example.headers if k.lower() not in _HOP_HEADERS]
    out: dict[str, object] = {"status": example.status or 200, "headers": headers, "body": example.body}
    if example.is_json:
        out["json"] = example.json_sample
    return out


def _first_success(op: Operation) -> Example | None:
    return next((e for e in op.examples if e.status is not None and 200 <= e.status < 300), None)


def _body_override(op: Operation, example: Example) -> object:
    """The body argument reproducing the example's original request, where it differs from the saved one."""
    saved, original = op.body, example.request_body
    if saved is None or original is None or saved.mode != "raw" or original.mode != "raw":
        return None
    if (
        original.is_json
        and saved.is_json
        and original.raw != saved.raw
        and isinstance(original.json_sample, dict)
    ):
        return original.json_sample
    return None


def group_cases(
    api: Api, chain_path: str, group: Group, error_names: Mapping[int, str]
) -> list[dict[str, object]]:
    """The cases for one group and its subgroups: one request case per operation, one per example."""
    values = test_variables(api)
    cases: list[dict[str, object]] = []
    stack: list[tuple[str, Group]] = [(chain_path, group)]
    while stack:
        path, current = stack.pop(0)
        for op in current.operations:
            call = f"{path}.{op.py_name}"
            used = {name: values[name] for name in op.variables if name in values}
            base = {"operation": call, "variables": used}
            request_case: dict[str, object] = {
                "id": quote(f"{call}:request", safe=":._"),
                **base,
                "args": {},
                "request": expected_request(op, values),
                "response": _response(_first_success(op)),
            }
            cases.append(request_case)
            for i, example in enumerate(op.examples):
                override = _body_override(op, example)
                status = example.status or 200
                case: dict[str, object] = {
                    "id": quote(f"{call}:example{i}:{naming.snake(example.name)[:40]}", safe=":._"),
                    **base,
                    "args": {"body": override} if override is not None else {},
                    "request": expected_request(op, values, override),
                    "response": _response(example),
                }
                if status >= 400:
                    case["error"] = error_names.get(status) or (
                        "InternalServerError" if status >= 500 else "APIStatusError"
                    )
                elif 300 <= status < 400:
                    continue
                cases.append(case)
        stack.extend((f"{path}.{sub.py_name}", sub) for sub in current.groups)
    return cases
