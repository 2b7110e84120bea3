"""Test cases for the generated suite: what each operation's call must send, and what it must return.

The expected request is computed here from the saved request alone (an independent reading of Postman's
rules), so the generated tests check the SDK's runtime rather than restate it.
"""

from __future__ import annotations

import functools
import json
import re
import socket
from collections.abc import Mapping
from urllib.parse import quote, urlsplit

from generator import naming, wire
from generator.auth_expect import TEST_ACCESS_TOKEN, AuthExpectation, expect_auth, with_auth_query
from generator.model import Api, AuthSpec, Body, Example, Group, Operation
from generator.parse_request import strip_json_comments

VARIABLE = re.compile(r"\{\{([^{}]+?)\}\}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # percent-encoded in URLs, as the runtime does
TEST_BASE_URL = "https://api.example.test"
_JSON_TYPE = re.compile(r"^application/(\S+\+)?json")
# The form Content-Types the SDK keeps (the runtime's rules): any other is replaced.
_FORM_TYPE = re.compile(r"^application/x-www-form-urlencoded\b")
_FORM_DATA_TYPE = re.compile(r"^multipart/form-data;.*boundary=(?:\"([^\"]+)\"|([^;]+))")
_PRUNED = ("GET", "HEAD", "COPY", "PURGE", "UNLOCK")
# Response headers that describe the saved bytes, not the API.
_HOP_HEADERS = frozenset({"content-length", "content-encoding", "transfer-encoding", "connection"})


def test_variables(api: Api) -> dict[str, str]:
    """A value for every variable: the saved default, else a harmless placeholder."""
    bases = {op.url.base_variable for _, op in api.all_operations() if op.url.base_variable}
    unsendable = wire.header_unsafe_variables(api)  # the SDK refuses to send them: test with a placeholder
    values: dict[str, str] = {}
    for variable in api.variables:
        placeholder = "test-" + (re.sub(r"[^a-z0-9]", "", variable.name.lower())[:24] or "value")
        if variable.name in unsendable:
            values[variable.name] = placeholder
        elif variable.default is not None and not (variable.name in bases and "://" not in variable.default):
            values[variable.name] = variable.default
        elif variable.name in bases:
            values[variable.name] = TEST_BASE_URL
        else:
            values[variable.name] = placeholder
    return values


def _expand(template: str, values: Mapping[str, str]) -> str | None:
    """Expand variables; None when a dynamic variable makes the value unpredictable."""
    if "{{" not in template:  # most segments, keys and values: nothing to expand
        return template
    text = template
    for _ in range(20):
        if "{{" not in text:
            break
        if any(m.startswith("$") for m in VARIABLE.findall(text)):
            return None
        new = VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text)  # "{{ a }}" names " a "
        if new == text:
            break
        text = new
    return text


def _url(op: Operation, values: Mapping[str, str]) -> tuple[str, bool, bool]:
    """The expected URL, whether its query is predictable, and whether the rest of it is."""
    url = op.url
    origin = f"{url.protocol}://{url.host}" if url.protocol else url.host
    if url.port:
        origin += f":{url.port}"
    path_values = {key: value for key, value, _ in op.path_params}
    segments = []
    for segment in url.path:
        key = segment[1:].split(".", 1)[0] if segment.startswith(":") else None
        if key is not None and path_values.get(key):  # an empty saved value leaves ":key" in place
            segment = path_values[key] + segment[1 + len(key) :]
        segments.append(segment)
    expanded = _expand(origin + ("/" + "/".join(segments) if segments else ""), values)
    # Only an unpredictable URL falls back to the test base; an empty one stays empty (the SDK refuses it).
    base = TEST_BASE_URL if expanded is None else expanded
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", base):
        base = "http://" + base
    scheme, _, rest = base.partition("://")
    # Postman reads the expanded URL again: a "?" or "#" a variable brought starts the query or the fragment.
    host, slash, path = re.match(r"([^/?#\\]*)([/\\]?)(.*)", rest, re.DOTALL).groups()  # type: ignore[union-attr]
    path, hash_mark, _ = path.partition("#")
    path, mark, carried = path.partition("?")
    slash, path = slash and "/", path.replace("\\", "/")  # a backslash is a slash in an http(s) path
    # With disableUrlEncoding the SDK sends the text as it is, but for what no request line can carry.
    encode = (
        (lambda text, _: _percent_encode(text, "")) if op.settings.disable_url_encoding else _percent_encode
    )
    base = f"{scheme}://{_host(host)}" + (encode(slash + path, _PATH_ENCODE) if slash else "")
    pairs = []
    predictable = True
    for q in url.query:
        if not q.enabled:
            continue
        key, value = _expand(q.key, values), _expand(q.value, values) if q.value is not None else ""
        if key is None or value is None:
            predictable = False
            continue
        # As Postman writes a pair: "&" and "#" (and "=" in a key) escaped, so the pair stays one pair.
        key = key.replace("&", "%26").replace("#", "%23").replace("=", "%3D")
        pairs.append(key if q.value is None else f"{key}={value.replace('&', '%26').replace('#', '%23')}")
    query = "&".join(pairs) if pairs else None
    if hash_mark:
        query = None
    elif mark:
        query = carried + ("?" + query if query is not None else "")
    full = base + ("?" + encode(query, _QUERY_ENCODE) if query is not None else "")
    return _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", full), predictable, expanded is not None


