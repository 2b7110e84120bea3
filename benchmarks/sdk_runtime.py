"""The generated SDK at run time: import time, a call's overhead over bare httpx, and ``from_dict`` speed.

Generates the SDK of a synthetic 1,000-request collection (``benchmarks/synthetic.py``), byte-compiles it
as an install would, then measures:

- ``import <package>`` in a fresh interpreter (median wall time of several), and ``-X importtime``'s
  heaviest modules; then the first access to a resource group (its module loads lazily);
- for the first operation of each HTTP method, one sync call through the SDK against ``httpx.MockTransport``
  versus the same request sent with a bare ``httpx.Client`` through the same transport (the per-call
  overhead, in percent);
- ``Model.from_json`` on a large example (a page of 2,000 items) versus a hand-written dataclass
  constructor for the same data (no checks), as a ratio.

    python benchmarks/sdk_runtime.py [--requests 1000] [--sdk DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from dataclasses import make_dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

CPU = time.process_time  # timer: CPU seconds of this process, so busy neighbours weigh less
BARE_IMPORT = "import time; t = time.process_time(); import httpx; print((time.process_time() - t) * 1000)"


def generate(requests: int, work: Path) -> Path:
    collection = synthetic.write(requests, work / f"synthetic-{requests}.json")
    out = work / "sdk"
    command = [sys.executable, "-m", "generator", str(collection), "-o", str(out), "-q"]
    subprocess.run(command, check=True, cwd=HERE.parent)
    return out


def package_of(sdk: Path) -> str:
    return next(p.name for p in (sdk / "src").iterdir() if (p / "__init__.py").exists())


def _env(sdk: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(sdk / "src")
    return env


def import_times(sdk: Path, package: str, runs: int) -> dict[str, object]:
    """Fresh-interpreter import of the package, and of one resource group after it."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(sdk / "src")], check=True)
    group = json.loads((sdk / ".gen-client.json").read_text())["operations"][0]["python"].split(".")[0]
    # CPU time of the importing process: on a busy machine, wall time mostly measures the neighbours.
    script = (
        "import time\nt0 = time.process_time()\n"
        f"import {package} as sdk\nt1 = time.process_time()\n"
        f"client = sdk.Client()\ngroup = client.{group}\nt2 = time.process_time()\n"
        "print((t1 - t0) * 1000, (t2 - t1) * 1000)\n"
    )
    first, lazy = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", script], env=_env(sdk), capture_output=True, text=True, check=True
        )
        a, b = out.stdout.split()
        first.append(float(a))
        lazy.append(float(b))
    bare = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", BARE_IMPORT],
            env=_env(sdk),
            capture_output=True,
            text=True,
            check=True,
        )
        bare.append(float(out.stdout))
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {package}"],
        env=_env(sdk),
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    heaviest = sorted(
        (
            (int(line.split("|")[1]), line.split("|")[2].strip())
            for line in trace.splitlines()
            if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
        ),
        reverse=True,
    )[:6]
    return {
        "import_ms": statistics.median(first),
        "httpx_import_ms": statistics.median(bare),
        "first_group_ms": statistics.median(lazy),
        "group": group,
        "heaviest_cumulative_us": heaviest,
    }


def call_overheads(sdk: Path, package: str, number: int) -> list[dict[str, object]]:
    """For the first operation of each HTTP method: its call through the SDK versus the same request sent
    with a bare ``httpx.Client``, both through one ``MockTransport`` answering with the operation's saved
    2xx example (from the SDK's tests)."""
    sys.path.insert(0, str(sdk / "src"))
    import httpx

    module = __import__(package)
    cases = (
        c
        for f in sorted((sdk / "tests" / "data").iterdir())
        for c in json.loads(f.read_text())
        if 200 <= c["response"]["status"] < 300 and "json" in c["response"] and not c.get("error")
    )
    timed: dict[str, dict[str, object]] = {}
    for case in cases:
        result = _call_overhead(httpx, module, case, number, skip=set(timed))
        if result is not None:
            timed[str(result["method"])] = result
    return list(timed.values())


