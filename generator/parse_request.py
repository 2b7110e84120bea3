"""Parse one Postman request (URL, headers, body, auth) into IR parts. Pure functions over validated JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Literal, cast

from generator.errors import join_pointer
from generator.model import Body, FormField, QueryPart, Url

JSONObject = Mapping[str, object]

RAW_CONTENT_TYPES = {
    "json": "application/json",
    "xml": "application/xml",
    "html": "text/html",
    "javascript": "application/javascript",
    "text": "text/plain",
}
_PROTOCOL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*|\{\{[^{}]*\}\})://")
_PORT = re.compile(r":(\d+|\{\{[^{}]+\}\})$")
_SOLE_VARIABLE = re.compile(r"^\{\{([^{}]+)\}\}$")
VARIABLE = re.compile(r"\{\{([^{}]+?)\}\}")


def text(value: object) -> str:
    """A Postman scalar as the string Postman would send (numbers and booleans as JSON spells them)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value)


def description(value: object) -> str:
    if isinstance(value, Mapping):
        return text(value.get("content"))
    return text(value) if isinstance(value, str) else ""


def sole_variable(template: str) -> str | None:
    match = _SOLE_VARIABLE.match(template.strip())
    return match.group(1) if match else None


def variables_in(template: str) -> list[str]:
    """The variables a template names, as Postman reads them: ``{{ page }}`` names " page ", not "page"
    (dynamic ones, ``{{$guid}}``, are made per call and left out)."""
    return [m for m in VARIABLE.findall(template) if not m.startswith("$")]


def js_json(value: object) -> str:
    """A JSON value as JavaScript's ``JSON.stringify`` writes it: compact, integral floats as integers."""
    return json.dumps(_js_numbers(value), separators=(",", ":"), ensure_ascii=False)


def _js_numbers(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, Mapping):
        return {k: _js_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_js_numbers(v) for v in value]
    return value


def strip_json_comments(raw: str) -> str:
    """``//`` and ``/* */`` comments outside JSON strings removed, as Postman does before it sends a JSON
    body; a line comment's line break stays (the SDK runtime does the same at call time)."""
    if "/" not in raw:  # no comment can start: the usual body
        return raw
    out: list[str] = []
    kept = at = 0
    while (found := _COMMENT_OR_QUOTE.search(raw, at)) is not None:
        start, token = found.start(), found.group()
        if token == '"':
            at = start + 1 if _escaped(raw, start) else _string_end(raw, start + 1)
            continue
        out.append(raw[kept:start])
        end = raw.find("\n", start + 2) if token == "//" else raw.find("*/", start + 2)
        if end == -1:
            return "".join(out)
        kept = at = end if token == "//" else end + 2
    return "".join(out) + raw[kept:]


_COMMENT_OR_QUOTE = re.compile(r'"|//|/\*')


def _string_end(raw: str, at: int) -> int:
    while (quote := raw.find('"', at)) != -1:
        if not _escaped(raw, quote):
            return quote + 1
        at = quote + 1
    return len(raw)


def _escaped(raw: str, quote: int) -> bool:
    before = quote
    while before > 0 and raw[before - 1] == "\\":
        before -= 1
    return (quote - before) % 2 == 1


# ------------------------------------------------------------------------------------------------ URL
def _split_query(raw: str) -> list[tuple[str, str | None]]:
    pairs: list[tuple[str, str | None]] = []
    for piece in raw.split("&"):
        key, sep, value = piece.partition("=")
        pairs.append((key, value if sep else None))
    return pairs


def _parse_raw_url(raw: str) -> dict[str, object]:
    """Split a URL string the way Postman does: protocol, host, port, path, query, hash."""
    rest = raw.strip()
    hash_: str | None = None
    if "#" in rest:
        rest, hash_ = rest.split("#", 1)
    query: list[tuple[str, str | None]] = []
    if "?" in rest:
        rest, query_text = rest.split("?", 1)
        query = _split_query(query_text)
    protocol = None
    match = _PROTOCOL.match(rest)
    if match:
        protocol, rest = match.group(1), rest[match.end() :]
    host, slash, path_text = rest.partition("/")
    port = None
    port_match = _PORT.search(host)
    if port_match and port_match.start() > 0:
        port, host = port_match.group(1), host[: port_match.start()]
    return {
        "protocol": protocol,
        "host": host,
        "port": port,
        "path": path_text.split("/") if slash else [],
        "query": [{"key": k, "value": v} for k, v in query],
        "hash": hash_,
    }


