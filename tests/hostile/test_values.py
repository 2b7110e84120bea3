"""Odd but valid values: huge numbers, raw bodies labelled JSON that are not JSON, CR/LF in headers,
unknown auth types and body modes, saved file paths and scripts, invalid Unicode. Each becomes a warning or
a documented decision, never a crash; files are never opened and scripts never run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_kit import V21, compile_all, gen_client, import_sdk, run_sdk_tests, sdk_env, tail

from generator import pipeline
from generator.model import Api, Operation
from generator.parallel import ENV_LANES

# ---------------------------------------------------------------------------------------------------------
# Watching what generation does: an audit hook records files opened, processes started and code compiled.

_events: list[tuple[str, tuple[object, ...]]] | None = None
_lock = threading.Lock()
WATCHED = (
    "open",
    "os.system",
    "subprocess.Popen",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "compile",
)


def _hook(event: str, args: tuple[object, ...]) -> None:
    if _events is not None and event.startswith(WATCHED):
        _events.append((event, args))


sys.addaudithook(_hook)


def watched_generate(path: Path) -> tuple[pipeline.Generated, list[tuple[str, tuple[object, ...]]]]:
    global _events
    with _lock:
        _events = []
        # All in this process (no second lane: a forked child's audit events would not reach this list),
        # so everything the generation does is seen.
        previous = os.environ.get(ENV_LANES)
        os.environ[ENV_LANES] = "1"
        try:
            generated = pipeline.generate(str(path), formatting=False)
            return generated, _events
        finally:
            _events = None
            if previous is None:
                del os.environ[ENV_LANES]
            else:
                os.environ[ENV_LANES] = previous


def operations(api: Api) -> Iterator[Operation]:
    for _, op in api.all_operations():
        yield op


def write(tmp_path: Path, items: list[object], **extra: object) -> Path:
    path = tmp_path / "values.json"
    doc = {"info": {"name": "Values", "schema": V21}, "item": items, **extra}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------


def test_saved_file_paths_are_never_opened_and_scripts_never_run(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    fifo_like = tmp_path / "never-created.bin"
    script = (
        f"require('fs').writeFileSync({str(tmp_path / 'CANARY')!r}); __import__('os').system('touch CANARY')"
    )
    items = [
        {
            "name": "upload",
            "event": [
                {"listen": "prerequest", "script": {"exec": [script]}},
                {"listen": "test", "script": {"exec": script}},
            ],
            "request": {
                "method": "POST",
                "url": "https://api.example.test/upload",
                "body": {
                    "mode": "formdata",
                    "formdata": [
                        {"key": "doc", "type": "file", "src": str(secret)},
                        {"key": "many", "type": "file", "src": [str(secret), str(fifo_like)]},
                        {"key": "rel", "type": "file", "src": "../../../etc/shadow"},
                        {"key": "note", "type": "text", "value": "hi"},
                    ],
                },
            },
        },
        {
            "name": "binary",
            "request": {
                "method": "PUT",
                "url": "https://api.example.test/bin",
                "body": {"mode": "file", "file": {"src": str(secret)}},
            },
        },
    ]
    path = write(tmp_path, items, event=[{"listen": "prerequest", "script": {"exec": [script]}}])
    generated, events = watched_generate(path)
    opened = [str(args[0]) for event, args in events if event == "open"]
    assert not [p for p in opened if "secret" in p or "never-created" in p or "shadow" in p], opened
    assert not [
        e
        for e in events
        if e[0].startswith(("os.system", "subprocess", "os.exec", "os.posix_spawn", "os.spawn", "os.fork"))
    ]
    compiled = [args[0] for event, args in events if event == "compile" and isinstance(args[0], (str, bytes))]
    assert not [src for src in compiled if b"CANARY" in (src if isinstance(src, bytes) else src.encode())]
    warnings = [m for _, m in generated.api.warnings]
    assert sum("script not run" in m for m in warnings) == 3
    assert not (tmp_path / "CANARY").exists()


def test_huge_numbers_and_bodies_that_are_not_json(tmp_path: Path) -> None:
    huge = "1" + "0" * 400
    items = [
        {
            "name": "numbers",
            "request": {
                "method": "POST",
                "url": "https://api.example.test/n",
                "body": {
                    "mode": "raw",
                    "raw": f'{{"big": {huge}, "neg": -{huge}, "max": 1e308, "over": 1e999, "tiny": 5e-324}}',
                    "options": {"raw": {"language": "json"}},
                },
            },
            "response": [
                {
                    "name": "ok",
                    "code": 200,
                    "body": f'{{"id": {huge}, "ratio": 1.7976931348623157e308, "under": -1e999}}',
                },
            ],
        },
        {
            "name": "not json",
            "request": {
                "method": "POST",
                "url": "https://api.example.test/t",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {
                    "mode": "raw",
                    "raw": "{'single': quotes, trailing,}",
                    "options": {"raw": {"language": "json"}},
                },
            },
            "response": [
                {
                    "name": "ok",
                    "code": 200,
                    "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": "{not json",
                },
                {"name": "bad", "code": 400, "body": "<html>nope</html>"},
            ],
        },
        {
            "name": "digits",
            "request": {
                "method": "POST",
                "url": "https://api.example.test/d",
                "body": {"mode": "raw", "raw": "9" * 5000},
            },
        },
    ]
    path = write(
        tmp_path, items, variable=[{"key": "n", "value": 12345678901234567890}, {"key": "f", "value": 1e300}]
    )
    generated, _ = watched_generate(path)
    ops = {op.name: op for op in operations(generated.api)}
    assert ops["not json"].body is not None and not ops["not json"].body.is_json
    assert ops["numbers"].body is not None and ops["numbers"].body.is_json
    result = gen_client(path.name, "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    assert compile_all(tmp_path / "out") > 3
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)


def test_cr_lf_and_bad_header_names_are_cleaned_at_generation(tmp_path: Path) -> None:
    """Decided at generation, with a warning: CR/LF in a saved header value is unfolded to one space and
    other control characters dropped (HTTP forbids them and httpx refuses to send them); a name that is not
    an HTTP token is left out; a value that is not ASCII stays a parameter, not sent unless passed."""
    items = [
        {
            "name": "headers",
            "request": {
                "method": "GET",
                "url": "https://api.example.test/h",
                "header": [
                    {"key": "X-Split", "value": "a\r\nInjected: yes"},
                    {"key": "X-Trailing", "value": "token\n"},
                    {"key": "X-Nul", "value": "a\x00b\x7fc"},
                    {"key": "Bad Name", "value": "v"},
                    {"key": "X-Evil\r\nInjected", "value": "v"},
                    {"key": "", "value": "empty name"},
                    {"key": "X-Unicode", "value": "ñandú"},
                    {"key": "X-{{suffix}}", "value": "{{value}}"},
                ],
            },
        }
    ]
    path = write(
        tmp_path, items, variable=[{"key": "suffix", "value": "Var"}, {"key": "value", "value": "v"}]
    )
    generated, _ = watched_generate(path)
    (op,) = operations(generated.api)
    headers = {h.key: (h.value, h.enabled) for h in op.headers}
    assert headers == {
        "X-Split": ("a Injected: yes", True),
        "X-Trailing": ("token", True),
        "X-Nul": ("abc", True),
        "X-Unicode": ("ñandú", False),
        "X-{{suffix}}": ("{{value}}", True),
    }
    warnings = "\n".join(m for _, m in generated.api.warnings)
    assert warnings.count("control characters") == 3
    assert warnings.count("not an HTTP token") == 3
    assert "not ASCII" in warnings
    result = gen_client(path.name, "-o", "out", "--no-format", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)


def test_unknown_auth_types_and_body_modes_are_warnings(tmp_path: Path) -> None:
    items = [
        {
            "name": "odd",
            "request": {
                "method": "POST",
                "url": "https://api.example.test/o",
                "auth": {"type": "kerberos-magic", "kerberos-magic": [{"key": "realm", "value": "X"}]},
                "body": {"mode": "protobuf", "protobuf": {"message": "x"}},
            },
        },
        {
            "name": "ntlm",
            "request": {
                "method": "GET",
                "url": "https://api.example.test/n",
                "auth": {"type": "ntlm", "ntlm": []},
            },
        },
    ]
    path = write(tmp_path, items, auth={"type": "", "": []})
    generated, _ = watched_generate(path)
    warnings = "\n".join(m for _, m in generated.api.warnings)
    assert "kerberos-magic" in warnings and "protobuf" in warnings and "ntlm" in warnings
    result = gen_client(path.name, "-o", "out", "--no-format", cwd=tmp_path)
    assert result.returncode == 0 and "warning" in result.stdout, tail(result)
    assert import_sdk(tmp_path / "out", tmp_path).returncode == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b'{"info": {"name": "\\ud800 lone", "schema": "%s"}, "item": [{"name": "\\udc00", "request": "https://a.example/\\ud83d"}]}'
            % V21.encode(),
            id="lone-surrogates",
        ),
        pytest.param(
            ("\ufeff" + json.dumps({"info": {"name": "UTF-16 API", "schema": V21}, "item": []})).encode(
                "utf-16-le"
            ),
            id="utf-16",
        ),
        pytest.param(
            b'{"info": {"name": "a\\u0000b", "schema": "%s"}, "item": [{"name": "\\u0000", "request": "https://a.example/\\u0000"}]}'
            % V21.encode(),
            id="nul",
        ),
    ],
)
def test_text_that_is_not_valid_unicode_still_generates(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "odd.json").write_bytes(data)
    result = gen_client("odd.json", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    assert compile_all(tmp_path / "out") > 3
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and ".gen-client" not in path.parts:
            path.read_bytes().decode("utf-8")
    assert import_sdk(tmp_path / "out", tmp_path).returncode == 0


def test_the_sdk_never_reads_a_saved_path_either(tmp_path: Path) -> None:
    """Sending a saved file path's contents would let a collection's author read the SDK user's files."""
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-KEY-MATERIAL")
    items = [
        {
            "name": "form",
            "request": {
                "method": "POST",
                "url": "https://api.example.test/form",
                "body": {
                    "mode": "formdata",
                    "formdata": [{"key": "doc", "type": "file", "src": str(secret)}],
                },
            },
        },
        {
            "name": "binary",
            "request": {
                "method": "PUT",
                "url": "https://api.example.test/bin",
                "body": {"mode": "file", "file": {"src": str(secret)}},
            },
        },
    ]
    path = write(tmp_path, items)
    assert gen_client(path.name, "-o", "out", "--no-format", "-q", cwd=tmp_path).returncode == 0
    script = (
        "import httpx, values as sdk\n"
        "sent = []\n"
        "def handle(request):\n"
        "    sent.append(request.read())\n"
        "    return httpx.Response(200)\n"
        "client = sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(handle)))\n"
        "for group in ('form', 'bin'):\n"
        "    resource = getattr(client, group)\n"
        "    for name in dir(resource):\n"
        "        if not name.startswith('_'):\n"
        "            getattr(resource, name)()\n"
        "assert len(sent) == 2, sent\n"
        "assert not any(b'PRIVATE' in body for body in sent), sent\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=sdk_env(tmp_path / "out"),
        timeout=120,
    )
    assert result.returncode == 0, tail(result)


