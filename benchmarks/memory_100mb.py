"""Peak memory of gen-client on a ~100 MB collection: it must stay within 2 GB.

    python benchmarks/memory_100mb.py [--megabytes 100] [--requests 1500] [--no-format] [--keep DIR]

Builds a synthetic v2.1 collection (deterministic): folders of requests, each with a JSON request body and
saved examples whose bodies are large (lists of records of varied shape), so most of the bytes are example
bodies, as in real exports with big responses. Then runs the real command in a child process and reports:
its peak RSS (``getrusage(RUSAGE_CHILDREN)``: the largest single process, black's workers included), the
peak RSS of the whole process tree (sampled from /proc every 50 ms: the child and its workers together),
wall time, and the size of the SDK written. Exit status 1 when either peak exceeds the limit.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

LIMIT_BYTES = 2 * 1024**3
V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
FIELDS = (
    "id name status created updated owner amount currency region tags score active notes parent kind "
    "version quota latitude longitude email phone address city country plan seats priority labels"
).split()


def _record(rng: random.Random, resource_index: int, i: int) -> dict[str, object]:
    """One record of a list body: a fixed core plus fields that vary by resource, some optional."""
    fields = FIELDS[resource_index % 7 : resource_index % 7 + 14]
    record: dict[str, object] = {"id": f"ocid1.res.{resource_index}.{i:06d}", "index": i}
    for n, field in enumerate(fields):
        if (i + n) % 5 == 0:
            continue  # optional in some examples
        roll = (resource_index + n) % 6
        if roll == 0:
            record[field] = rng.randint(0, 10**9)
        elif roll == 1:
            record[field] = round(rng.random() * 1000, 3)
        elif roll == 2:
            record[field] = rng.random() < 0.5
        elif roll == 3:
            record[field] = [f"t{rng.randint(0, 99)}" for _ in range(3)]
        elif roll == 4:
            record[field] = {"kind": field, "value": rng.randint(0, 99), "note": None if i % 2 else "x" * 20}
        else:
            record[field] = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(24))
    return record


def _request(rng: random.Random, index: int, records: int) -> dict[str, object]:
    resource_name = f"resource{index % 97}"
    body = json.dumps(_record(rng, index, 0), indent=2)
    page = {
        "items": [_record(rng, index, i) for i in range(records)],
        "next": f"page-{index}",
        "total": records,
    }
    return {
        "name": f"List {resource_name} {index}",
        "request": {
            "method": "POST" if index % 3 else "GET",
            "header": [
                {"key": "Content-Type", "value": "application/json"},
                {"key": "opc-request-id", "value": "{{requestId}}", "disabled": True},
            ],
            "url": {
                "raw": f"{{{{baseUrl}}}}/{resource_name}/:id/items?limit=100&page={index}",
                "host": ["{{baseUrl}}"],
                "path": [resource_name, ":id", "items"],
                "query": [{"key": "limit", "value": "100"}, {"key": "page", "value": str(index)}],
                "variable": [{"key": "id", "value": f"id-{index}"}],
            },
            "body": {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}},
        },
        "response": [
            {
                "name": "OK",
                "code": 200,
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": json.dumps(page, indent=2),
            },
            {
                "name": "Not found",
                "code": 404,
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": json.dumps({"code": "NotFound", "message": "no such thing " * 10}),
            },
        ],
    }


def _chunks(requests: int, records: int) -> Iterator[str]:
    rng = random.Random(100)
    yield json.dumps({"name": "Memory 100 MB API", "schema": V21})
    folders = max(1, requests // 25)
    for folder in range(folders):
        count = requests // folders + (folder < requests % folders)
        items = [_request(rng, folder * 1000 + i, records) for i in range(count)]
        yield json.dumps({"name": f"Folder {folder}", "item": items})


def build(path: Path, megabytes: int, requests: int) -> int:
    """Write the collection, sizing the example bodies so the file is about ``megabytes`` MB."""
    probe = len(json.dumps(_request(random.Random(1), 1, 100)))
    records = max(1, int(100 * (megabytes * 1024**2 / requests) / probe))
    chunks = _chunks(requests, records)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '{"info": '
            + next(chunks)
            + ', "variable": [{"key": "baseUrl", "value": "https://api.example.test"}], "item": ['
        )
        for n, chunk in enumerate(chunks):
            out.write(("," if n else "") + chunk)
        out.write("]}")
    return path.stat().st_size


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    total, stack = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(pid, ()))
    return total


def run(source: Path, out: Path, formatting: bool) -> dict[str, object]:
    command = [sys.executable, "-m", "generator", str(source), "-o", str(out), "-q"]
    if not formatting:
        command.append("--no-format")
    peak_tree = 0
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    elapsed = time.monotonic() - started
    done.set()
    sampler.join()
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    written = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) if out.exists() else 0
    return {
        "exit_code": code,
        "seconds": round(elapsed, 1),
        "peak_rss_largest_process_mb": round(child_peak / 1024**2),
        "peak_rss_process_tree_mb": round(peak_tree / 1024**2),
        "sdk_mb": round(written / 1024**2, 1),
        "sdk_files": sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--no-format", action="store_true", help="skip black (measures the rest alone)")
    parser.add_argument("--keep", type=Path, help="build the collection and the SDK here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="gen-client-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        source = work / "memory-100mb.postman_collection.json"
        size = build(source, args.megabytes, args.requests)
        figures = {
            "collection_mb": round(size / 1024**2, 1),
            "requests": args.requests,
            "formatting": not args.no_format,
        }
        shutil.rmtree(work / "out", ignore_errors=True)
        figures.update(run(source, work / "out", not args.no_format))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    figures["limit_mb"] = LIMIT_BYTES // 1024**2
    peak = max(int(figures["peak_rss_largest_process_mb"]), int(figures["peak_rss_process_tree_mb"]))  # type: ignore[call-overload]
    figures["within_limit"] = peak * 1024**2 <= LIMIT_BYTES
    print(json.dumps(figures, indent=2))
    return 0 if figures["within_limit"] and figures["exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
