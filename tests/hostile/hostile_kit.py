"""Hostile collections and the harness that generates, imports and tests their SDKs.

``payloads`` are strings that would create a canary file if any stage ever ran them as Python, Jinja or a
shell command; ``awkward_names`` are names a careless generator turns into broken or shadowing identifiers.
``hostile_collection`` puts a list of strings in every position a Postman collection has.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
CANARY = "CANARY"

# Names the generated code itself uses, at every level: parameters, locals, attributes, modules, classes.
GENERATED_CODE_NAMES = (
    "self",
    "cls",
    "client",
    "timeout",
    "headers",
    "json",
    "body",
    "auth",
    "http_client",
    "variables",
    "max_retries",
    "models",
    "httpx",
    "Mapping",
    "Operation",
    "Query",
    "Header",
    "Body",
    "Field",
    "Auth",
    "FileInput",
    "SyncRuntime",
    "AsyncRuntime",
    "Runtime",
    "Config",
    "RawResponse",
    "Client",
    "AsyncClient",
    "cached_property",
    "close",
    "aclose",
    "with_raw_response",
    "base_url",
    "_runtime",
    "errors",
    "sdk",
    "annotations",
    "dataclass",
    "field",
    "Model",
    "JSON",
    "UNSET",
    "Unset",
    "ShapeError",
    "FieldReader",
    "to_dict",
    "from_dict",
    "from_json",
    "extra_fields",
    "data",
    "read",
    "request",
    "response",
    "P",
    "T",
    "DEFAULTS",
    "ENVIRONMENT",
    "TYPE_CHECKING",
    "pytest",
    "conftest",
    "_harness",
    "harness",
    "test",
    "tests",
    "__init__",
    "__class__",
    "__dict__",
    "os",
    "sys",
    "typing",
    "asyncio",
)
AWKWARD_NAMES = (
    "class",
    "def",
    "None",
    "True",
    "match",
    "case",
    "_",
    "type",
    "print",
    "list",
    "str",
    "int",
    "object",
    "",
    " ",
    "\t\n",
    "1abc",
    "123",
    "!!!",
    "-",
    "...",
    "a-b",
    "a_b",
    "A B",
    "aB",
    "a b",
    "a__b",
    "ñandú",
    "東京",
    "Ωmega",
    "émoji 🎉",
    "x\u200by",
    "ﬁle",
    "a-b",
)


def payloads(canary: Path) -> list[str]:
    """Strings that touch ``canary`` if run as Python, a Jinja template, a format string or a shell line."""
    path = str(canary)
    code = f"__import__('pathlib').Path({path!r}).touch()"
    shell = f"touch {path}"
    system = f"__import__('os').system({shell!r})"
    jinja_os = "cycler.__init__.__globals__.os"
    return [
        code,
        f"'); {code} #",
        f'"); {code} #',
        f"'''); {code} #",
        f'"""); {code} #',
        f"\\'); {code} #",
        f'\\"""; {code} #\\',
        f"\n{code}\n",
        f"\\\n{code}",
        f"\r\n{system}\r\n",
        f"x\x00{code}",
        "{{ " + jinja_os + f".system({shell!r}) " + "}}",
        "{% set _ = " + jinja_os + f".system({shell!r}) " + "%}",
        "{#",
        "{{" + code + "}}",
        "{" + code + "}",
        "%(x)s{0}{" + system + "!r}",
        f"$({shell})",
        f"`{shell}`",
        f"; {shell} #",
        f"../../{canary.name}",
        f"/../../../../{canary.name}",
        f"<script>{code}</script>",
        f"]]]}}}}}} {code}",
        f'"\n[build-system]\nbuild-backend = "os"\nrequires = ["{code}"]\n',
        f"# {code}\n`{shell}`\n| a | b |",
    ]


def _url(strings: Sequence[str], i: int, value: str) -> dict[str, object]:
    return {
        "raw": f"https://api.example.test/items/:id/{i}",
        "protocol": "https",
        "host": ["api", "example", "test"],
        "path": ["items", ":id", str(i), value],
        "query": [
            {"key": value, "value": value, "description": value},
            {"key": f"q{i}", "value": value},
            {"key": value, "value": None, "disabled": True},
        ],
        "variable": [{"key": "id", "value": value, "description": value}],
        "hash": value,
    }


def _examples(value: str, i: int, url: dict[str, object]) -> list[dict[str, object]]:
    body = json.dumps({value: value, "id": i, "nested": {value: [value, {value: value}]}})
    return [
        {
            "name": value,
            "code": 200,
            "status": value,
            "header": [
                {"key": value, "value": value},
                {"key": "X-Payload", "value": value},
                {"key": "Content-Type", "value": "application/json"},
            ],
            "body": body,
            "originalRequest": {
                "method": "POST",
                "url": url,
                "header": [{"key": "X-Payload", "value": value}],
                "body": {"mode": "raw", "raw": json.dumps({value: value, "other": value})},
            },
        },
        {"name": value, "code": 400, "header": [{"key": value, "value": value}], "body": value},
        {"name": value, "code": 503, "body": json.dumps({"message": value, value: [value]})},
        {"name": value, "code": 201, "body": value},
    ]


