"""What counts as "the same request": the rules the referee compares newman's and the SDK's requests by.

- method, path (raw bytes as sent) and query (raw ``&``-separated pieces, order kept) are compared exactly;
- headers by lower-cased name, the values of each name in the order sent, leading and trailing whitespace
  ignored (it is not part of a field value). Left out, because they describe the client rather than the
  saved request: ``postman-token`` (newman's per-request nonce), and ``user-agent``,
  ``accept-encoding``, ``cache-control`` and ``connection`` while newman sends its own defaults for them (a
  saved value for any of them is compared). ``content-length`` is compared, except for multipart bodies whose
  boundary (and so length) is random on both sides. ``host`` is compared (both keep the saved host and port);
- bodies: equal bytes match; otherwise JSON bodies match when semantically equal, urlencoded bodies when their
  decoded (key, value) pairs are equal in order, multipart bodies part by part (headers and bytes, boundary
  ignored), with the ``Content-Type`` boundary parameter ignored.
"""

from __future__ import annotations

import json
import re
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl

from conformance.echo import Recorded

NEWMAN_DEFAULTS = {
    "postman-token": re.compile(r".*"),
    "user-agent": re.compile(r"PostmanRuntime/[\d.]+"),
    "accept-encoding": re.compile(r"gzip, deflate, br"),
    "cache-control": re.compile(r"no-cache"),
    "connection": re.compile(r"keep-alive"),
}
_BOUNDARY = re.compile(r';\s*boundary="?([^";]+)"?', re.IGNORECASE)


def _headers(record: Recorded) -> dict[str, list[str]]:
    """Values by lower-cased name, without the whitespace around them, which is not part of a field value
    (RFC 9110, 5.5; the echo server's parser keeps trailing whitespace)."""
    out: dict[str, list[str]] = {}
    for key, value in record.headers:
        out.setdefault(key.lower(), []).append(value.strip(" \t"))
    return out


def _content_type(record: Recorded) -> str:
    values = record.header_values("content-type")
    return values[0] if values else ""


def multipart_parts(record: Recorded) -> list[tuple[list[tuple[str, str]], bytes]] | None:
    """The parts of a multipart body as (headers, content), or None when the body is not multipart."""
    content_type = _content_type(record)
    if not content_type.lower().startswith("multipart/"):
        return None
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + record.body
    )
    if not message.is_multipart():
        return None
    parts = []
    for part in message.iter_parts():
        headers = [(k.lower(), " ".join(str(v).split())) for k, v in part.items()]
        payload = part.get_payload(decode=True)
        parts.append((headers, payload if isinstance(payload, bytes) else b""))
    return parts


def _json(body: bytes) -> tuple[bool, object]:
    try:
        return True, json.loads(body)
    except ValueError:
        return False, None


def body_difference(newman: Recorded, sdk: Recorded) -> str | None:
    if newman.body == sdk.body:
        return None
    newman_parts, sdk_parts = multipart_parts(newman), multipart_parts(sdk)
    if newman_parts is not None or sdk_parts is not None:
        if newman_parts == sdk_parts:
            return None
        return f"multipart parts differ: newman {newman_parts!r:.600} sdk {sdk_parts!r:.600}"
    ok_n, json_n = _json(newman.body)
    ok_s, json_s = _json(sdk.body)
    if ok_n and ok_s and json_n == json_s:
        return None
    if "urlencoded" in _content_type(newman).lower():
        pairs_n = parse_qsl(newman.body.decode("latin-1"), keep_blank_values=True)
        pairs_s = parse_qsl(sdk.body.decode("latin-1"), keep_blank_values=True)
        if pairs_n == pairs_s:
            return None
    return f"body differs: newman {newman.body[:400]!r} sdk {sdk.body[:400]!r}"


def header_differences(newman: Recorded, sdk: Recorded, fresh: frozenset[str] = frozenset()) -> list[str]:
    """``fresh``: headers whose value the SDK makes anew on purpose (idempotency tokens): presence is
    compared."""
    theirs, ours = _headers(newman), _headers(sdk)
    multipart = _content_type(newman).lower().startswith("multipart/")
    out = []
    for name in sorted(set(theirs) | set(ours)):
        expected, got = theirs.get(name, []), ours.get(name, [])
        default = NEWMAN_DEFAULTS.get(name)
        if default is not None and all(default.fullmatch(v) for v in expected):
            continue
        if name == "content-length" and multipart:
            continue
        if name == "content-type":
            expected = [_BOUNDARY.sub("", v) for v in expected]
            got = [_BOUNDARY.sub("", v) for v in got]
        if name in fresh:
            expected, got = ["(a value)"] * len(expected), ["(a value)"] * len(got)
        if expected != got:
            out.append(f"header {name}: newman {expected!r:.300} sdk {got!r:.300}")
    return out


def differences(newman: Recorded, sdk: Recorded, fresh: frozenset[str] = frozenset()) -> list[str]:
    """Every way the SDK's request differs from newman's; empty when they match."""
    out = []
    if newman.method != sdk.method:
        out.append(f"method: newman {newman.method} sdk {sdk.method}")
    if newman.path != sdk.path:
        out.append(f"path: newman {newman.path!r} sdk {sdk.path!r}")
    pieces_n = newman.query.split("&") if newman.query is not None else None
    pieces_s = sdk.query.split("&") if sdk.query is not None else None
    if pieces_n != pieces_s:
        out.append(f"query: newman {newman.query!r:.400} sdk {sdk.query!r:.400}")
    out.extend(header_differences(newman, sdk, fresh))
    body = body_difference(newman, sdk)
    if body:
        out.append(body)
    return out