def _call_overhead(
    httpx: Any, module: Any, case: dict[str, Any], number: int, skip: set[str]
) -> dict[str, object] | None:
    saved = case["response"]
    body = str(saved["body"]).encode()
    headers = [(str(k), str(v)) for k, v in saved["headers"]]

    def handler(request: Any) -> Any:
        return httpx.Response(saved["status"], headers=headers, content=body)

    sent: list[Any] = []

    def record(request: Any) -> Any:
        sent.append(request)
        return handler(request)

    def operation_of(transport: Any) -> Callable[..., object]:
        client = module.Client(
            variables=case["variables"], max_retries=0, http_client=httpx.Client(transport=transport)
        )
        target: Any = client
        for part in case["operation"].split("."):
            target = getattr(target, part)
        return target  # type: ignore[no-any-return]

    operation_of(httpx.MockTransport(record))(**case["args"])
    request = sent[0]
    if request.method in skip:
        return None
    transport = httpx.MockTransport(handler)
    operation = operation_of(transport)
    bare = httpx.Client(transport=transport)
    url, request_headers, content = str(request.url), list(request.headers.multi_items()), request.content

    def bare_call() -> object:
        response = bare.request(request.method, url, headers=request_headers, content=content or None)
        return json.loads(response.content)

    def sdk_call() -> object:
        return operation(**case["args"])

    for fn in (bare_call, sdk_call):
        fn()
    bare_s = min(timeit.repeat(bare_call, timer=CPU, number=number, repeat=7)) / number
    sdk_s = min(timeit.repeat(sdk_call, timer=CPU, number=number, repeat=7)) / number
    return {
        "bare_us": bare_s * 1e6,
        "sdk_us": sdk_s * 1e6,
        "overhead_pct": (sdk_s / bare_s - 1) * 100,
        "operation": case["operation"],
        "method": request.method,
        "body_bytes": len(content),
    }


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def from_dict_speed(sdk: Path, package: str, items: int) -> dict[str, object]:
    """The SDK's model of a list page on a page of ``items`` items, versus hand-written dataclasses built
    with one keyword argument per field (what a careful person writes without checks)."""
    sys.path.insert(0, str(sdk / "src"))
    models = __import__(f"{package}.models", fromlist=["models"])
    manifest = json.loads((sdk / ".gen-client.json").read_text())
    for data_file in sorted((sdk / "tests" / "data").iterdir()):
        for case in json.loads(data_file.read_text()):
            sample = case["response"].get("json")
            if isinstance(sample, dict) and isinstance(sample.get("data"), list) and sample["data"]:
                break
        else:
            continue
        break
    rows = sample["data"]
    page = {**sample, "data": [rows[i % len(rows)] for i in range(items)]}
    model = next(getattr(models, name) for name in manifest["models"] if _fits(getattr(models, name), page))
    hand = _handwritten(sample, max(rows, key=len))
    assert len(hand(page).data) == items  # type: ignore[attr-defined]
    generated = min(timeit.repeat(lambda: model.from_json(page), timer=CPU, number=3, repeat=5)) / 3
    handwritten = min(timeit.repeat(lambda: hand(page), timer=CPU, number=3, repeat=5)) / 3
    return {
        "model": model.__name__,
        "items": items,
        "generated_ms": generated * 1000,
        "handwritten_ms": handwritten * 1000,
        "ratio": generated / handwritten,
    }


def _handwritten(sample: dict[str, Any], row: dict[str, Any]) -> Callable[[dict[str, Any]], object]:
    """What a careful person writes for this page without checks: dataclasses built with one keyword
    argument per field, nested objects by their own constructor."""
    classes: dict[str, Any] = {}
    nested = {k: v for k, v in row.items() if isinstance(v, dict)}
    for key, value in nested.items():
        classes[f"D_{_snake(key)}"] = make_dataclass(f"D_{_snake(key)}", [_snake(f) for f in value])
    classes["Item"] = make_dataclass("Item", [_snake(k) for k in row])
    classes["Page"] = make_dataclass("Page", [_snake(k) for k in sample])

    def field(key: str) -> str:
        if key in nested:
            inner = ", ".join(f"{_snake(f)}=n[{f!r}]" for f in nested[key])
            return f"{_snake(key)}=(D_{_snake(key)}({inner}) if (n := r.get({key!r})) else None)"
        return f"{_snake(key)}=r.get({key!r})"

    page = ", ".join(f"{_snake(k)}=out" if k == "data" else f"{_snake(k)}=value[{k!r}]" for k in sample)
    source = (
        "def hand(value):\n    out = []\n    for r in value['data']:\n"
        f"        out.append(Item({', '.join(field(k) for k in row)}))\n"
        f"    return Page({page})\n"
    )
    exec(source, classes)  # noqa: S102 - our own text, made from the sample's keys with repr
    return classes["hand"]  # type: ignore[no-any-return]


def _fits(model: Any, page: dict[str, object]) -> bool:
    if not hasattr(model, "from_json"):
        return False
    try:
        result = model.from_json(page)
    except (TypeError, ValueError):
        return False
    return not result.extra_fields and bool(getattr(result, "data", None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--sdk", type=Path, help="an SDK generated from a synthetic collection (else made)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gen-client-sdk-") as tmp:
        sdk = args.sdk or generate(args.requests, Path(tmp))
        package = package_of(sdk)
        started = time.perf_counter()
        imports = import_times(sdk, package, args.runs)
        calls = call_overheads(sdk, package, 1000)
        parsing = from_dict_speed(sdk, package, 2000)
        print(f"SDK {package} ({args.requests} requests), measured in {time.perf_counter() - started:.1f} s")
        print(
            f"import {package}: {imports['import_ms']:.0f} ms CPU "
            f"(httpx alone {imports['httpx_import_ms']:.0f} ms); "
            f"first access to client.{imports['group']}: {imports['first_group_ms']:.0f} ms"
        )
        print("  heaviest imports (cumulative us):", imports["heaviest_cumulative_us"])
        for call in calls:
            print(
                f"call {call['method']} {call['operation']} ({call['body_bytes']} B body): "
                f"SDK {call['sdk_us']:.0f} us, bare httpx {call['bare_us']:.0f} us, "
                f"overhead {call['overhead_pct']:+.1f}%"
            )
        print(
            f"{parsing['model']}.from_json on {parsing['items']} items: {parsing['generated_ms']:.1f} ms, "
            f"hand-written dataclasses {parsing['handwritten_ms']:.1f} ms, ratio {parsing['ratio']:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
