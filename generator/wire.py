"""Saved headers that cannot go on the wire as they are: decided once, at generation, with a warning.

HTTP forbids control characters in header fields, and header names must be tokens (RFC 9110). Postman's own
sender refuses such headers, and httpx refuses them when sending. So a saved header whose name is not a
token is left out; CR/LF in a saved value is unfolded to one space (as a recipient treats obsolete line
folding) and other control characters are dropped; a saved value that is not ASCII, which httpx cannot send,
stays a parameter but is not sent by default. Values given at call time are the caller's: the SDK sends
them as they are or reports why it cannot. (Control characters in URLs are percent-encoded when the URL is
built, after variables are filled in, as Postman does.)
"""

from __future__ import annotations

import re

from generator.model import Api

_VARIABLE = re.compile(r"\{\{[^{}]*\}\}")
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")

Warnings = list[tuple[str, str]]


def _shown(text: str) -> str:
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def header_name_ok(key: str) -> bool:
    """A header name is an HTTP token once its ``{{variables}}`` are filled in (their values are unknown)."""
    literal = _VARIABLE.sub("", key)
    return bool(_TOKEN.fullmatch(literal)) or (literal == "" and key != "")


def clean_header(
    key: str, value: str, enabled: bool, pointer: str, warn: Warnings
) -> tuple[str, bool] | None:
    """The value and enabled flag a saved header is generated with; None when it is left out."""
    if not header_name_ok(key):
        warn.append((pointer, f"header name {_shown(key)} is not an HTTP token: header left out"))
        return None
    cleaned = _CONTROL.sub("", _LINE_BREAK.sub(" ", value))
    if cleaned != value:
        cleaned = cleaned.strip(" \t")
        warn.append((pointer, f"header {_shown(key)}: control characters (CR, LF, ...) removed from value"))
    if enabled and not _VARIABLE.sub("", cleaned).isascii():
        warn.append((pointer, f"header {_shown(key)}: value is not ASCII, so it is sent only when passed"))
        enabled = False
    return cleaned, enabled


def sendable(key: str, value: str) -> bool:
    """True when httpx can send this header as it is: a token name and a printable ASCII value."""
    return bool(_TOKEN.fullmatch(key)) and value.isascii() and not _CONTROL.search(value)


def header_unsafe_variables(api: Api) -> dict[str, str]:
    """Variables whose saved value cannot be sent in a header (not ASCII, or control characters) although an
    enabled saved header uses them, each with the first such header's name. Their calls need the variable
    passed: the SDK refuses to send the saved value."""
    unsafe = {v.name: v.default for v in api.variables if v.default and not sendable("X", v.default)}
    found: dict[str, str] = {}
    if not unsafe:
        return found
    for _, op in api.all_operations():
        for header in op.headers:
            if header.enabled:
                for name in _VARIABLE.findall(header.key + header.value):
                    if name[2:-2].strip() in unsafe:
                        found.setdefault(name[2:-2].strip(), header.key)
    return found