def parse_url(value: object) -> tuple[Url, list[tuple[str, str, str]]]:
    """A URL (string or object) -> Url, plus its path variables as (key, saved value, description)."""
    if isinstance(value, str) or value is None:
        obj: JSONObject = _parse_raw_url(text(value))
    else:
        obj = cast(JSONObject, value)
        if obj.get("host") is None and obj.get("path") is None and isinstance(obj.get("raw"), str):
            parsed = _parse_raw_url(cast(str, obj["raw"]))
            obj = {**parsed, **{k: v for k, v in obj.items() if k in ("query", "variable") and v}}
    host_value = obj.get("host")
    host = ".".join(text(h) for h in host_value) if isinstance(host_value, list) else text(host_value)
    host = _userinfo(obj.get("auth")) + host
    path_value = obj.get("path")
    if isinstance(path_value, str):
        path = path_value.split("/")
        leading = path_value.startswith("/")
        if leading:
            path = path[1:]
    elif isinstance(path_value, list):
        path = [text(p.get("value")) if isinstance(p, Mapping) else text(p) for p in path_value]
        leading = False
    else:
        path, leading = [], False
    query: list[QueryPart] = []
    for q in _list(obj.get("query")):
        if isinstance(q, Mapping):
            key = text(q.get("key"))
            raw_value = q.get("value")
            value_text = None if raw_value is None else text(raw_value)
            query.append(QueryPart(key, value_text, not q.get("disabled", False), None))
    path_vars: list[tuple[str, str, str]] = []
    for var in _list(obj.get("variable")):
        if isinstance(var, Mapping) and var.get("key") is not None:
            path_vars.append(
                (text(var.get("key")), text(var.get("value")), description(var.get("description")))
            )
    protocol = text(obj.get("protocol")) or None
    port = text(obj.get("port")) or None
    base = sole_variable(host) if host and protocol is None and port is None else None
    hash_value = obj.get("hash")
    url = Url(
        protocol=protocol,
        host=host,
        port=port,
        path=tuple(path),
        has_leading_slash=leading,
        query=tuple(query),
        hash=text(hash_value) if hash_value is not None else None,
        base_variable=base,
    )
    return url, path_vars


def _userinfo(auth: object) -> str:
    """A URL object's ``auth`` (``{"user", "password"}``) as Postman writes it before the host: ``user@``,
    ``user:password@`` or ``:password@``; httpx then sends it as basic auth, as Node does."""
    if not isinstance(auth, Mapping):
        return ""
    user, password = auth.get("user"), auth.get("password")
    found = user if isinstance(user, str) else None
    if isinstance(password, str):
        found = (found or "") + ":" + password
    return found + "@" if found is not None else ""


def path_keys(url: Url) -> set[str]:
    """The path variables a URL's segments name: ``:id`` and ``:id.json`` both name ``id``."""
    return {s[1:].split(".", 1)[0] for s in url.path if s.startswith(":") and len(s) > 1}


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def origin(url: Url) -> str:
    out = f"{url.protocol}://{url.host}" if url.protocol else url.host
    return f"{out}:{url.port}" if url.port else out


# ------------------------------------------------------------------------------------------------ headers
def parse_headers(value: object) -> list[tuple[str, str, bool, str]]:
    """Headers as (key, value, enabled, description); a header block string is split into lines."""
    out: list[tuple[str, str, bool, str]] = []
    if isinstance(value, str):
        for line in value.splitlines():
            key, sep, rest = line.partition(":")
            if sep and key.strip():
                out.append((key.strip(), rest.strip(), True, ""))
        return out
    for h in value if isinstance(value, list) else []:
        if isinstance(h, Mapping) and h.get("key") is not None:
            out.append(
                (
                    text(h.get("key")),
                    text(h.get("value")),
                    not h.get("disabled", False),
                    description(h.get("description")),
                )
            )
    return out


