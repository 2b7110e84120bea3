"""SIGKILL the real ``gen-client`` while it regenerates an SDK: every file is the old or the new version, the
manifest is whole, nothing outside the output dir changes, and running the command again finishes the job.

(tests/write kills the write stage alone at chosen points; this kills the whole command, as a user would.)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile_kit import V21, gen_client, tail

from generator.write import STATE_DIR as STATE

STAGING = "staging"  # where a run puts new files before renaming them into place: writing has begun
GROUPS = 80
ATTEMPTS = 7


def collection(version: int) -> dict[str, object]:
    """Many small folders; version 2 drops some, adds others and changes the rest, so every kind of write
    (add, replace, remove) happens."""
    groups = [
        i for i in range(GROUPS) if not (version == 2 and i < 15) and not (version == 1 and i >= GROUPS - 15)
    ]
    return {
        "info": {"name": "Atomic API", "schema": V21},
        "item": [
            {
                "name": f"group {i}",
                "description": f"version {version if i % 3 else 1}",
                "item": [
                    {
                        "name": f"get {i}",
                        "request": {
                            "method": "GET",
                            "url": f"https://api.example.test/g{i}/{version if i % 2 else 1}",
                        },
                        "response": [
                            {"name": "ok", "code": 200, "body": json.dumps({"id": i, f"v{version}": True})}
                        ],
                    }
                ],
            }
            for i in groups
        ],
    }


def tree(root: Path) -> dict[str, bytes]:
    """The generated files and the manifest (the state dir is gen-client's own)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != STATE
    }


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_when_writing(process: subprocess.Popen[bytes], out: Path, delay: float) -> bool:
    """SIGKILL ``process`` ``delay`` s after it starts writing (or as soon as it ends); True if killed."""
    marker = out / STATE / STAGING
    deadline = time.monotonic() + 300
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    time.sleep(delay)
    if process.poll() is not None:
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True


def test_sigkill_at_any_moment_leaves_old_or_new_files_and_a_rerun_finishes(tmp_path: Path) -> None:
    (tmp_path / "v1.json").write_text(json.dumps(collection(1)))
    (tmp_path / "v2.json").write_text(json.dumps(collection(2)))
    for name, source in (("pristine", "v1.json"), ("expected", "v2.json")):
        result = gen_client(source, "-o", name, "--no-format", "-q", cwd=tmp_path)
        assert result.returncode == 0, tail(result)
    old, new = tree(tmp_path / "pristine"), tree(tmp_path / "expected")
    assert len(old) > 2 * GROUPS and old.keys() != new.keys()
    rng = random.Random(20261203)
    killed = 0
    for attempt in range(ATTEMPTS):
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(tmp_path / "pristine", out)
        process = start(["v2.json", "-o", "out", "--no-format", "-q"], tmp_path)
        if attempt == 0:  # anywhere from the start: loading, generating, planning
            time.sleep(rng.uniform(0.0, 1.5))
            process.kill() if process.poll() is None else None
            process.wait()
        else:
            killed += kill_when_writing(process, out, rng.uniform(0.0, 0.25))
        now = tree(out)
        for path, data in now.items():
            assert data in (old.get(path), new.get(path)), f"attempt {attempt}: {path} is neither old nor new"
        for path in old:
            assert path in now or path not in new, f"attempt {attempt}: {path} vanished"
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "expected",
            "out",
            "pristine",
            "v1.json",
            "v2.json",
        ]
        result = gen_client("v2.json", "-o", "out", "--no-format", "-q", cwd=tmp_path)
        assert result.returncode == 0, tail(result)
        assert tree(out) == new, f"attempt {attempt}: the rerun did not finish the job"
    check = gen_client("v2.json", "-o", "out", "--no-format", "--check", cwd=tmp_path)
    assert check.returncode == 0, tail(check)
    assert killed >= ATTEMPTS // 2, "too few kills landed while writing"
