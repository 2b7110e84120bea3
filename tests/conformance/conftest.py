"""Conformance fixtures: newman runs once per collection, shared by the pytest-xdist workers through a
lock."""

from __future__ import annotations

import fcntl
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance import newman_run, referee
from conformance.echo import EchoServer


@pytest.fixture(scope="session")
def newman_available() -> None:
    reason = newman_run.unavailable()
    if reason:
        pytest.skip(reason)


# Per module, not per session: its thread ends with the module, so no later test finds a thread running
# (where ``parallel.Lane`` rightly refuses to fork, and tests/unit/test_parallel.py would only skip).
@pytest.fixture(scope="module")
def echo() -> Iterator[EchoServer]:
    with EchoServer() as server:
        yield server


def _shared_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if worker_id != "master" else base


@pytest.fixture(scope="session")
def newman_fixture_runs(
    newman_available: None, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> dict[str, list[tuple[str, object]]]:
    """newman's request for every item of every fixture collection: one node process for the whole session,
    whichever worker gets here first; the others read its results."""
    shared = _shared_dir(tmp_path_factory, worker_id)
    results = shared / "newman-fixtures.pickle"
    with open(shared / "newman-fixtures.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not results.exists():
            plans = [referee.plan(t) for t in referee.fixture_targets()]
            with EchoServer() as server:
                runs = referee.run_newman(plans, server)
            results.write_bytes(pickle.dumps(runs))
    return pickle.loads(results.read_bytes())  # type: ignore[no-any-return]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The vendor corpus takes minutes: it runs only when asked for (``-m corpus``)."""
    if "corpus" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="the vendor corpus is opt-in: run with -m corpus")
    for item in items:
        if item.get_closest_marker("corpus") is not None:  # the marker, not a directory named "corpus"
            item.add_marker(skip)


def pytest_report_header() -> str:
    return json.dumps({"newman": newman_run.unavailable() or "available"})