def test_variables_whose_saved_value_cannot_be_a_header(tmp_path: Path) -> None:
    """A saved value that is not ASCII (or has CR/LF) in a header: a warning; the SDK refuses to send it
    (a clear error at call time) and sends the header once the variable is passed."""
    items = [
        {
            "name": "who",
            "request": {
                "method": "GET",
                "url": "https://api.example.test/who",
                "header": [{"key": "X-User", "value": "{{user}}"}, {"key": "X-Split", "value": "{{split}}"}],
            },
        }
    ]
    variables = [{"key": "user", "value": "José"}, {"key": "split", "value": "a\r\nInjected: 1"}]
    path = write(tmp_path, items, variable=variables)
    generated, _ = watched_generate(path)
    warnings = [(p, m) for p, m in generated.api.warnings if "cannot be sent in header" in m]
    assert [p for p, _ in warnings] == ["/variable/0/value", "/variable/1/value"]
    assert gen_client(path.name, "-o", "out", "--no-format", "-q", cwd=tmp_path).returncode == 0
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)
    script = (
        "import httpx, values as sdk\n"
        "seen = []\n"
        "def handle(request):\n"
        "    seen.append(request.headers)\n"
        "    return httpx.Response(200)\n"
        "http = httpx.Client(transport=httpx.MockTransport(handle))\n"
        "client = sdk.Client(http_client=http, variables={'split': 'ok'})\n"
        "try:\n"
        "    client.who.who()\n"
        "except sdk.errors.APIError as exc:\n"
        "    assert 'X-User' in str(exc), exc\n"
        "else:\n"
        "    raise AssertionError('sent a header httpx cannot encode')\n"
        "client.who.who(variables={'user': 'Jose'})\n"
        "assert seen[-1]['X-User'] == 'Jose' and seen[-1]['X-Split'] == 'ok', seen\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=sdk_env(tmp_path / "out"),
        timeout=120,
    )
    assert result.returncode == 0, tail(result)


