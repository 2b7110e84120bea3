"""gen-client side by side with its peers, on the same machine in one run.

Inputs: synthetic collections (``benchmarks/synthetic.py``) of 100, 1,000 and 10,000 requests, and the largest
real collections under ``../shared/collections/real`` (skipped when absent). For each input:

- gen-client as a subprocess into a fresh output dir (a cold run: nothing in its cache; its own modules
  byte-compiled first, as an install leaves them): wall time, CPU time
  (user + system of the process and its workers, from ``wait4``), peak RSS (the largest process, from
  ``wait4``; and the whole process tree, sampled from ``/proc``), and lines of generated Python per
  operation, without tests and models and in total;
- postman-code-generators' python-requests snippet for every request (``benchmarks/peers.js``), timed inside
  node and as a whole process;
- postman-to-openapi, then openapi-python-client on its OpenAPI document (both processes, added up).

Figures are medians of ``--runs`` runs; runs of the tools alternate, so load on the machine hits all alike.
Peers are used when ``benchmarks/setup_peers.sh`` installed them (or ``GEN_CLIENT_PEERS`` points at them).

    python benchmarks/bench.py                       # everything
    python benchmarks/bench.py --sizes 100,1000 --real commercetools-api --runs 5
    python benchmarks/bench.py --json results.json   # also write the raw figures
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REAL_DIR = Path(
    os.environ.get("GEN_CLIENT_REAL_COLLECTIONS", ROOT.parent / "shared" / "collections" / "real")
)
REAL = (
    "commercetools-api",
    "stripe-api",
    "twitter-api-v2",
    "oci-container-engine",
    "oci-notifications",
)
PEERS = Path(os.environ.get("GEN_CLIENT_PEERS", HERE / ".peers"))
PEER_TIMEOUT = 900


@dataclass
class Run:
    """One process run: wall and CPU seconds, peak RSS in MB, and whether it succeeded."""

    wall: float
    cpu: float
    rss_mb: float
    tree_rss_mb: float
    ok: bool
    stdout: str = ""
    stderr: str = ""


@dataclass
class Figures:
    """Medians over the runs of one tool on one input."""

    tool: str
    wall: float | None = None
    cpu: float | None = None
    rss_mb: float | None = None
    tree_rss_mb: float | None = None
    inside: float | None = None  # seconds measured inside the tool (node peers), when it reports them
    ok: bool = False
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _tree_rss_kb(root: int) -> int:
    """Resident set of ``root`` and all its descendants, in kB (from /proc; 0 where unavailable)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().rsplit(b")", 1)[1].split()
            ppid, pages = int(stat[1]), int(stat[21])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def run_process(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = PEER_TIMEOUT,
) -> Run:
    """Run one command; CPU time and peak RSS come from its rusage (its workers included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(argv), cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return Run(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            rss_mb=usage.ru_maxrss / 1024,
            tree_rss_mb=max(peak[0], usage.ru_maxrss) / 1024,
            ok=process.returncode == 0,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def summarize(tool: str, runs: Sequence[Run], inside: Sequence[float | None] = ()) -> Figures:
    good = [r for r in runs if r.ok]
    if not good:
        last = runs[-1] if runs else None
        reason = (last.stderr or last.stdout).strip().splitlines()[-1:] if last else ["not run"]
        return Figures(tool, ok=False, note=(reason[0] if reason else "failed")[:160])
    return Figures(
        tool,
        wall=_median([r.wall for r in good]),
        cpu=_median([r.cpu for r in good]),
        rss_mb=_median([r.rss_mb for r in good]),
        tree_rss_mb=_median([r.tree_rss_mb for r in good]),
        inside=_median(list(inside)),
        ok=True,
    )


# ---------------------------------------------------------------------------------------------- the tools
GENERATOR_ROOT: Path | None = None  # --generator: a checkout to run (python -m generator from there)


def compile_bytecode() -> None:
    """gen-client's modules byte-compiled, as pip does when it installs a package: an editable install, or
    ``PYTHONDONTWRITEBYTECODE=1`` (set on some machines), would leave every timed run compiling them."""
    if GENERATOR_ROOT is not None:
        package = GENERATOR_ROOT / "generator"
    else:
        import importlib.util

        spec = importlib.util.find_spec("generator")
        if spec is None or not spec.submodule_search_locations:
            return
        package = Path(next(iter(spec.submodule_search_locations)))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=False)


def gen_client_command() -> list[str]:
    if GENERATOR_ROOT is not None:
        return [sys.executable, "-m", "generator"]
    found = shutil.which("gen-client", path=str(Path(sys.executable).parent)) or shutil.which("gen-client")
    return [found] if found else [sys.executable, "-m", "generator"]


def count_lines(out: Path) -> dict[str, int]:
    """Lines of generated Python: all, without tests, without tests and models, resource modules only."""
    counts = {"total": 0, "sdk": 0, "sdk_without_models": 0, "resources": 0}
    for path in out.rglob("*.py"):
        lines = path.read_bytes().count(b"\n")
        rel = path.relative_to(out).parts
        counts["total"] += lines
        if rel[0] == "tests":
            continue
        counts["sdk"] += lines
        if path.name == "models.py" or "models" in rel[2:-1]:
            continue
        counts["sdk_without_models"] += lines
        if "resources" in rel:
            counts["resources"] += lines
    return counts


def bench_gen_client(collection: Path, work: Path, runs: int) -> Figures:
    results: list[Run] = []
    warm: list[Run] = []
    lines: dict[str, int] = {}
    operations = 0
    for index in range(runs):
        out = work / f"gen-client-{index}"
        shutil.rmtree(out, ignore_errors=True)
        command = [*gen_client_command(), str(collection), "-o", str(out), "-q", "--json"]
        cache = work / f"cache-{index}"  # empty: a cold run, whatever gen-client caches between runs
        env = {**os.environ, "GEN_CLIENT_CACHE_DIR": str(cache)}
        run = run_process(command, cwd=GENERATOR_ROOT, env=env)
        results.append(run)
        if run.ok and not lines:
            lines = count_lines(out)
            operations = int(json.loads(run.stdout)["operations"])
        shutil.rmtree(out, ignore_errors=True)
        if run.ok:  # the same input again into a fresh dir: what a build step pays when nothing changed
            warm.append(run_process(command, cwd=GENERATOR_ROOT, env=env))
            shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    figures = summarize("gen-client", results)
    again = summarize("gen-client (cache warm)", warm)
    if operations:
        figures.extra = {
            "operations": operations,
            **{f"lines_{k}": v for k, v in lines.items()},
            "lines_per_op": round(lines["sdk_without_models"] / operations, 1),
            "resource_lines_per_op": round(lines["resources"] / operations, 1),
            "total_lines_per_op": round(lines["total"] / operations, 1),
            "warm_wall": again.wall,
            "warm_cpu": again.cpu,
        }
    return figures


def peers_available() -> dict[str, bool]:
    node_modules = PEERS / "node" / "node_modules"
    return {
        "pcg": shutil.which("node") is not None
        and (node_modules / "postman-code-generators").is_dir()
        and (node_modules / "postman-collection").is_dir(),
        "p2o": shutil.which("node") is not None and (node_modules / "postman-to-openapi").is_dir(),
        "opc": (PEERS / "venv" / "bin" / "openapi-python-client").exists(),
    }


def bench_snippets(collection: Path, runs: int) -> Figures:
    results: list[Run] = []
    inside: list[float | None] = []
    requests = 0
    for _ in range(runs):
        run = run_process(["node", str(HERE / "peers.js"), "snippets", str(collection)])
        results.append(run)
        if run.ok:
            report = json.loads(run.stdout)
            inside.append(report["inside_ms"] / 1000)
            requests = report["requests"]
    figures = summarize("pcg python-requests", results, inside)
    figures.extra = {"requests": requests}
    return figures


def bench_openapi_pair(collection: Path, work: Path, runs: int, with_opc: bool) -> Figures:
    """postman-to-openapi, then openapi-python-client; the pair's time is the sum of both processes."""
    pair: list[Run] = []
    kept = 0
    note = ""
    for index in range(runs):
        spec = work / f"openapi-{index}.yml"
        convert = run_process(["node", str(HERE / "peers.js"), "openapi", str(collection), str(spec)])
        if not convert.ok:
            pair.append(convert)
            note = "postman-to-openapi: " + (convert.stderr.strip().splitlines() or ["failed"])[0]
            break
        kept = int(json.loads(convert.stdout)["operations"])
        if not with_opc:
            pair.append(convert)
            continue
        out = work / f"opc-{index}"
        shutil.rmtree(out, ignore_errors=True)
        opc = PEERS / "venv" / "bin" / "openapi-python-client"
        generate = run_process(
            [str(opc), "generate", "--path", str(spec), "--output-path", str(out), "--overwrite"], cwd=work
        )
        shutil.rmtree(out, ignore_errors=True)
        if not generate.ok:
            pair.append(generate)
            tail = (generate.stdout + generate.stderr).strip().splitlines()
            note = "openapi-python-client: " + (tail[-1] if tail else "failed")
            break
        pair.append(
            Run(
                wall=convert.wall + generate.wall,
                cpu=convert.cpu + generate.cpu,
                rss_mb=max(convert.rss_mb, generate.rss_mb),
                tree_rss_mb=max(convert.tree_rss_mb, generate.tree_rss_mb),
                ok=True,
            )
        )
    figures = summarize("postman-to-openapi + openapi-python-client", pair)
    figures.note = figures.note if figures.ok else (note or figures.note)[:200]
    figures.extra = {"operations_kept": kept}
    return figures


