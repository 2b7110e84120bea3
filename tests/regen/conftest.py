"""Fixtures of the regeneration tests: a private format cache, the CLI in-process, a collection on disk."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from regen_support import Gen, tiny_api

from generator.cli import command


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One format cache for the CLI tests of a session: it never changes output, and it saves them
    re-formatting the same runtime modules in every test (tests of the cache itself use their own)."""
    return tmp_path_factory.mktemp("format-cache")


@pytest.fixture(autouse=True)
def private_cache(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's own cache stays untouched."""
    monkeypatch.setenv("GEN_CLIENT_CACHE_DIR", str(shared_cache))
    yield shared_cache


@pytest.fixture
def gen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Gen:
    """Run the gen-client command in-process from `cwd` (default: the test's temp dir)."""

    def run(*args: str | Path, cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or tmp_path)
        return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def write_api(tmp_path: Path) -> Callable[..., Path]:
    def write(document: object | None = None, name: str = "tiny.postman_collection.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document if document is not None else tiny_api()), encoding="utf-8")
        return path

    return write
