"""SIGKILL at any moment of a write leaves every file old or new and a valid manifest; a rerun finishes.

Run as a script, this module is the child process: it writes one version of a 300-file tree and prints a
line per rename, saying whether it lands in the output tree or in the state dir, so the test can kill it
at chosen points of the replace phase (or after a random delay, to land in planning and staging too).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.merge import merge3
from generator.write import MANIFEST_NAME, STATE_DIR, write_output

COUNT = 300
ONLY_OLD = range(0, 20)  # dropped in version 2
ONLY_NEW = range(COUNT - 20, COUNT)  # added in version 2
NOTED = range(5, COUNT - 20, 10)  # the user appends a note: merges cleanly with version 2
RETITLED = range(7, COUNT - 20, 10)  # the user rewrites the first line: conflicts with version 2


@functools.cache
def tree(version: int) -> Mapping[str, bytes]:
    files = {}
    for i in range(COUNT):
        if (version == 1 and i in ONLY_NEW) or (version == 2 and i in ONLY_OLD):
            continue
        changed = version if i % 3 else 1  # a third of the files are the same in both versions
        body = "".join(f"VALUE_{n} = {i * n}  # {'x' * (n % 17)}\n" for n in range(100 + i % 50))
        files[f"src/pkg/sub_{i % 7}/mod_{i:03d}.py"] = f"# module {i} version {changed}\n{body}".encode()
    return files


def manifest(version: int) -> dict[str, object]:
    return {"generator": f"test {version}"}


@functools.cache
def manifest_bytes(version: int) -> bytes:
    files = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(tree(version).items())}
    return (json.dumps({**manifest(version), "files": files}, indent=2, sort_keys=True) + "\n").encode()


def _child(out: Path, version: int) -> None:
    real_replace = os.replace

    def announced_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        inside_state = STATE_DIR in Path(dst).relative_to(out.resolve()).parts
        print("state" if inside_state else "file", flush=True)
        real_replace(src, dst)
        time.sleep(0.001)

    os.replace = announced_replace  # type: ignore[assignment]
    # A SIGKILL leaves the page cache intact, so fsync (there for power loss) changes nothing this test can
    # see; skipping it keeps the test fast.
    os.fsync = lambda fd: None
    write_output(out, tree(version), manifest(version))


def run_killed(out: Path, version: int, rng: random.Random, files: int) -> None:
    """Run the child writing `version` and SIGKILL it after a random delay or at a random one of its
    first `files` renames into the output tree (it may finish first)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    command = [sys.executable, __file__, str(out), str(version)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0.0, 0.4))  # mostly before the replace phase: startup, planning, staging
    else:
        wanted = rng.randint(1, files)
        for line in proc.stdout:
            wanted -= line == b"file\n"
            if not wanted:
                break
    proc.send_signal(signal.SIGKILL)
    _, stderr = proc.communicate()
    assert proc.returncode in (0, -signal.SIGKILL), stderr.decode()


def user_edit(path: str, data: bytes) -> bytes:
    i = int(path[-6:-3])
    if i in NOTED:
        return data + b"# user note\n"
    if i in RETITLED:
        return f"# module {i}, retitled by its user\n".encode() + data.split(b"\n", 1)[1]
    return data


def transitions() -> dict[str, tuple[bytes | None, bytes | None]]:
    """Every path's content before the move from version 1 (user-edited) to 2, and after it."""
    old, new = tree(1), tree(2)
    moves: dict[str, tuple[bytes | None, bytes | None]] = {}
    for path in sorted(old.keys() | new.keys()):
        before = user_edit(path, old[path]) if path in old else None
        after = new.get(path)
        if path in old and before != old[path]:  # edited: merged with the new text, or kept
            after = before if after is None else merge3(old[path], before or b"", after).data
        moves[path] = (before, after)
    return moves


def assert_old_or_new(out: Path, moves: dict[str, tuple[bytes | None, bytes | None]]) -> None:
    """Each file is complete, old or new, no stray file is left, and the manifest is the old one
    unless every file is already new."""
    current = {path: (out / path).read_bytes() if (out / path).exists() else None for path in moves}
    for path, data in current.items():
        assert data in moves[path], path
    listed = (out / MANIFEST_NAME).read_bytes() if (out / MANIFEST_NAME).exists() else None
    if listed == manifest_bytes(2):
        assert current == {path: after for path, (_, after) in moves.items()}
    else:
        assert listed in (None, manifest_bytes(1))
    assert on_disk(out).keys() <= moves.keys()
    assert {p.name for p in out.iterdir()} <= {MANIFEST_NAME, STATE_DIR, "src"}


def on_disk(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and STATE_DIR not in p.relative_to(out).parts and p.name != MANIFEST_NAME
    }


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # as in the child: see _child


def test_kill_during_regeneration_with_user_edits(tmp_path: Path) -> None:
    old, new = tree(1), tree(2)
    moves = transitions()
    final = {path: after for path, (_, after) in moves.items() if after is not None}
    assert sum(b"<<<<<<< yours\n" in data for data in final.values()) > 10  # the conflicts are exercised
    mixed = 0  # kills that left some files new under the old manifest: the case that matters
    for trial in range(4):
        rng = random.Random(trial)
        out = tmp_path / f"out{trial}"
        write_output(out, old, manifest(1))
        for path, data in old.items():
            (out / path).write_bytes(user_edit(path, data))
        # Two interrupted runs in a row (the second finds the first one's journal), then one that completes.
        # The first run has ~190 files to replace: both kills come before its end.
        for files in (150, 30):
            run_killed(out, 2, rng, files)
            assert_old_or_new(out, moves)
            current = on_disk(out)
            some_new = any(current.get(p) == after != before for p, (before, after) in moves.items())
            mixed += (out / MANIFEST_NAME).read_bytes() == manifest_bytes(1) and some_new
        write_output(out, new, manifest(2))
        assert on_disk(out) == final  # conflicts written by a killed run are not merged a second time
        assert (out / MANIFEST_NAME).read_bytes() == manifest_bytes(2)
        assert write_output(out, new, manifest(2)).up_to_date
        assert sorted(p.name for p in (out / STATE_DIR).iterdir()) == ["objects"]
    assert mixed >= 2


def test_kill_during_first_write_then_rerun_without_force(tmp_path: Path) -> None:
    rng = random.Random(99)
    out = tmp_path / "out"
    moves: dict[str, tuple[bytes | None, bytes | None]] = {p: (None, data) for p, data in tree(2).items()}
    for _ in range(3):
        run_killed(out, 2, rng, 280)
        if out.exists():
            assert_old_or_new(out, moves)
    write_output(out, tree(2), manifest(2))
    assert on_disk(out) == tree(2)
    assert write_output(out, tree(2), manifest(2)).up_to_date


if __name__ == "__main__":
    _child(Path(sys.argv[1]), int(sys.argv[2]))
