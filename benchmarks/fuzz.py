"""Fuzz gen-client at length (10,000 cases by default) and print the figures.

    python benchmarks/fuzz.py [--cases 10000] [--workers 2] [--seed 0] [--failures DIR]

The cases are those of tests/fuzz (see tests/fuzz/fuzz_cases.py): collections drawn from the project's own
schemas with hypothesis-jsonschema, and real collections (collections/ and the shared corpus) with random
mutations and byte-level damage. Each runs through the pipeline in-process; every ``--cli-every``-th case
also runs through the real command (with black for one in five of those). A case passes when it ends in
exit 0 with output that compiles, or exit 2 with a one-line error naming the file. Failing inputs are saved
to ``--failures`` with what went wrong, and the run goes on. Exit status: 1 when any case failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
sys.path.insert(0, str(ROOT))

SCHEMA_SHARE = 5  # one case in five is drawn from the schema; the others mutate real collections


def worker(
    index: int, cases: int, seed: int, max_bytes: int, cli_every: int, failures: str
) -> dict[str, object]:
    """Run ``cases`` cases with hypothesis (generation only: failures are recorded, not shrunk)."""
    from fuzz_cases import FuzzFailure, check_cli, check_generate, corpus, mutated_inputs, schema_inputs
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 8_000))  # as the command line does
    files = tuple(corpus(max_bytes))
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    work = Path(tempfile.mkdtemp(prefix=f"gen-client-fuzz-{index}-"))
    inputs = st.integers(0, SCHEMA_SHARE - 1).flatmap(
        lambda pick: schema_inputs() if pick == 0 or not files else mutated_inputs(files)
    )

    @hypothesis_seed(seed * 1000 + index)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def run(data: bytes) -> None:
        n = counts["cases"]
        counts["cases"] += 1
        path = work / "case.json"
        path.write_bytes(data)
        try:
            result = check_generate(path)
            counts[result.outcome] += 1
            if result.outcome == "exit2":
                errors[result.detail.split(": ", 2)[-1][:60]] += 1
            if cli_every and n % cli_every == 0:
                extra = () if n % (5 * cli_every) == 0 else ("--no-format",)
                cli = check_cli(path, work / "out", *extra)
                counts["cli"] += 1
                if cli.outcome != result.outcome:
                    raise FuzzFailure(f"the command ended in {cli.outcome}, the pipeline in {result.outcome}")
        except Exception as exc:  # FuzzFailure, or a bug in the checks themselves: both are recorded
            counts["failures"] += 1
            stem = Path(failures) / f"failure-{index}-{n}"
            stem.with_suffix(".json").write_bytes(data)
            detail = str(exc) if isinstance(exc, FuzzFailure) else traceback.format_exc()
            stem.with_suffix(".txt").write_text(detail, encoding="utf-8")
        finally:
            _clean(work / "out")

    run()
    return {"counts": dict(counts), "errors": dict(errors)}


def _clean(out: Path) -> None:
    import shutil

    shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-bytes", type=int, default=1_000_000, help="skip corpus files larger than this")
    parser.add_argument("--cli-every", type=int, default=100, help="also run every Nth case through the CLI")
    parser.add_argument("--failures", default="fuzz-failures", help="where failing inputs are saved")
    args = parser.parse_args()
    Path(args.failures).mkdir(parents=True, exist_ok=True)
    share = [args.cases // args.workers + (i < args.cases % args.workers) for i in range(args.workers)]
    started = time.monotonic()
    jobs = [(i, n, args.seed, args.max_bytes, args.cli_every, args.failures) for i, n in enumerate(share)]
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        results = pool.starmap(worker, jobs)
    elapsed = time.monotonic() - started
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    for result in results:
        counts.update(result["counts"])  # type: ignore[arg-type]
        errors.update(result["errors"])  # type: ignore[arg-type]
    figures = {
        "cases": counts["cases"],
        "exit_0": counts["exit0"],
        "exit_2": counts["exit2"],
        "failures": counts["failures"],
        "cli_runs": counts["cli"],
        "seconds": round(elapsed, 1),
        "cases_per_second": round(counts["cases"] / elapsed, 1) if elapsed else None,
    }
    print(json.dumps(figures, indent=2))
    print("most common exit-2 errors:")
    for message, count in errors.most_common(12):
        print(f"  {count:6d}  {message}")
    if counts["failures"]:
        print(f"failing inputs and reasons: {Path(args.failures).resolve()}")
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
