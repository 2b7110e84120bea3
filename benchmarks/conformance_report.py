"""Prints, per collection, the share of requests whose generated-SDK call sends what newman sends.

    python benchmarks/conformance_report.py            # the vendor corpus in ../shared/collections/real
    python benchmarks/conformance_report.py fixtures   # the conformance fixtures
    python benchmarks/conformance_report.py corpus stripe okta -v   # some collections, with every difference
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conformance import newman_run, referee  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    which = args[0] if args else "corpus"
    reason = newman_run.unavailable()
    if reason:
        print(f"skipped: {reason}")
        return 0
    targets = referee.fixture_targets() if which == "fixtures" else referee.corpus_targets()
    if args[1:]:
        targets = [t for t in targets if any(name in t.name for name in args[1:])]
    if not targets:
        print("no collections found (is ../shared present?)")
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        reports = referee.run_all(targets, Path(tmp))
    width = max(len(r.target.name) for r in reports)
    print(f"{'collection':<{width}}  requests  identical  on purpose  conform")
    for r in reports:
        counts = f"{len(r.results):>8}  {r.matched:>9}  {r.on_purpose:>10}"
        print(f"{r.target.name:<{width}}  {counts}  {r.percent:6.1f}%")
        if r.fatal or verbose:
            print(r.summary(verbose=True))
    print(f"({time.monotonic() - started:.0f} s)")
    return 0 if all(r.percent >= 99.0 and not r.fatal for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