# ---------------------------------------------------------------------------------------------- the table
def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _ratio(ours: float | None, theirs: float | None) -> str:
    return "-" if not ours or not theirs else f"{ours / theirs:.2f}"


def table(results: list[dict[str, object]]) -> str:
    head = (
        f"{'input':<28} {'ops':>6} | {'gen-client wall':>15} {'cpu':>7} {'warm':>6} {'w.cpu':>6} "
        f"{'rss MB':>7} {'tree MB':>7} "
        f"{'ln/op':>6} {'all/op':>6} | "
        f"{'pcg proc':>8} {'inside':>7} {'ratio':>6} {'/inside':>7} {'cpu x':>6} | "
        f"{'p2o+opc':>8} {'kept':>5} {'ratio':>6} {'cpu x':>6}"
    )
    rows = [head, "-" * len(head)]
    for result in results:
        ours = result["gen-client"]
        pcg = result.get("pcg")
        pair = result.get("pair")
        assert isinstance(ours, Figures)
        extra = ours.extra
        cells = [
            f"{str(result['input']):<28} {str(extra.get('operations', '-')):>6} |",
            f"{_fmt(ours.wall):>15} {_fmt(ours.cpu):>7}",
            f"{_fmt(_num(extra.get('warm_wall'))):>6} {_fmt(_num(extra.get('warm_cpu'))):>6}",
            f"{_fmt(ours.rss_mb, 0):>7} {_fmt(ours.tree_rss_mb, 0):>7}",
            f"{str(extra.get('lines_per_op', '-')):>6} {str(extra.get('total_lines_per_op', '-')):>6} |",
        ]
        if isinstance(pcg, Figures) and pcg.ok:
            cells.append(
                f"{_fmt(pcg.wall):>8} {_fmt(pcg.inside):>7} {_ratio(ours.wall, pcg.wall):>6} "
                f"{_ratio(ours.wall, pcg.inside):>7} {_ratio(ours.cpu, pcg.cpu):>6} |"
            )
        else:
            cells.append(f"{'-':>8} {'-':>7} {'-':>6} {'-':>7} {'-':>6} |")
        if isinstance(pair, Figures) and pair.ok:
            cells.append(
                f"{_fmt(pair.wall):>8} {str(pair.extra.get('operations_kept', '-')):>5} "
                f"{_ratio(ours.wall, pair.wall):>6} {_ratio(ours.cpu, pair.cpu):>6}"
            )
        elif isinstance(pair, Figures):
            cells.append(f"{'fails':>8} {'-':>5} {'-':>6}")
        rows.append(" ".join(cells))
    notes = [
        f"  {result['input']}: {fig.tool}: {fig.note}"
        for result in results
        for key in ("gen-client", "pcg", "pair")
        if isinstance(fig := result.get(key), Figures) and fig.note
    ]
    legend = (
        "times in seconds (medians); ratio = gen-client wall / peer wall (< 1: gen-client is faster); "
        "warm = gen-client again on the same input with its format cache filled (a build step when nothing "
        "changed); /inside = gen-client wall / the peer's time measured inside node; "
        "cpu x = the same ratio of CPU times (steadier than wall time on a busy machine); "
        "rss = largest process; "
        "tree = all processes together; ln/op = generated Python lines per operation without tests and "
        "models; all/op = with them"
    )
    return "\n".join([*rows, "", legend, *(["", "notes:", *notes] if notes else [])])


