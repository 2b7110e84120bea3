"""Regeneration benchmark: a full generation vs a regeneration after one request of the collection changed.

    python benchmarks/regen.py [COLLECTION] [--change description|url] [--repeat N] [--verify]
                               [--command "python -m generator"]

Runs ``gen-client`` (or ``--command``) as a user would, each time in a fresh temp dir with its own cache dir:
1. full: a cold cache and an empty output dir;
2. regen: the same collection with one request changed (the middle one: its description, or a path
   segment of its URL), into that output, with the cache the full run filled;
3. regen without cache: the same, with ``--no-cache``, for comparison.
Prints wall time and CPU time (this process's children: gen-client and its format workers) of each and the
regen/full ratio. ``--verify`` also generates the changed collection from scratch without the cache and
checks the regenerated tree is byte-identical.

It also prints the floor of any regeneration in this stack, as fractions of the full generation: a fresh
Python with click imported (what starting the CLI costs before it does anything), then reading and parsing
the collection's JSON, then fingerprinting every request item (what an item-level cache needs to find the
changed one). A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import copy
import filecmp
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared/collections/real"
DEFAULT = REAL / "commercetools-api.postman_collection.json"


def requests(node: object) -> list[dict[str, object]]:
    """Every request item of a collection, in order."""
    found: list[dict[str, object]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "request" in item:
                found.append(item)
            children = item.get("item")
            if isinstance(children, list):
                stack.extend(reversed(children))
    return found


def changed_copy(document: dict[str, object], how: str) -> dict[str, object]:
    """`document` with its middle request changed."""
    changed = copy.deepcopy(document)
    items = requests(changed)
    item = items[len(items) // 2]
    request = item["request"]
    assert isinstance(request, dict)
    if how == "description":
        item["description"] = str(item.get("description") or "") + "\nChanged for the regeneration benchmark."
    else:
        url = request.get("url")
        if isinstance(url, dict) and isinstance(url.get("path"), list):
            url["path"] = [*url["path"], "benchmark"]
            url.pop("raw", None)
        else:
            raw = url.get("raw") if isinstance(url, dict) else url
            request["url"] = str(raw).split("?")[0] + "/benchmark"
    print(f"changed request: {item.get('name')!r} ({how})")
    return changed


COMMAND = ["gen-client"]


def run(args: list[str], cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one gen-client run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [*COMMAND, *args, "--quiet"],
        env={**os.environ, "GEN_CLIENT_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"gen-client {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def tree_differences(a: Path, b: Path) -> list[str]:
    left = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    same = {p for p in left & right if filecmp.cmp(a / p, b / p, shallow=False)}
    return sorted(str(p) for p in (left | right) - same)


def once(source: Path, how: str, verify: bool) -> dict[str, tuple[float, float]]:
    document = json.loads(source.read_bytes())
    with tempfile.TemporaryDirectory(prefix="gen-client-regen-") as temp:
        root = Path(temp)
        collection = root / "collection.json"
        shutil.copyfile(source, collection)
        out, cache = root / "out", root / "cache"
        times = {"full": run([str(collection), "-o", str(out)], cache)}
        collection.write_text(json.dumps(changed_copy(document, how)), encoding="utf-8")
        first = root / "first"
        shutil.copytree(out, first)
        times["regen"] = run([str(collection), "-o", str(out)], cache)
        if verify:
            fresh = root / "fresh"
            run([str(collection), "-o", str(fresh), "--no-cache"], root / "unused")
            differences = tree_differences(out, fresh)
            print(
                "regenerated tree identical to a fresh uncached generation:",
                not differences,
                differences[:10],
            )
        times["regen --no-cache"] = run([str(collection), "-o", str(first), "--no-cache"], cache)
        return times


FLOOR_STEPS = {
    "python + import click": "import click",
    "+ read and parse the JSON": "import click, json; json.loads(open(PATH, 'rb').read())",
    "+ fingerprint every request": (
        "import click, json, hashlib\n"
        "document = json.loads(open(PATH, 'rb').read())\n"
        "stack = [document]\n"
        "while stack:\n"
        "    node = stack.pop()\n"
        "    if 'request' in node:\n"
        "        hashlib.sha256(json.dumps(node).encode()).digest()\n"
        "    stack.extend(c for c in node.get('item') or () if isinstance(c, dict))\n"
    ),
}


def floor(collection: Path, runs: int = 5) -> dict[str, float]:
    """Median wall seconds of each floor step, run as a fresh process like gen-client."""
    medians = {}
    for name, code in FLOOR_STEPS.items():
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code.replace("PATH", repr(str(collection)))], check=True)
            walls.append(time.perf_counter() - start)
        medians[name] = statistics.median(walls)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("collection", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--change", choices=("description", "url"), default="description")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--command", default="gen-client", help="how to run gen-client [gen-client]")
    args = parser.parse_args()
    COMMAND[:] = shlex.split(args.command)
    print(f"{args.collection.name}: {len(requests(json.loads(args.collection.read_bytes())))} requests")
    fulls: list[float] = []
    for i in range(args.repeat):
        times = once(args.collection, args.change, args.verify)
        full_wall, full_cpu = times["full"]
        for name, (wall, cpu) in times.items():
            ratio = f"  ({wall / full_wall:.1%} of full wall, {cpu / full_cpu:.1%} of full CPU)"
            print(
                f"[{i + 1}] {name:18} wall {wall:7.2f}s  cpu {cpu:7.2f}s" + ("" if name == "full" else ratio)
            )
        fulls.append(full_wall)
    print("floor of any regeneration (median of 5 fresh processes), against the median full generation:")
    for name, wall in floor(args.collection).items():
        print(f"  {name:30} {wall:6.3f}s  ({wall / statistics.median(fulls):.1%} of full)")


if __name__ == "__main__":
    main()
