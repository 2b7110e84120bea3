"""Fixtures: the Auth Zoo collection and its environment on disk, and the SDK gen-client makes from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .kit import generate, import_sdk
from .zoo import collection, environment


@dataclass(frozen=True)
class Zoo:
    collection_path: Path
    env_path: Path
    document: dict[str, Any]
    env: dict[str, Any]
    out: Path
    manifest: dict[str, Any]
    sdk: ModuleType


@pytest.fixture(scope="session")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Zoo:
    """The zoo SDK, generated with its environment file by the gen-client CLI, and imported."""
    folder = tmp_path_factory.mktemp("zoo")
    document, env = collection(), environment()
    collection_path, env_path = (
        folder / "zoo.postman_collection.json",
        folder / "zoo.postman_environment.json",
    )
    collection_path.write_text(json.dumps(document), encoding="utf-8")
    env_path.write_text(json.dumps(env), encoding="utf-8")
    out = folder / "auth_zoo"
    manifest = generate(collection_path, out, "--env", str(env_path), "--package-name", "auth_zoo")
    return Zoo(collection_path, env_path, document, env, out, manifest, import_sdk(out, "auth_zoo"))
