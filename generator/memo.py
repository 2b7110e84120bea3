"""Runs with nothing to do, known without generating.

A build step runs gen-client again and again on a collection that has not changed. Output is a function of
the run's inputs (deterministic, tested), so when every input is the same as an earlier run's and the output
dir still holds exactly what that run left there, a new run would write nothing: it is skipped.

The inputs (``key``): the collection's bytes and file name, the environment file's bytes, the options that
shape the output (package name, variables, renames, templates, formatting), the templates' contents, the
generator's own code and schemas, the versions of jinja2 and black, and the Python version. The record
(``remember``), kept in the format cache's dir under that key, is the sha256 of the manifest file the run
generates, with the run's figures for its summary. A later run with the same key checks the output
(``current``): its manifest has that sha256 and every file the manifest lists has the hash it records (no user
edit, no file missing, no merge base missing, no interrupted write). Anything else, including a record that is
missing, corrupt or from another layout, is a miss, and the run generates as usual. Computing the key reads
and hashes the inputs, nothing more: it imports none of jinja2, black or the schema validators.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.cache import Cache
from generator.cache import key as cache_key
from generator.config import Run
from generator.templates import templates_hash
from generator.write import MANIFEST_NAME, state_intact

LAYOUT = "run-v1"  # bump when the record's format or the key's parts change
PACKAGE_DIR = Path(__file__).resolve().parent
# Options that change what is printed, never what is generated.
PRESENTATION = frozenset({"quiet", "json", "check", "diff", "no-cache"})


def key(run: Run) -> str | None:
    """The key of everything `run`'s output depends on; None when an input cannot be read twice (stdin, a
    pipe) or cannot be read at all (the run itself reports that)."""
    collection = _regular_file_bytes(run.collection)
    env = _regular_file_bytes(run.env) if run.env else b""
    if collection is None or env is None:
        return None
    options = {
        "collection_name": Path(run.collection).name,
        "package_name": run.package_name,
        "var": sorted(run.var.items()),
        "rename": sorted(run.rename.items()),
        "flags": sorted(run.flags - PRESENTATION),
    }
    return cache_key(
        LAYOUT,
        __version__,
        _code_digest(),
        templates_hash(run.templates),
        _dependency_versions(),
        f"{sys.version_info.major}.{sys.version_info.minor}",
        hashlib.sha256(collection).hexdigest(),
        hashlib.sha256(env).hexdigest(),
        json.dumps(options, sort_keys=True),
    )


@dataclass(frozen=True)
class Record:
    """What a run left: its manifest's sha256, and its package and test count (for the summary)."""

    manifest_sha256: str
    package: str
    tests: int


def remember(cache: Cache, run_key: str, manifest_sha256: str, package: str, tests: int) -> None:
    """Record what the run of `run_key` generates: the sha256 of the manifest file (of every file it wrote,
    or would write) stands for all of it."""
    record = {"manifest_sha256": manifest_sha256, "package": package, "tests": tests}
    cache.put(run_key, json.dumps(record))


def recalled(cache: Cache, run_key: str) -> Record | None:
    """The record under `run_key`, if a well-formed one is there."""
    text = cache.get(run_key)
    if text is None:
        return None
    try:
        fields = json.loads(text)
        record = Record(fields["manifest_sha256"], fields["package"], fields["tests"])
    except (ValueError, KeyError, TypeError):
        return None
    types_ok = isinstance(record.manifest_sha256, str) and isinstance(record.package, str)
    return record if types_ok and isinstance(record.tests, int) else None


def current(out: Path, manifest_sha256: str) -> dict[str, object] | None:
    """The manifest of `out` when `out` holds exactly what the run that wrote it left: the manifest has the
    recorded sha256, every file it lists has the hash it records, and the state dir holds every merge base and
    no interrupted write. None otherwise."""
    try:
        data = (out / MANIFEST_NAME).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != manifest_sha256:
        return None
    try:
        manifest: object = json.loads(data)
    except ValueError:
        return None
    if not isinstance(manifest, dict):
        return None
    files = manifest.get("files")
    if not isinstance(files, dict):
        return None
    sizes: dict[str, int] = {}
    for relative, digest in files.items():
        path = out / relative
        try:
            if path.is_symlink():
                return None
            data = path.read_bytes()
        except OSError:
            return None
        if not isinstance(digest, str) or hashlib.sha256(data).hexdigest() != digest:
            return None
        sizes[digest] = len(data)
    return manifest if state_intact(out, sizes) else None


def _regular_file_bytes(path: str) -> bytes | None:
    if path == "-":
        return None
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            return handle.read()
    except OSError:
        return None


def _code_digest() -> str:
    """The sha256 of the generator's code and schemas: a changed generator is another run."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(
                path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
            )
    return digest.hexdigest()


def _dependency_versions() -> str:
    """The installed versions of the libraries whose behaviour shapes the output, read from their
    ``*.dist-info`` dir names (``importlib.metadata`` costs more to import than the whole check)."""
    found = []
    for name in ("jinja2", "black"):
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is None:
            found.append(f"{name} missing")
            continue
        site = origin.parent.parent
        try:
            entries = sorted(
                e for e in os.listdir(site) if e.lower().startswith(f"{name}-") and e.endswith("-info")
            )
        except OSError:
            entries = []
        # No dist-info beside it (an unusual install): the package's own files stand for its version.
        found.append(" ".join(entries) if entries else _files_digest(origin.parent))
    return "; ".join(found)


def _files_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def summary_figures(manifest: Mapping[str, object]) -> tuple[str, int, int, list[tuple[str, str]]]:
    """Package, operations, models and warnings of a run, as its manifest records them."""
    operations = manifest.get("operations")
    models = manifest.get("models")
    warnings = manifest.get("warnings")
    return (
        str(manifest.get("package", "")),
        len(operations) if isinstance(operations, list) else 0,
        len(models) if isinstance(models, list) else 0,
        [
            (str(w.get("pointer", "")), str(w.get("message", "")))
            for w in (warnings if isinstance(warnings, list) else [])
            if isinstance(w, dict)
        ],
    )
