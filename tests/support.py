"""Shared test helpers: paths, the optional shared corpus, tiny collections written inline."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COLLECTIONS = ROOT / "collections"
GENERATED = ROOT / "generated"
SHARED = ROOT.parent / "shared"
SEED = COLLECTIONS / "CreateVolumeGroupBackup.postman_item.json"
V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, skipping the test cleanly when the corpus is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (the shared corpus is optional)")
    return path


def collection(*items: object, **extra: object) -> dict[str, object]:
    """A minimal v2.1 collection holding the given items."""
    return {"info": {"name": "Tiny API", "schema": V21}, "item": list(items), **extra}


def request_item(
    name: str, method: str = "GET", url: object = "https://api.example.test/things", **request: object
) -> dict[str, object]:
    return {"name": name, "request": {"method": method, "url": url, **request}}


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[object, str], Path]:
    def write(document: object, name: str = "collection.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write