# ------------------------------------------------------------------------------------------------ body
def _is_json(raw: str) -> tuple[bool, object]:
    try:
        return True, json.loads(raw)
    except (ValueError, RecursionError):
        return False, None


_BODY_MODES = frozenset({"raw", "urlencoded", "formdata", "file", "graphql"})


def parse_body(value: object, pointer: str, warn: list[tuple[str, str]]) -> Body | None:
    if not isinstance(value, Mapping) or value.get("disabled") is True:
        return None
    saved_mode = value.get("mode")
    if not saved_mode:
        return None
    # As Postman reads it: any case, and a mode it does not know is raw.
    mode = text(saved_mode).lower()
    if mode not in _BODY_MODES:
        warn.append(
            (join_pointer(pointer, "mode"), f"unknown body mode {text(saved_mode)[:40]!r}: sent as raw")
        )
        mode = "raw"
    if mode == "raw":
        raw = text(value.get("raw"))
        options = value.get("options")
        language = None
        if isinstance(options, Mapping) and isinstance(options.get("raw"), Mapping):
            language = text(cast(JSONObject, options["raw"]).get("language")) or None
        ok, sample = _is_json(raw) if raw.strip() else (False, None)
        if not ok and ("//" in raw or "/*" in raw):  # JSON with comments, which Postman strips when sending
            ok, sample = _is_json(strip_json_comments(raw))
        return Body(
            "raw",
            raw=raw,
            language=language,
            # None when the body names no language: Postman then sends text/plain, and strips JSON comments
            # only if the request's Content-Type is JSON.
            content_type=RAW_CONTENT_TYPES.get(language, "text/plain") if language else None,
            json_sample=sample,
            is_json=ok,
        )
    if mode in ("urlencoded", "formdata"):
        fields: list[FormField] = []
        for f in value.get(mode) or []:
            if not isinstance(f, Mapping) or f.get("key") is None:
                continue
            kind: Literal["text", "file"] = "file" if f.get("type") == "file" else "text"
            src = f.get("src")
            if isinstance(src, list):  # several files (the first is kept) or none chosen: []
                src = src[0] if src else None
            src_text = src if kind == "file" else None
            fields.append(
                FormField(
                    key=text(f.get("key")),
                    value=text(f.get("value")),
                    kind=kind,
                    enabled=not f.get("disabled", False),
                    content_type=text(f.get("contentType")) or None,
                    src=text(src_text) or None,
                    param=None,
                    description=description(f.get("description")),
                )
            )
        content_type = "application/x-www-form-urlencoded" if mode == "urlencoded" else None
        form_mode: Literal["urlencoded", "formdata"] = "urlencoded" if mode == "urlencoded" else "formdata"
        return Body(form_mode, fields=tuple(fields), content_type=content_type)
    if mode == "file":
        file_obj = value.get("file")
        src = file_obj.get("src") if isinstance(file_obj, Mapping) else None
        content = file_obj.get("content") if isinstance(file_obj, Mapping) else None
        if isinstance(content, str) and not src:
            return Body("file", raw=content)  # saved inline (base64, as Postman reads it)
        return Body("file", src=text(src) or None)
    if mode == "graphql":
        gql = value.get("graphql")
        gql_obj: JSONObject = gql if isinstance(gql, Mapping) else {}
        # Saved variables text is spliced in as it is; saved JSON (null too) is written as JSON.stringify
        # writes it; no variables at all leave the key out.
        variables = gql_obj.get("variables", ...)
        return Body(
            "graphql",
            graphql_query=text(gql_obj.get("query")),
            graphql_variables=(
                variables if isinstance(variables, str) else "" if variables is ... else js_json(variables)
            ),
            content_type="application/json",
        )
    return None
