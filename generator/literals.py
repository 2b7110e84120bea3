"""The one way a string from a collection reaches generated code: as a Python literal or a docstring."""

from __future__ import annotations

import json
import math
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUOTE_RUN = re.compile(r'"{2,}|"$|^"')
# A lone surrogate has no UTF-8 form; the loader replaces them, but a JSON body parsed later can hold one.
_SURROGATE = re.compile("[\ud800-\udfff]")


def py_literal(value: object) -> str:
    """A Python literal that evaluates to ``value`` (JSON-like data only); never executable text."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return 'float("nan")'
        if math.isinf(value):
            return 'float("inf")' if value > 0 else 'float("-inf")'
        return repr(float(value))
    if isinstance(value, str):
        text = repr(str(value))
        # Double quotes where no quote is inside, as black writes them: formatting then has less to do.
        return f'"{text[1:-1]}"' if "'" not in value and '"' not in value else text
    if isinstance(value, bytes):
        return repr(bytes(value))
    if isinstance(value, (list, tuple)):
        inner = ", ".join(py_literal(v) for v in value)
        if isinstance(value, tuple):
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        return f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_literal(str(k))}: {py_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


def docstring(text: str, *, limit: int = 2000) -> str:
    """Text safe inside a triple-quoted docstring: no quote run, backslash or control character escapes it."""
    cleaned = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    cleaned = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", cleaned)  # shown as the escape it was
    if len(cleaned) > limit:
        cleaned = cleaned[:limit].rstrip() + " ..."
    lines = [line.rstrip() for line in cleaned.split("\n")]
    out = "\n".join(lines).replace("\\", "\\\\")
    return _QUOTE_RUN.sub(lambda m: '\\"' * len(m.group()), out)


def inline_docstring(text: str) -> str:
    """``docstring`` of text for the middle of a docstring line (a name): its runs of whitespace, line breaks
    too, one space, so the docstring's lines stay the template's own, as black would leave them."""
    return docstring(" ".join(text.split()))


def toml_string(value: object) -> str:
    """A TOML basic string holding ``str(value)``: quotes, backslashes and control characters escaped."""
    text = json.dumps(str(value), ensure_ascii=False)  # JSON's escapes are TOML's, bar surrogates and DEL
    return text.replace("\x7f", "\\u007f")
