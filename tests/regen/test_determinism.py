"""Determinism: the same input and options give byte-identical output trees, whatever the hash seed, the
current dir, the time zone or the day (DESIGN principle 5)."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from regen_support import tiny_api, tree
from support import COLLECTIONS

INPUTS = {
    "petstore-lite": COLLECTIONS / "petstore-lite.postman_collection.json",
    "tiny": None,  # written by the test
}


def generate(source: Path, out: Path, cwd: Path, seed: str, tz: str, cache: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz, "GEN_CLIENT_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(source), "-o", str(out), "--quiet"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_two_runs_with_different_hash_seeds_cwds_and_time_zones_are_byte_identical(
    name: str, tmp_path: Path
) -> None:
    source = INPUTS[name]
    if source is None:
        source = tmp_path / "tiny.postman_collection.json"
        source.write_text(json.dumps(tiny_api()), encoding="utf-8")
    first, second = tmp_path / "one", tmp_path / "two"
    for directory in (first, second):
        (directory / "cwd").mkdir(parents=True)
    generate(source, first / "out", first / "cwd", "0", "UTC", tmp_path / "cache-one")
    generate(source, second / "out", second / "cwd", "4242", "Pacific/Chatham", tmp_path / "cache-two")
    one, two = tree(first / "out"), tree(second / "out")
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    # Nothing in the output says when or where it was made.
    today = datetime.date.today()
    for path, data in one.items():
        for stamp in (today.isoformat(), today.strftime("%d/%m/%Y"), str(tmp_path)):
            assert stamp.encode() not in data, f"{path} holds {stamp!r}"
