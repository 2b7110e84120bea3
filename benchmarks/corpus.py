"""Corpus runner: every collection of the shared corpus -> an SDK that compiles, passes its tests and mypy.

For each collection (vendor ones in ``real/``, fixtures in its sub-folders): generate into a temporary dir
with the ``gen-client`` command, compile every file, run the SDK's own tests (``PYTHONPATH=src``), then
``mypy --strict`` over ``src`` and ``tests``. A collection the generator refuses must say why in one line
and exit 2. Work runs on two processes; mypy shares one cache dir, warmed by the first SDK checked.

    python benchmarks/corpus.py                      # everything; a table per folder
    python benchmarks/corpus.py --only okta --no-mypy
    python benchmarks/corpus.py --json figures.json  # also the per-collection records

Exit status 0 when every collection is generated and clean or refused cleanly, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOLDERS: tuple[str, ...] = ("pcg-fixtures", "pcg-fixtures/unit", "newman-fixtures")
FOLDERS += ("postman-collection-fixtures", "schemas-examples", "pccg-fixtures")
VENDOR = "real"
_SUMMARY = re.compile(r"(\d+) (passed|failed|errors?|skipped)")


@dataclass
class Record:
    """What happened to one collection."""

    folder: str
    name: str
    path: str
    outcome: str = ""  # "ok", "refused", "failed"
    stage: str = ""  # where a failure happened: generate, compile, tests, mypy
    message: str = ""  # the refusal line, or the first lines of a failure
    operations: int = 0
    models: int = 0
    tests_passed: int = 0
    tests_failed: int = 0
    mypy_errors: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def collections(shared: Path, only: str | None = None) -> list[tuple[str, Path]]:
    """(folder, path) for every JSON file of the corpus, vendor collections first, in a stable order."""
    real = shared / "collections" / VENDOR
    found = [(VENDOR, p) for p in sorted(real.glob("*.postman_collection.json"))]
    for folder in FOLDERS:
        found += [(folder, p) for p in sorted((real / folder).glob("*.json"))]
    return [(f, p) for f, p in found if only is None or only in f"{f}/{p.name}"]


def _run(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of a command."""
    done = subprocess.run(
        list(args), cwd=cwd, env=env, capture_output=True, text=True, errors="replace", check=False
    )
    return done.returncode, done.stdout, done.stderr


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _compile_all(root: Path) -> str:
    """The first compile error under ``root``, or ""."""
    for path in sorted(root.rglob("*.py")):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            return f"{path.relative_to(root)}: {exc}"
    return ""


def _mypy(sdk: Path, cache: Path) -> tuple[int, str]:
    """``mypy --strict`` over the SDK's ``src`` and ``tests``: (error count, output tail)."""
    env = {**os.environ, "MYPYPATH": str(sdk / "src")}
    args = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "--no-error-summary"]
    code, out, err = _run([*args, "src", "tests"], sdk, env)
    errors = sum(1 for line in out.splitlines() if ": error:" in line)
    if code != 0 and not errors:
        errors = 1  # mypy itself failed (a crash, a bad module path): count it
    return errors, _tail(out + err)