@pytest.mark.parametrize(
    "url",
    [
        "http://[[[[x/a",
        "http://[not-an-ip]/a",
        "https://[::1]:99999/a",
        "https://a b/c",
        "//",
        "::::",
        "http://",
        # Characters no host name has that httpx keeps as they are (it escapes others).
        "https://a\\b/c",
        "https://a|b/c",
        "https://a{b}/c",
        # Empty: no URL at all (the generated tests once expected a request to their own base URL).
        "",
        {},
        {"raw": ""},
        {"query": [{"key": "a", "value": "1"}]},
        # A host that is no IDNA name (a private-use character), and one that is.
        "https://postman-echo.a\ue000b/get",
        "https://b\u00fccher.example/get",
    ],
)
def test_urls_no_one_can_send_still_generate(tmp_path: Path, url: object) -> None:
    """A URL httpx would refuse: the SDK is generated; its call raises a clear error instead of sending."""
    path = write(tmp_path, [{"name": "odd url", "request": {"method": "GET", "url": url}}])
    generated, _ = watched_generate(path)
    for name, data in generated.files.items():
        if name.endswith(".py"):
            compile(data, name, "exec")
    assert gen_client(path.name, "-o", "out", "--no-format", "-q", cwd=tmp_path).returncode == 0
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)


