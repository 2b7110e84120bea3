"""The format cache: output bytes are the same with it, without it, cold, warm, corrupt or shared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from regen_support import tree
from support import COLLECTIONS, ROOT, collection, request_item

from generator.cache import LAYOUT, Cache, key
from generator.pipeline import generate

PETSTORE = COLLECTIONS / "petstore-lite.postman_collection.json"


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / LAYOUT).glob("*/*") if p.is_file())


def many_folders(changed: str = "") -> dict[str, object]:
    """Twelve folders of four requests: one-request changes touch one module of many."""
    folders = [
        {
            "name": f"Folder {i}",
            "item": [
                request_item(
                    f"Request {i} {j}",
                    url=f"https://api.example.test/f{i}/r{j}",
                    description=changed if (i, j) == (5, 2) and changed else f"Request {j} of folder {i}.",
                )
                for j in range(4)
            ],
        }
        for i in range(12)
    ]
    return collection(*folders)


@pytest.fixture(scope="module")
def own_templates(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A user's copies of the resource module and errors templates. gen-client's own templates emit black's
    style and need black (and its cache) for little; a user's are formatted in full, through the cache."""
    root = tmp_path_factory.mktemp("templates")
    for name in ("sdk/resources/group.py.jinja", "sdk/errors.py.jinja"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text((ROOT / "templates" / name).read_text())
    return [root]


@pytest.fixture(scope="module")
def uncached(own_templates: list[Path]) -> dict[str, bytes]:
    """The petstore SDK generated without a cache."""
    return generate(str(PETSTORE), template_dirs=own_templates).files


def test_output_is_the_same_with_and_without_the_cache(
    uncached: dict[str, bytes], own_templates: list[Path], tmp_path: Path
) -> None:
    cold_cache = Cache(tmp_path / "cache")
    cold = generate(str(PETSTORE), cache=cold_cache, template_dirs=own_templates).files
    assert cold_cache.stored > 0 and cold_cache.hits == 0
    warm_cache = Cache(tmp_path / "cache")
    warm = generate(str(PETSTORE), cache=warm_cache, template_dirs=own_templates).files
    assert warm_cache.hits == cold_cache.stored and warm_cache.stored == 0
    assert cold == uncached and warm == uncached


def test_corrupt_entries_are_misses_and_get_repaired(
    uncached: dict[str, bytes], own_templates: list[Path], tmp_path: Path
) -> None:
    root = tmp_path / "cache"
    assert generate(str(PETSTORE), cache=Cache(root), template_dirs=own_templates).files == uncached
    stored = entries(root)
    assert stored
    for i, entry in enumerate(stored):  # truncated, garbled, emptied, a wrong digest
        data = entry.read_bytes()
        entry.write_bytes(
            [data[: len(data) // 2], data.replace(b"def ", b"fed "), b"", b"0" * 64 + b"\n"][i % 4]
        )
    again = Cache(root)
    assert generate(str(PETSTORE), cache=again, template_dirs=own_templates).files == uncached
    assert again.hits == 0 and again.stored == len(stored)
    assert generate(str(PETSTORE), cache=Cache(root), template_dirs=own_templates).files == uncached


def test_an_unusable_cache_dir_is_ignored(
    uncached: dict[str, bytes], own_templates: list[Path], tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache dir would be")
    cache = Cache(blocked)
    assert generate(str(PETSTORE), cache=cache, template_dirs=own_templates).files == uncached
    assert not cache.enabled and blocked.read_text() == "a file where the cache dir would be"


def test_processes_sharing_one_cache_dir_agree(
    uncached: dict[str, bytes], own_templates: list[Path], tmp_path: Path
) -> None:
    env = {**os.environ, "GEN_CLIENT_CACHE_DIR": str(tmp_path / "cache")}
    outs = [tmp_path / f"out{i}" for i in range(2)]
    templates = ["--templates", str(own_templates[0])]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", str(PETSTORE), "-o", str(out), "--quiet", *templates],
            env=env,
            stderr=subprocess.PIPE,
        )
        for out in outs
    ]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    for out in outs:
        files = {path: data for path, data in tree(out).items() if not path.startswith(".gen-client")}
        assert files == uncached


def test_a_one_request_change_formats_only_what_changed(own_templates: list[Path], tmp_path: Path) -> None:
    source = tmp_path / "many.json"
    source.write_text(json.dumps(many_folders()))
    first = Cache(tmp_path / "cache")
    generate(str(source), cache=first, template_dirs=own_templates)
    source.write_text(json.dumps(many_folders(changed="Changed upstream.")))
    second = Cache(tmp_path / "cache")
    files = generate(str(source), cache=second, template_dirs=own_templates).files
    # The user's resource template is formatted by black: the one module that holds the changed request
    # is formatted again, every other piece comes from the cache.
    assert first.stored > 12 and second.stored == 1
    assert second.hits == first.stored - 1
    assert files == generate(str(source), template_dirs=own_templates).files


def test_gen_clients_own_templates_need_black_for_little(tmp_path: Path) -> None:
    """Built-in templates emit black's style: of the many-folder SDK, black formats nothing."""
    source = tmp_path / "many.json"
    source.write_text(json.dumps(many_folders()))
    cache = Cache(tmp_path / "cache")
    generate(str(source), cache=cache)
    assert cache.stored == 0 and cache.hits == 0


def test_cache_entries_round_trip_and_prune_least_recently_used(tmp_path: Path) -> None:
    cache = Cache(tmp_path, max_bytes=3 * (64 + 1 + 1000))
    names = [key("test", str(i)) for i in range(5)]
    for i, name in enumerate(names):
        cache.put(name, str(i) * 1000)
        os.utime(cache._path(name), (time.time() - 100 + i, time.time() - 100 + i))
    assert cache.get(names[0]) == "0" * 1000  # used now: the most recent
    cache.prune()
    assert [cache.get(name) is not None for name in names] == [True, False, False, True, True]
    assert key("a", "bc") != key("ab", "c")


def test_the_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEN_CLIENT_CACHE_DIR", str(tmp_path / "explicit"))
    assert Cache.default().root == tmp_path / "explicit" / LAYOUT
    monkeypatch.delenv("GEN_CLIENT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Cache.default().root == tmp_path / "xdg/gen-client" / LAYOUT
    monkeypatch.delenv("XDG_CACHE_HOME")

    def no_home() -> Path:
        raise RuntimeError("no home directory")

    monkeypatch.setattr(Path, "home", no_home)
    assert not Cache.default().enabled  # generation goes on without a cache