def _tests(sdk: Path) -> tuple[int, int, str]:
    """The SDK's own tests: (passed, failed, the failures)."""
    env = {**os.environ, "PYTHONPATH": str(sdk / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests"]
    code, out, err = _run(args, sdk, env)
    last = out.strip().splitlines()[-1] if out.strip() else ""
    counts = {kind: int(n) for n, kind in _SUMMARY.findall(last)}
    passed = counts.get("passed", 0)
    failed = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    if code not in (0, 5) and not failed:  # 5: no tests collected (an SDK with no operations)
        failed = 1  # pytest itself failed (a collection error, a crash)
    return passed, failed, _failures(out + err) if failed else ""


def check_one(folder: str, path: Path, work: Path, cache: Path, mypy: bool, root: Path = ROOT) -> Record:
    """Generate (with the generator checked out at ``root``), compile, test and type-check one collection."""
    record = Record(folder, path.name, str(path))
    sdk = work / re.sub(r"[^A-Za-z0-9]+", "_", f"{folder}_{path.stem}")
    shutil.rmtree(sdk, ignore_errors=True)  # a fresh generation, never a regeneration over an old one

    def failed(stage: str, message: str) -> Record:
        record.outcome, record.stage, record.message = "failed", stage, message
        return record

    started = time.perf_counter()
    code, out, err = _run([sys.executable, "-m", "generator", str(path), "-o", str(sdk), "--json"], root)
    record.seconds["generate"] = round(time.perf_counter() - started, 2)
    if code == 2:
        if len(err.strip().splitlines()) != 1:  # a refusal is exactly one line
            return failed("generate", f"refused, but not in one line:\n{_tail(err)}")
        record.outcome, record.stage, record.message = "refused", "generate", err.strip()
        return record
    if code != 0:
        return failed("generate", _tail(out + err))
    summary = json.loads(out)
    record.operations, record.models = summary["operations"], summary["models"]
    problem = _compile_all(sdk)
    if problem:
        return failed("compile", problem)
    started = time.perf_counter()
    record.tests_passed, record.tests_failed, problems = _tests(sdk)
    record.seconds["tests"] = round(time.perf_counter() - started, 2)
    if record.tests_failed:
        return failed("tests", problems)
    if mypy:
        started = time.perf_counter()
        record.mypy_errors, problems = _mypy(sdk, cache)
        record.seconds["mypy"] = round(time.perf_counter() - started, 2)
        if record.mypy_errors:
            return failed("mypy", problems)
    record.outcome = "ok"
    return record


def _failures(out: str) -> str:
    """The short test summary's FAILED/ERROR lines (the first few), else the output's tail."""
    lines = [line for line in out.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return "\n".join(lines[:8]) if lines else _tail(out)


def _check(job: tuple[str, str, str, str, bool, str]) -> Record:
    folder, path, work, cache, mypy, root = job
    try:
        return check_one(folder, Path(path), Path(work), Path(cache), mypy, Path(root))
    except Exception as exc:  # the runner's own trouble (a missing checkout, a full disk): record it, go on
        return Record(folder, Path(path).name, path, "failed", "runner", f"{type(exc).__name__}: {exc}")


def run(
    items: Sequence[tuple[str, Path]], work: Path, cache: Path, mypy: bool, jobs: int, root: Path = ROOT
) -> Iterable[Record]:
    """Check every collection on ``jobs`` processes, yielding records as they finish (in input order)."""
    queue = [(folder, str(path), str(work), str(cache), mypy, str(root)) for folder, path in items]
    if mypy and queue and not cache.exists():
        yield _check(queue.pop(0))  # warms the shared mypy cache (typeshed, httpx) before going parallel
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check, queue)


def figures(records: Sequence[Record]) -> list[dict[str, object]]:
    """Per folder: files, generated, tests passed, mypy clean, refused, failed."""
    rows = []
    for folder in dict.fromkeys(r.folder for r in records):
        mine = [r for r in records if r.folder == folder]
        generated = [r for r in mine if r.outcome != "refused" and r.stage != "generate"]
        rows.append(
            {
                "folder": folder,
                "files": len(mine),
                "generated": len(generated),
                "compiled": sum(1 for r in generated if r.stage != "compile"),
                "tests passed": sum(1 for r in generated if r.stage not in ("compile", "tests")),
                "mypy clean": sum(1 for r in mine if r.outcome == "ok"),
                "refused": sum(1 for r in mine if r.outcome == "refused"),
                "failed": sum(1 for r in mine if r.outcome == "failed"),
                "test cases": sum(r.tests_passed for r in mine),
            }
        )
    return rows


def table(rows: Sequence[dict[str, object]]) -> str:
    if not rows:
        return "(no collections)"
    keys = list(rows[0])
    widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
    lines = ["  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True))]
    lines += ["  ".join(str(r[k]).ljust(w) for k, w in zip(keys, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared dir [../shared]")
    parser.add_argument("--only", help="only collections whose folder/file name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-mypy", action="store_true", help="skip mypy (much faster)")
    parser.add_argument("--mypy-cache", type=Path, help="a persistent mypy cache dir [a temporary one]")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the gen-client checkout to run (e.g. a snapshot) [this one]"
    )
    parser.add_argument("--keep", type=Path, help="generate into this dir and keep the SDKs")
    parser.add_argument("--json", type=Path, help="write every record and the figures here")
    args = parser.parse_args(argv)
    items = collections(args.shared, args.only)
    if not items:
        print(f"no collections under {args.shared}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        work = args.keep or Path(tmp) / "sdks"
        cache = args.mypy_cache or Path(tmp) / "mypy-cache"
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        records: list[Record] = []
        for record in run(items, work, cache, not args.no_mypy, args.jobs, args.root):
            records.append(record)
            mark = {"ok": ".", "refused": "r"}.get(record.outcome, "F")
            print(mark, end="", flush=True)
        print(f"\n{len(records)} collections in {time.perf_counter() - started:.0f}s\n")
    rows = figures(records)
    print(table(rows))
    for record in records:
        if record.outcome == "refused":
            print(f"refused  {record.folder}/{record.name}: {record.message}")
    for record in records:
        if record.outcome == "failed":
            print(f"\nFAILED   {record.folder}/{record.name} at {record.stage}:\n{record.message}")
    if args.json:
        args.json.write_text(
            json.dumps({"figures": rows, "records": [asdict(r) for r in records]}, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0 if all(r.outcome in ("ok", "refused") for r in records) else 1


if __name__ == "__main__":
    sys.exit(main())
