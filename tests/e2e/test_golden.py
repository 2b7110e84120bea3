"""Golden: the committed SDKs under generated/ are exactly what the generator produces now, file by file."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import COLLECTIONS, GENERATED

from generator.pipeline import Generated, generate
from generator.write import MANIFEST_NAME, write_output

INPUTS = sorted(COLLECTIONS.glob("*.json"))
_cache: dict[Path, Generated] = {}


def generated(path: Path) -> Generated:
    if path not in _cache:
        _cache[path] = generate(str(path.relative_to(COLLECTIONS.parent)))
    return _cache[path]


@pytest.mark.parametrize("collection", INPUTS, ids=[p.name for p in INPUTS])
def test_committed_sdk_is_current(collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(COLLECTIONS.parent)
    fresh = generated(collection)
    out = GENERATED / fresh.api.package
    assert out.is_dir(), f"{out} missing: run `gen-client {collection.name}`"
    stale = [
        name
        for name, data in fresh.files.items()
        if not (out / name).is_file() or (out / name).read_bytes() != data
    ]
    assert not stale, f"stale files in {out} (regenerate: gen-client collections/{collection.name}): {stale}"
    report = write_output(out, fresh.files, fresh.manifest, check=True)
    assert report.up_to_date, report
    assert (out / MANIFEST_NAME).is_file()