def _request_item(value: str, i: int, strings: Sequence[str]) -> dict[str, object]:
    url = _url(strings, i, value)
    return {
        "name": value,
        "description": value,
        "event": _events(value),
        "request": {
            "method": "POST",
            "description": {"content": value, "type": "text/markdown"},
            "header": [
                {"key": value, "value": value, "description": value},
                {"key": "X-Payload", "value": value, "description": value},
                {"key": "X-Off", "value": value, "disabled": True},
            ],
            "url": url,
            "body": {
                "mode": "raw",
                "raw": json.dumps(
                    {value: value, "n": 12345678901234567890123456789, "f": 1e308, "list": [value]}
                ),
                "options": {"raw": {"language": "json"}},
            },
        },
        "response": _examples(value, i, url),
    }


def _events(value: str) -> list[dict[str, object]]:
    return [
        {"listen": "prerequest", "script": {"type": "text/javascript", "exec": [value, "pm.test(1)"]}},
        {"listen": "test", "script": {"exec": value}},
    ]


def _body_items(value: str, i: int) -> list[dict[str, object]]:
    """One request per other body mode, each carrying ``value`` in every string it has."""
    base = f"https://api.example.test/bodies/{i}"
    modes: list[dict[str, object]] = [
        {
            "mode": "urlencoded",
            "urlencoded": [
                {"key": value, "value": value, "description": value},
                {"key": "plain", "value": value},
            ],
        },
        {
            "mode": "formdata",
            "formdata": [
                {"key": value, "value": value, "type": "text"},
                {"key": "upload", "type": "file", "src": value},
                {"key": "many", "type": "file", "src": [value, value]},
            ],
        },
        {"mode": "file", "file": {"src": value}},
        {"mode": "graphql", "graphql": {"query": value, "variables": json.dumps({value: value})}},
        {"mode": "raw", "raw": value, "options": {"raw": {"language": "json"}}},
        {"mode": value, value: value},
    ]
    return [
        {
            "name": f"{value} {mode['mode']}",
            "request": {"method": "PUT", "url": f"{base}/{n}", "body": mode},
        }
        for n, mode in enumerate(modes)
    ]


def _auth(value: str) -> list[dict[str, object]]:
    return [
        {"type": "bearer", "bearer": [{"key": "token", "value": value, "type": "string"}]},
        {
            "type": "apikey",
            "apikey": [
                {"key": "key", "value": "X-Api-Key"},
                {"key": "value", "value": value},
                {"key": "in", "value": "header"},
            ],
        },
        {
            "type": "basic",
            "basic": [{"key": "username", "value": value}, {"key": "password", "value": value}],
        },
        {"type": value, value: [{"key": value, "value": value}]},
    ]


def hostile_collection(strings: Sequence[str], *, name: str | None = None) -> dict[str, object]:
    """A valid v2.1 collection with every string in every position: names, keys, values, descriptions."""
    joined = "\n".join(strings)
    folders: list[dict[str, object]] = []
    auths = _auth(strings[0])
    for i, value in enumerate(strings):
        folders.append(
            {
                "name": value,
                "description": value,
                "event": _events(value),
                "auth": _auth(value)[i % len(auths)],
                "variable": [{"key": value, "value": value}],
                "item": [_request_item(value, i, strings), {"name": value, "item": _body_items(value, i)}],
            }
        )
    loose = [_request_item(value, 1000 + i, strings) for i, value in enumerate(strings[:3])]
    return {
        "info": {
            "_postman_id": strings[0],
            "name": joined if name is None else name,
            "description": joined,
            "schema": V21,
        },
        "event": _events(joined),
        "variable": [
            {"key": value, "value": value, "description": value, "type": "string"} for value in strings
        ]
        + [{"key": "token", "value": strings[0], "type": "secret"}],
        "auth": {
            "type": "apikey",
            "apikey": [{"key": "value", "value": strings[-1]}, {"key": "key", "value": "k"}],
        },
        "item": folders + loose,
    }


# ---------------------------------------------------------------------------------------------------------
# Running the generator and the generated SDK


def gen_client(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The real CLI, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def python_files(root: Path) -> Iterator[Path]:
    yield from sorted(root.rglob("*.py"))


def compile_all(root: Path) -> int:
    """Compile every generated ``.py`` file (raises SyntaxError on the first bad one); returns how many."""
    count = 0
    for path in python_files(root):
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        count += 1
    return count


def sdk_env(out: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = str(out / "src")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def package_of(out: Path) -> str:
    (package,) = [p.name for p in (out / "src").iterdir() if p.is_dir()]
    return package


def import_sdk(out: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Import the SDK and every module in it, then build both clients and touch every group attribute."""
    package = package_of(out)
    script = (
        "import importlib, pkgutil, sys\n"
        f"import {package} as sdk\n"
        "for m in pkgutil.walk_packages(sdk.__path__, sdk.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "client = sdk.Client(variables={})\n"
        "for name in dir(type(client)):\n"
        "    if not name.startswith('_'):\n"
        "        getattr(client, name)\n"
        "client.close()\n"
        "sdk.AsyncClient()\n"
        "print('imported', len(sys.modules))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, env=sdk_env(out), timeout=300
    )


def run_sdk_tests(out: Path, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The generated test suite, with pytest, against the generated sources; all but ``loopback_test``,
    whose server and faults are the same whatever the collection (about 3 s of waiting on timeouts; tests/e2e
    and the corpus run it)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(out),
            "--ignore",
            str(out / "tests" / "loopback_test.py"),
            *extra,
            str(out / "tests"),
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=sdk_env(out),
        timeout=1200,
    )


def tail(result: subprocess.CompletedProcess[str], lines: int = 40) -> str:
    return "\n".join((result.stdout + result.stderr).splitlines()[-lines:])
