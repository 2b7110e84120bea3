"""Running newman, the referee: a copy of each collection without scripts, every request sent to the echo
server.

How requests reach the echo server: newman runs with ``node --require redirect_hook.js``, which points every
connection newman opens at 127.0.0.1:PORT over plain HTTP and changes nothing else. Hosts, ports and
variables stay as saved, so newman builds each request (Host header included) exactly as it would for the real
API; the generated SDK's requests reach the same server through ``echo.EchoTransport``.

The copy differs from the collection in two ways that cannot change a request: every item's ``id`` is its JSON
pointer (to pair newman's executions with the SDK's operations), and scripts (``event``) are removed, because
the SDK never runs scripts and the referee compares the saved request.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from conformance.echo import EchoServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NEWMAN_PACKAGE = ROOT / "node_modules" / "newman" / "package.json"
HOOK = HERE / "redirect_hook.js"
BATCH = HERE / "newman_batch.js"


def unavailable() -> str | None:
    """Why newman cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed: the newman conformance suite needs node >= 16 and `npm ci`"
    if not NEWMAN_PACKAGE.exists():
        return f"newman is not installed in {ROOT / 'node_modules'}: run `npm ci` in {ROOT}"
    return None


def for_newman(document: dict[str, object]) -> dict[str, object]:
    """The collection newman runs: item ids set to JSON pointers, scripts removed."""
    doc = copy.deepcopy(document)
    doc.pop("event", None)
    stack: list[tuple[dict[str, object], str]] = [(doc, "")]
    while stack:
        node, pointer = stack.pop()
        for i, child in enumerate(node.get("item") or []):  # type: ignore[arg-type]
            if isinstance(child, dict):
                here = f"{pointer}/item/{i}"
                child.pop("event", None)
                child["id"] = here
                stack.append((child, here))
    return doc


@dataclass(frozen=True)
class Execution:
    """One request newman ran: the item's pointer, the echo id of what arrived, or newman's error."""

    pointer: str
    echo_id: int | None
    error: str | None


@dataclass(frozen=True)
class Job:
    name: str
    collection: dict[str, object]
    environment: dict[str, object] | None
    variables: dict[str, str]
    working_dir: Path
    clock_ms: int | None = None  # pins newman's clock (Date) for this job
    nonce: str | None = None  # pins the OAuth 1 nonce


def run(jobs: list[Job], echo: EchoServer, timeout: float = 600) -> dict[str, list[Execution] | str]:
    """Run newman once per job (one node process for all); per job, its executions or a fatal error."""
    payload = [
        {
            "name": job.name,
            "collection": for_newman(job.collection),
            "environment": job.environment,
            "envVar": [{"key": k, "value": v} for k, v in job.variables.items()],
            "workingDir": str(job.working_dir),
            "clock": job.clock_ms,
            "nonce": job.nonce,
        }
        for job in jobs
    ]
    with tempfile.TemporaryDirectory(prefix="newman-") as tmp:
        jobs_file, results_file = Path(tmp) / "jobs.json", Path(tmp) / "results.json"
        jobs_file.write_text(json.dumps(payload), encoding="utf-8")
        env = {
            **os.environ,
            "CONFORMANCE_ECHO": echo.address,
            "NODE_OPTIONS": f"--require {HOOK}",
            "NODE_PATH": str(ROOT / "node_modules"),
        }
        subprocess.run(
            ["node", str(BATCH), str(jobs_file), str(results_file)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=timeout,
            capture_output=True,
        )
        raw = json.loads(results_file.read_text(encoding="utf-8"))
    out: dict[str, list[Execution] | str] = {}
    for name, value in raw.items():
        if isinstance(value, dict):
            out[name] = str(value.get("fatal"))
        else:
            out[name] = [Execution(e["item"], e["echo"], e["error"]) for e in value]
    return out
