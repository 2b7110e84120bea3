"""Broken input, through the real CLI: exit 2, one line naming the file, the JSON pointer and the problem,
never a traceback, and nothing written."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_kit import V21, gen_client

V20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"


def doc(*items: object, **extra: object) -> bytes:
    return json.dumps({"info": {"name": "Broken", "schema": V21}, "item": list(items), **extra}).encode()


def req(**request: object) -> dict[str, object]:
    return {"name": "r", "request": {"method": "GET", "url": "https://api.example.test/x", **request}}


def deep_doc(depth: int, leaf: object) -> bytes:
    """A collection whose one request sits ``depth`` folders deep (written as text: no recursion)."""
    folders = '{"name": "f", "item": [' * depth + json.dumps(leaf) + "]}" * depth
    return b'{"info": {"name": "Deep", "schema": "%s"}, "item": [%s]}' % (V21.encode(), folders.encode())


# (input bytes, JSON pointer expected in the message or None for document-level problems, words expected)
CASES: dict[str, tuple[bytes, str | None, str]] = {
    "empty": (b"", None, "empty file"),
    "whitespace": (b" \n\t\r\n", None, "empty file"),
    "not-json": (b"name: my api\nitem: []\n", None, "not valid JSON"),
    "truncated": (doc(req())[:-7], None, "not valid JSON"),
    "truncated-string": (b'{"info": {"name": "unterminated', None, "not valid JSON"),
    "binary": (bytes(range(256)) * 4, None, "not UTF-8"),
    "gzip": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + os.urandom(64), None, "not UTF-8"),
    "nul-bytes": (b"\x00" * 64, None, "not valid JSON"),
    "array": (b"[1, 2, 3]", None, "got an array"),
    "string": (b'"a collection"', None, "got a string"),
    "number": (b"42", None, "got a number"),
    "null": (b"null", None, "got null"),
    "boolean": (b"true", None, "got a boolean"),
    "nan": (b'{"info": {"name": NaN}, "item": []}', None, "NaN is not JSON"),
    "huge-int": (b'{"item": [], "x": ' + b"9" * 5000 + b"}", None, "4300 digits"),
    "too-deep": (b"[" * 200_000 + b"]" * 200_000, None, "nested too deeply"),
    "unrelated-object": (b'{"openapi": "3.0.0", "paths": {}}', None, "not a Postman collection"),
    "environment": (
        json.dumps({"name": "env", "values": [{"key": "a", "value": "b"}]}).encode(),
        None,
        "Postman environment",
    ),
    "v1-by-shape": (
        json.dumps({"id": "1", "name": "old", "order": [], "folders": [], "requests": []}).encode(),
        None,
        "postman-collection-transformer",
    ),
    "v1-by-schema": (
        json.dumps(
            {
                "info": {
                    "name": "x",
                    "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json",
                }
            }
        ).encode(),
        "/info/schema",
        "Postman v1",
    ),
    "url-is-number": (doc(req(url=5)), "/item/0/request/url", "got a number"),
    "method-is-object": (doc(req(method={"verb": "GET"})), "/item/0/request/method", "got an object"),
    "item-not-list": (
        json.dumps({"info": {"name": "x", "schema": V21}, "item": {"name": "r"}}).encode(),
        "/item",
        "expected an array",
    ),
    "header-key-missing": (doc(req(header=[{"value": "v"}])), "/item/0/request/header/0", "'key'"),
    "deep-violation": (
        deep_doc(40, req(url={"raw": "x", "query": [{"key": 1}]})),
        "/item/0" + "/item/0" * 40 + "/request/url/query/0/key",
        "got a number",
    ),
    "very-deep-violation": (
        deep_doc(3000, req(method=[])),
        "/item/0" * 3001 + "/request/method",
        "got an array",
    ),
    "wrapper-violation": (
        json.dumps({"collection": {"info": {"name": "x", "schema": V21}, "item": [req(url=True)]}}).encode(),
        "/collection/item/0/request/url",
        "got a boolean",
    ),
    "v2.0-auth-shape": (
        json.dumps(
            {"info": {"name": "x", "schema": V20}, "item": [req(auth={"type": "basic", "basic": 5})]}
        ).encode(),
        "/item/0/request/auth/basic",
        "got a number",
    ),
    "item-without-request": (doc({"name": "half"}), "/item/0", "missing 'request'"),
    "response-code-string": (
        doc({**req(), "response": [{"name": "e", "code": "200"}]}),
        "/item/0/response/0/code",
        "got a string",
    ),
    "variable-not-list": (doc(req(), variable={"key": "a"}), "/variable", "expected an array"),
}


def check_one_line_error(
    result: subprocess.CompletedProcess[str], name: str, pointer: str | None, words: str
) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout[-500:], result.stderr[-2000:])
    assert result.stdout == ""
    line = result.stderr.rstrip("\n")
    assert "\n" not in line and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert line.startswith(f"error: {name}"), line[:300]
    if pointer is not None:
        assert line.startswith(f"error: {name}:{pointer}: "), line[:300]
    assert words in line, line[:300]
    return line


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_is_one_line_exit_2_and_nothing_written(tmp_path: Path, case: str) -> None:
    data, pointer, words = CASES[case]
    source = tmp_path / "in.json"
    source.write_bytes(data)
    result = gen_client(source.name, "-o", "out", cwd=tmp_path)
    line = check_one_line_error(result, "in.json", pointer, words)
    assert len(line) < 600 + len(pointer or "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_broken_input_leaves_an_existing_sdk_untouched(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(doc(req()))
    assert gen_client(source.name, "-o", "out", "--no-format", cwd=tmp_path).returncode == 0
    before = {p: p.read_bytes() for p in sorted((tmp_path / "out").rglob("*")) if p.is_file()}
    source.write_bytes(doc(req(url=5)))
    check_one_line_error(
        gen_client(source.name, "-o", "out", cwd=tmp_path), "in.json", "/item/0/request/url", ""
    )
    after = {p: p.read_bytes() for p in sorted((tmp_path / "out").rglob("*")) if p.is_file()}
    assert after == before


def test_stdin(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "-", "-o", "out"],
        input="{ broken",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    check_one_line_error(result, "<stdin>", None, "not valid JSON")
    assert not (tmp_path / "out").exists()


def test_missing_path_and_directory(tmp_path: Path) -> None:
    (tmp_path / "a-dir").mkdir()
    check_one_line_error(gen_client("missing.json", cwd=tmp_path), "missing.json", None, "cannot read")
    check_one_line_error(gen_client("a-dir", cwd=tmp_path), "a-dir", None, "is a directory")
    check_one_line_error(gen_client("a-dir/", cwd=tmp_path), "a-dir/", None, "is a directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-dir"]


def test_unreadable_paths(tmp_path: Path) -> None:
    (tmp_path / "file.json").write_bytes(doc(req()))
    # A path through a file, a dangling symlink, a symlink loop, a device: none is a collection to read.
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    for path, words in [
        ("file.json/inner.json", "cannot read"),
        ("dangling.json", "cannot read"),
        ("loop.json", "cannot read"),
        ("/dev/null", "is a device"),
        ("/dev/zero", "is a device"),
    ]:
        check_one_line_error(gen_client(path, "-o", "out", cwd=tmp_path), path, None, words)
    assert not (tmp_path / "out").exists()


def test_unix_socket_is_not_a_collection(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock.json"))
        check_one_line_error(gen_client("sock.json", cwd=tmp_path), "sock.json", None, "cannot read")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_permission_denied(tmp_path: Path) -> None:
    source = tmp_path / "secret.json"
    source.write_bytes(doc(req()))
    source.chmod(0)
    check_one_line_error(gen_client(source.name, cwd=tmp_path), "secret.json", None, "Permission denied")


def test_bad_environment_file_and_var(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(doc(req()))
    (tmp_path / "env.json").write_bytes(b'{"values": [{"key": 1}]}')
    check_one_line_error(
        gen_client("in.json", "--env", "env.json", "-o", "out", cwd=tmp_path), "env.json", "/values/0", "key"
    )
    (tmp_path / "env.json").write_bytes(b"\xff\xfe\x00")
    check_one_line_error(gen_client("in.json", "--env", "env.json", cwd=tmp_path), "env.json", None, "")
    result = gen_client("in.json", "--var", "novalue", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "NAME=VALUE" in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "generated").exists()


def test_output_path_problems_are_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(doc(req()))
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("user data")
    for out in ("a-file", "a-file/sub", "full"):
        result = gen_client("in.json", "-o", out, cwd=tmp_path)
        assert result.returncode == 2, (out, result.stderr)
        # click's usage errors take a few lines; gen-client's own errors take one
        assert "Traceback" not in result.stderr and result.stderr.count("\n") <= 4, result.stderr
    assert (tmp_path / "full" / "mine.txt").read_text() == "user data"
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["mine.txt"]


def test_terminal_output_carries_no_control_characters(tmp_path: Path) -> None:
    """Text from the input reaches the terminal escaped: no faked lines, no escape sequences."""
    fake = "\x1b[2J\x1b[31m\nerror: everything is fine\r\x9b"
    item = {**req(), "event": [{"listen": fake, "script": {"exec": ["x"]}}]}
    (tmp_path / "in.json").write_bytes(doc(item))
    result = gen_client("in.json", "-o", "out", "--no-format", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not any(c in result.stdout for c in "\x1b\r\x9b")
    assert not [line for line in result.stdout.splitlines() if line.startswith("error:")]
    bad_name = "bad\nname\x1b[0m.json"
    (tmp_path / bad_name).write_bytes(b"{")
    result = gen_client(bad_name, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
