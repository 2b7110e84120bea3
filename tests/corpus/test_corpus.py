"""The shared corpus: every collection generates an SDK that compiles, passes its own tests and
``mypy --strict``, or is refused with a one-line error (exit 2).

Three small vendor collections run by default; the whole corpus (vendor collections and every fixture
folder) runs with ``-m corpus``. Both skip cleanly when ``../shared`` is absent. The work is done by
``benchmarks/corpus.py``, which also prints the figures for the whole corpus.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
REAL = SHARED / "collections" / "real"
SMALL = ("cisco-amp4e", "okta-users", "oci-notifications")


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_runner", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus = _runner()
ITEMS = corpus.collections(SHARED) if REAL.is_dir() else []


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the session (shared by xdist workers: mypy replaces cache files atomically)."""
    return tmp_path_factory.getbasetemp().parent / "corpus-mypy-cache"


def _summary(record: Any) -> str:
    return f"{record.folder}/{record.name}: {record.outcome} at {record.stage}\n{record.message}"


@pytest.mark.parametrize("name", SMALL)
def test_small_vendor_collection_is_clean(name: str, tmp_path: Path, mypy_cache: Path) -> None:
    path = REAL / f"{name}.postman_collection.json"
    if not path.exists():
        pytest.skip(f"{path} not present (the shared corpus is optional)")
    record = corpus.check_one("real", path, tmp_path, mypy_cache, mypy=True)
    assert record.outcome == "ok", _summary(record)
    assert record.tests_passed > 0 and record.mypy_errors == 0


@pytest.mark.corpus
@pytest.mark.parametrize(("folder", "path"), ITEMS, ids=[f"{f}/{p.name}" for f, p in ITEMS])
def test_collection_is_clean_or_refused_in_one_line(
    folder: str, path: Path, tmp_path: Path, mypy_cache: Path
) -> None:
    record = corpus.check_one(folder, path, tmp_path, mypy_cache, mypy=True)
    if folder == corpus.VENDOR:
        assert record.outcome == "ok", _summary(record)
    else:
        assert record.outcome in ("ok", "refused"), _summary(record)
    if record.outcome == "refused":
        assert "\n" not in record.message and path.name in record.message
