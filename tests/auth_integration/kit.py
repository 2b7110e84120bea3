"""Helpers for the auth integration tests: generate an SDK with the real CLI, import it, send through it."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from click.testing import CliRunner

from generator.cli import command

Handler = Callable[[httpx.Request], httpx.Response]


def generate(collection: Path, out: Path, *options: str) -> dict[str, Any]:
    """Run ``gen-client COLLECTION -o OUT OPTIONS --quiet`` in-process; the manifest it wrote."""
    result = CliRunner().invoke(command, [str(collection), "-o", str(out), "--quiet", *options])
    assert result.exit_code == 0, result.output
    manifest: dict[str, Any] = json.loads((out / ".gen-client.json").read_text(encoding="utf-8"))
    return manifest


def import_sdk(out: Path, package: str) -> ModuleType:
    src = str(out / "src")
    sys.path.insert(0, src)
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(src)


def text_files(out: Path) -> dict[str, str]:
    """Every generated file under ``out`` as text (the merge store under ``.gen-client/`` included)."""
    return {
        str(path.relative_to(out)): path.read_bytes().decode("utf-8", "replace")
        for path in sorted(out.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def pointer_value(document: object, pointer: str) -> object:
    """The value a JSON pointer (RFC 6901) names."""
    node = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]  # type: ignore[index]
    return node


class Recorder:
    """A MockTransport handler that records requests and answers 200 ``{}`` (or what ``answer`` says)."""

    def __init__(self, answer: Handler | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self._answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        # A copy: auth flows (digest) resend the same request object with new headers.
        self.requests.append(
            httpx.Request(request.method, request.url, headers=request.headers, content=request.content)
        )
        if self._answer is not None:
            return self._answer(request)
        return httpx.Response(200, json={})

    def client(self, sdk: ModuleType, **options: Any) -> Any:
        return sdk.Client(
            http_client=httpx.Client(transport=httpx.MockTransport(self)), max_retries=0, **options
        )