def inputs(sizes: Sequence[int], real: Sequence[str], work: Path) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for size in sizes:
        # In a subprocess: building a big collection in this process would leave it big, and the peak RSS
        # a child reports counts from the fork, before its exec.
        path = work / f"synthetic-{size}.json"
        subprocess.run([sys.executable, str(HERE / "synthetic.py"), str(size), "-o", str(path)], check=True)
        out.append((f"synthetic-{size}", path))
    for name in real:
        path = REAL_DIR / f"{name}.postman_collection.json"
        if path.exists():
            out.append((name, path))
        else:
            print(f"skipped {name}: {path} is absent", file=sys.stderr)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000", help="synthetic collection sizes (comma-separated)"
    )
    parser.add_argument("--real", default=",".join(REAL), help="real collections by name ('' for none)")
    parser.add_argument("--runs", type=int, default=3, help="runs per tool and input (the median is shown)")
    parser.add_argument("--big-runs", type=int, default=1, help="runs for inputs of 5,000 requests or more")
    parser.add_argument("--no-peers", action="store_true", help="measure gen-client only")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--generator", type=Path, help="run gen-client from this checkout (default: installed)"
    )
    args = parser.parse_args(argv)
    global GENERATOR_ROOT
    GENERATOR_ROOT = args.generator.resolve() if args.generator else None
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    real = [r for r in args.real.split(",") if r.strip()]
    compile_bytecode()
    available = {k: False for k in ("pcg", "p2o", "opc")} if args.no_peers else peers_available()
    if not args.no_peers and not all(available.values()):
        missing = ", ".join(k for k, v in available.items() if not v)
        print(f"peers missing ({missing}): run benchmarks/setup_peers.sh to compare", file=sys.stderr)
    results: list[dict[str, object]] = []
    progress: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="gen-client-bench-") as tmp:
        work = Path(tmp)
        for name, path in inputs(sizes, real, work):
            runs = (
                args.big_runs
                if name.startswith("synthetic-") and int(name.split("-")[1]) >= 5000
                else args.runs
            )
            progress(f"{name}: gen-client x{runs}")
            result: dict[str, object] = {"input": name, "gen-client": bench_gen_client(path, work, runs)}
            if available["pcg"]:
                progress(f"{name}: postman-code-generators x{runs}")
                result["pcg"] = bench_snippets(path, runs)
            if available["p2o"]:
                progress(
                    f"{name}: postman-to-openapi{' + openapi-python-client' if available['opc'] else ''}"
                )
                result["pair"] = bench_openapi_pair(path, work, runs, available["opc"])
            results.append(result)
            progress(table(results[-1:]).splitlines()[2])
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")
    print(table(results))
    if args.json:
        plain = [{k: asdict(v) if isinstance(v, Figures) else v for k, v in r.items()} for r in results]
        args.json.write_text(json.dumps(plain, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