def _host(authority: str) -> str:
    """An IPv4 address written short (``127.1``) in full, as Postman sends it: BSD ``inet_aton`` reads the
    same forms as the WHATWG URL parser."""
    userinfo, at, host = authority.rpartition("@")
    name, colon, port = host.rpartition(":") if ":" in host and not host.startswith("[") else (host, "", "")
    try:
        if re.fullmatch(r"[0-9A-Fa-fXx.]+", name) and name.rstrip(".").split(".")[-1][:1].isdigit():
            name = socket.inet_ntoa(socket.inet_aton(name.rstrip(".")))
    except OSError:
        pass
    return userinfo + at + name + colon + port


# What Postman percent-encodes in a path and in a query, besides controls, space and non-ASCII ("%" never).
_PATH_ENCODE = '"<>`#?{}'
_QUERY_ENCODE = "\"#'<>"


def _percent_encode(text: str, extra: str) -> str:
    return _encoded_characters(extra).sub(_percent_escapes, text)


@functools.cache
def _encoded_characters(extra: str) -> re.Pattern[str]:
    """Controls, space, DEL, non-ASCII (surrogates too) and ``extra``."""
    return re.compile(f"[\\x00-\\x20\\x7f-\\U0010ffff{re.escape(extra)}]")


def _percent_escapes(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8", "surrogatepass"))


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
        if _strips_comments(op, body, values):
            raw = strip_json_comments(raw)
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
        names = [_expand(f.key, values) for f in body.fields if f.enabled and f.kind == "text"]
        return ("any", None) if None in names else ("multipart", names)
    if body.mode == "graphql":
        query = _expand(body.graphql_query, values)
        variables = _expand(body.graphql_variables, values)
        if query is None or variables is None:
            return "any", None
        if not variables:
            return "json", {"query": query}
        try:
            return "json", {"query": query, "variables": json.loads(variables)}
        except ValueError:
            return "any", None
    return "any", None


def _strips_comments(op: Operation, body: Body, values: Mapping[str, str]) -> bool:
    """Postman strips comments from a raw body whose language is JSON, or, with no language, whose request
    Content-Type is JSON."""
    if body.language:
        return body.language == "json"
    types = [h for h in op.headers if h.key.lower() == "content-type"]
    enabled = [h for h in types if h.enabled]
    if not enabled:
        return len(types) > 1 or (len(types) == 1 and _JSON_TYPE.match(types[0].value) is not None)
    value = _expand(enabled[0].value, values)
    return value is not None and _JSON_TYPE.match(value) is not None


# What a saved auth block puts on a request, by its type and parameters: one per distinct block (a large
# collection repeats the same block on every request), for one set of test variables.
AuthCache = dict[tuple[str, tuple[tuple[str, str], ...]], AuthExpectation]


def expected_request(
    op: Operation, values: Mapping[str, str], auths: AuthCache, body_override: object = None
) -> dict[str, object]:
    """What the SDK sends for ``op`` with the test ``values``; ``auths`` keeps auth expectations for
    these values between calls."""
    url, query_predictable, url_predictable = _url(op, values)
    headers: list[list[str]] = []
    present: list[str] = []
    for h in op.headers:
        key, value = _expand(h.key, values), _expand(h.value, values)
        if not h.enabled or key is None:
            continue
        if value is None or _form_type_replaced(op, key, value):
            present.append(key)
        else:
            headers.append([key, value.strip(" \t")])  # whitespace around a value is not part of it
    if op.idempotency_header:
        present.append(op.idempotency_header)
    auth = _expected_auth(op.auth, values, auths)
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
    if not url_predictable:  # a dynamic variable ({{$guid}}) in the scheme, host or path: drawn per call
        expected["url_known"] = False
    if auth.token_url is not None:
        expected["token_endpoint"] = {"url": auth.token_url, "access_token": TEST_ACCESS_TOKEN}
    if not _sendable(url) or _unresolved(op, values):
        expected["refused"] = True  # the SDK refuses to build it (as newman cannot send it): nothing is sent
    return expected


def _expected_auth(auth: AuthSpec | None, values: Mapping[str, str], auths: AuthCache) -> AuthExpectation:
    if auth is None:
        return AuthExpectation()
    block = (auth.type, auth.params)
    if block not in auths:
        auths[block] = expect_auth(auth, lambda template: _expand(template, values))
    return auths[block]


def _form_type_replaced(op: Operation, key: str, value: str) -> bool:
    """A form body's saved Content-Type that the SDK replaces, as Postman does: any but the form's own type
    (a multipart one keeps only a boundary it names)."""
    body = op.body
    if body is None or key.lower() != "content-type" or not any(f.enabled for f in body.fields):
        return False
    if op.method in _PRUNED and not op.settings.disable_body_pruning:
        return False
    if body.mode == "urlencoded":
        return not _FORM_TYPE.match(value)
    return body.mode == "formdata" and not _FORM_DATA_TYPE.match(value)


def _sendable(url: str) -> bool:
    """An http(s) URL with a host and a valid port, which the SDK can send."""
    try:
        parts = urlsplit(url)  # raises ValueError for a bracketed host that is not an IP address
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    host = parts.hostname or ""
    if ":" not in host and _HOST_ESCAPED.search(host):  # httpx would percent-escape it: the SDK refuses
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


# ASCII outside RFC 3986's reg-name (unreserved and sub-delims), and "%": no server has such a name.
_HOST_ESCAPED = re.compile(r"[\x00-\x20\"#%/<>?@\[\\\]^`{|}\x7f]")


def _unresolved(op: Operation, values: Mapping[str, str]) -> bool:
    """A variable the request needs has no value even in the tests (a name made of other variables, like
    ``{{name{{i}}}}``): the SDK raises ``MissingVariableError``."""
    url = op.url
    templates = [url.protocol or "", url.host, url.port or "", *url.path, *(v for _, v, _ in op.path_params)]
    templates += [t for q in url.query if q.enabled for t in (q.key, q.value or "")]
    templates += [t for h in op.headers if h.enabled for t in (h.key, h.value)]
    for template in templates:
        if "{{" not in template:
            continue
        text = _expand(template, values)
        if text is not None and any(not name.startswith("$") for name in VARIABLE.findall(text)):
            return True
    return False


def _response(example: Example | None) -> dict[str, object]:
    if example is None:
        return {"status": 200, "headers": [], "body": ""}
    headers = [[k, v] for k, v in example.headers if k.lower() not in _HOP_HEADERS and wire.sendable(k, v)]
    out: dict[str, object] = {"status": example.status or 200, "headers": headers, "body": example.body}
    if example.is_json:
        out["json"] = example.json_sample
    return out


def _first_success(op: Operation) -> Example | None:
    return next((e for e in op.examples if e.answer == "success"), None)


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


def _referenced(names: tuple[str, ...], values: Mapping[str, str]) -> list[str]:
    """``names`` and the variables their values name, and theirs (``baseUrl`` -> ``region``)."""
    out = list(names)
    for name in out:  # grows as it goes
        out.extend(ref for ref in VARIABLE.findall(values.get(name, "")) if ref not in out)
    return out


def group_cases(
    api: Api, chain_path: str, group: Group, error_names: Mapping[int, str]
) -> list[dict[str, object]]:
    """The cases for one group and its subgroups: one request case per operation, one per example."""
    values = test_variables(api)
    auths: AuthCache = {}
    cases: list[dict[str, object]] = []
    stack: list[tuple[str, Group]] = [(chain_path, group)]
    while stack:
        path, current = stack.pop(0)
        for op in current.operations:
            call = f"{path}.{op.py_name}"
            used = {name: values[name] for name in _referenced(op.variables, values) if name in values}
            base = {"operation": call, "variables": used}
            request_case: dict[str, object] = {
                "id": quote(f"{call}:request", safe=":._"),
                **base,
                "args": {},
                "request": expected_request(op, values, auths),
                "response": _response(_first_success(op)),
            }
            cases.append(request_case)
            for i, example in enumerate(op.examples):
                if example.answer not in ("success", "error"):
                    continue  # 3xx is not tested; a 1xx, 0 or negative status never reaches the SDK
                override = _body_override(op, example)
                status = example.status or 200
                case: dict[str, object] = {
                    "id": quote(f"{call}:example{i}:{naming.snake(example.name)[:40]}", safe=":._"),
                    **base,
                    "args": {"body": override} if override is not None else {},
                    "request": expected_request(op, values, auths, override),
                    "response": _response(example),
                }
                if example.answer == "error":
                    case["error"] = error_names.get(status) or (
                        "InternalServerError" if status >= 500 else "APIStatusError"
                    )
                cases.append(case)
        stack.extend((f"{path}.{sub.py_name}", sub) for sub in current.groups)
    return cases
