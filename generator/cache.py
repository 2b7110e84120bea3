"""A content-addressed cache of derived text (black's output), so regeneration redoes only what changed.

An entry maps a key, the sha256 of everything its value depends on (see ``key``), to that value. The
format stage keys each top-level block of a module by its unformatted text, black's version and black's
mode, so a hit returns byte for byte what black returned when the entry was made: the cache can make a run
faster, never different.

Where: ``$GEN_CLIENT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gen-client``, else ``~/.cache/gen-client``
(``%LOCALAPPDATA%\\gen-client`` on Windows). Not inside the output dir: outputs are often committed, a
``--check`` run must write nothing there, and the SDKs of one machine share entries.

Safe when corrupt, missing or shared: each entry file holds the sha256 of its value before the value, and an
entry that does not match (truncated, edited, unreadable) is a miss and is removed. Entries are written to a
temporary file and renamed into place, so a reader sees a whole entry or none, and two writers of one key
write the same bytes. Any I/O failure turns the cache off for the rest of the run; generation goes on.

Size: a hit touches its entry, and a run that added entries prunes the least recently used ones above
``MAX_BYTES``, at most once a day (a stamp file records the last pruning).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import uuid
from pathlib import Path

ENV_DIR = "GEN_CLIENT_CACHE_DIR"
LAYOUT = "v1"  # bump when the entry format or the meaning of keys changes
MAX_BYTES = 512 * 1024 * 1024
PRUNE_EVERY = 24 * 3600.0
_STAMP = "last-prune"


def default_dir() -> Path:
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "gen-client"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "gen-client"


def key(*parts: str) -> str:
    """The sha256 of `parts`, each length-prefixed so no two different tuples share a key."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(str(len(data)).encode() + b":" + data)
    return digest.hexdigest()


class Cache:
    """Text values by key under one directory; every method is best effort and never raises OSError."""

    def __init__(self, root: Path, *, max_bytes: int = MAX_BYTES) -> None:
        self.root = root / LAYOUT
        self.max_bytes = max_bytes
        self.enabled = True
        self.hits = 0
        self.stored = 0

    @classmethod
    def default(cls) -> Cache:
        """The cache in ``default_dir()``; a disabled one when there is no home dir to put it in."""
        try:
            return cls(default_dir())
        except (RuntimeError, KeyError):  # Path.home() without HOME or a password entry
            cache = cls(Path("."))
            cache.enabled = False
            return cache

    def _path(self, entry: str) -> Path:
        return self.root / entry[:2] / entry[2:]

    def get(self, entry: str) -> str | None:
        if not self.enabled:
            return None
        path = self._path(entry)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            self.enabled = False
            return None
        head, sep, value = data.partition(b"\n")
        if not sep or head.decode("ascii", "replace") != hashlib.sha256(value).hexdigest():
            try:
                path.unlink(missing_ok=True)  # corrupt: a miss, and gone so it is rewritten whole
            except OSError:
                pass
            return None
        try:
            text = value.decode("utf-8", "surrogatepass")
            os.utime(path)  # recently used: pruned last
        except (UnicodeDecodeError, OSError):
            return None
        self.hits += 1
        return text

    def put(self, entry: str, value: str) -> None:
        if not self.enabled:
            return
        data = value.encode("utf-8", "surrogatepass")
        path = self._path(entry)
        temp = path.parent / f".{uuid.uuid4().hex}.tmp"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(temp, "wb") as handle:
                handle.write(hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
            os.replace(temp, path)
        except OSError:
            self.enabled = False
            temp.unlink(missing_ok=True)
            return
        self.stored += 1

    def close(self) -> None:
        """End of a run: prune when this run added entries and the last pruning is old enough."""
        if not self.enabled or not self.stored:
            return
        stamp = self.root / _STAMP
        try:
            if time.time() - stamp.stat().st_mtime < PRUNE_EVERY:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        try:
            stamp.touch()
            self.prune()
        except OSError:
            pass

    def prune(self) -> None:
        """Remove least recently used entries (and stray temporaries) until the cache fits ``max_bytes``."""
        entries: list[tuple[float, int, Path]] = []
        for shard in self.root.iterdir():
            if not shard.is_dir():
                continue
            for path in shard.iterdir():
                try:
                    info = path.stat()
                except OSError:
                    continue
                if path.name.endswith(".tmp") and time.time() - info.st_mtime > 3600:
                    path.unlink(missing_ok=True)  # left by a killed run
                    continue
                entries.append((info.st_mtime, info.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
