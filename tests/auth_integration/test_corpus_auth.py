"""The vendor corpus (../shared/collections/real): every operation carries the auth Postman puts in force
(or a warning says why it cannot), and ``grep`` finds none of the collections' saved secrets in any
generated file. Three small collections by default; all of them with ``-m corpus``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import load
from generator.cli import read_env_file
from generator.parse import parse
from generator.secrets import env_origins

from .corpus import FAST, REAL, auth_problems, collections, environment_for, saved_secrets
from .kit import generate, text_files

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"{REAL} not present (the shared corpus is optional)"
)

CASES = [pytest.param(stem, id=stem) for stem in FAST] + [
    pytest.param(stem, id=stem, marks=pytest.mark.corpus) for stem in collections() if stem not in FAST
]


def grep(values: set[str], out: Path) -> list[str]:
    """Files under ``out`` holding any of ``values``, found by ``grep -rlF`` (or by reading, without grep)."""
    if not values:
        return []
    if shutil.which("grep") is None:
        return sorted({name for name, text in text_files(out).items() for v in values if v in text})
    patterns = [arg for value in sorted(values) for arg in ("-e", value)]
    found = subprocess.run(["grep", "-rlF", *patterns, str(out)], capture_output=True, text=True)
    assert found.returncode in (0, 1), found.stderr
    return found.stdout.split()


@pytest.mark.parametrize("stem", CASES)
def test_auth_in_force_and_no_saved_secret_in_the_sdk(
    stem: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if stem not in FAST and "corpus" not in (request.config.getoption("-m") or ""):
        pytest.skip("the full corpus is opt-in: -m corpus")
    source = REAL / f"{stem}.postman_collection.json"
    env = environment_for(stem)
    options = ["--env", str(env)] if env else []
    out = tmp_path / "sdk"
    manifest = generate(source, out, "--no-format", *options)

    document = json.loads(source.read_text(encoding="utf-8"))
    env_document = json.loads(env.read_text(encoding="utf-8")) if env else None
    overrides = read_env_file(str(env)) if env else {}
    api = parse(load.load(str(source)), overrides=overrides, override_origins=env_origins(env_document, {}))
    assert auth_problems(api, document) == []
    assert [s["variable"] for s in manifest["secrets"]] == [name for name, _ in api.secrets]

    assert grep(saved_secrets(stem), out) == []