@pytest.mark.parametrize("location", ["{{$guid}}", "banana", "Query", ""])
def test_apikey_saved_in_neither_header_nor_query_goes_in_a_header(tmp_path: Path, location: str) -> None:
    """As Postman: only "query" puts the key in the query; anything else, a dynamic variable too, a header."""
    auth = {"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "value", "value": "s3"}]}
    auth["apikey"].append({"key": "in", "value": location})  # type: ignore[attr-defined]
    item = {"name": "keyed", "request": {"method": "GET", "url": "https://api.example.test/a", "auth": auth}}
    path = write(tmp_path, [item])
    generated, _ = watched_generate(path)
    assert not any("not supported" in message for _, message in generated.api.warnings)
    assert gen_client(path.name, "-o", "out", "--no-format", "-q", cwd=tmp_path).returncode == 0
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)
    cases = json.loads(next((tmp_path / "out" / "tests" / "data").glob("*.json")).read_text())
    request = cases[0]["request"]
    sent = [name for name, _ in request["headers"]] + request["present_headers"]
    if "{{" not in location:  # a dynamic "in" leaves the expected request unchecked (it passed above)
        assert "X-Key" in sent and "X-Key" not in request["url"]


@pytest.mark.parametrize(
    "url", ["{{$guid}}", "https://{{$randomInt}}.example.test/a", "https://a.test/{{$guid}}"]
)
def test_a_url_a_dynamic_variable_draws_still_has_passing_tests(tmp_path: Path, url: str) -> None:
    """Part of the URL drawn per call: the generated tests check the rest of the request, not the URL."""
    path = write(tmp_path, [{"name": "drawn", "request": {"method": "GET", "url": url}}])
    assert gen_client(path.name, "-o", "out", "--no-format", "-q", cwd=tmp_path).returncode == 0
    cases = json.loads(next((tmp_path / "out" / "tests" / "data").glob("*.json")).read_text())
    assert cases[0]["request"]["url_known"] is False
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)
