"""The second lane: a computation in a forked child gives what it gives in this process, errors included,
and output generated with lanes is the output generated without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from support import COLLECTIONS, SEED, collection, request_item

from generator import parallel
from generator.errors import InputError
from generator.parallel import Lane
from generator.pipeline import generate


@pytest.fixture
def needs_lanes() -> None:
    # Checked when the test runs: a server thread another test left behind in this worker turns lanes off.
    if not parallel.available():
        pytest.skip("no second lane here (one core, no fork, or another thread running)")


@pytest.mark.usefixtures("needs_lanes")
def test_the_child_computes_the_value() -> None:
    lane = Lane(lambda: (os.getpid(), {"big": "x" * 1_000_000}))
    pid, value = lane.result()
    assert pid != os.getpid()  # it ran in the child
    assert value == {"big": "x" * 1_000_000}


@pytest.mark.usefixtures("needs_lanes")
def test_an_exception_of_the_child_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("from the child")

    with pytest.raises(ValueError, match="from the child"):
        Lane(fails).result()


@pytest.mark.usefixtures("needs_lanes")
def test_an_exception_that_does_not_unpickle_is_computed_again_here() -> None:
    parent = os.getpid()

    def refuses() -> None:  # InputError takes three arguments: it pickles, but does not unpickle
        raise InputError("c.json", "/item/0", f"raised in {'the child' if os.getpid() != parent else 'here'}")

    with pytest.raises(InputError, match="raised in here"):
        Lane(refuses).result()


@pytest.mark.usefixtures("needs_lanes")
def test_a_child_that_dies_has_the_value_computed_here() -> None:
    parent = os.getpid()

    def dies_in_the_child() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "computed here"

    assert Lane(dies_in_the_child).result() == "computed here"


def test_without_lanes_the_call_runs_here_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_LANES, "1")
    ran: list[int] = []

    def call() -> str:
        ran.append(os.getpid())
        return "done"

    lane = Lane(call)
    assert ran == [os.getpid()]  # at once: the serial order of work
    assert lane.result() == "done"


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.available()
        assert Lane(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="lanes need Linux and two cores"
)
@pytest.mark.parametrize(
    "path", [SEED, COLLECTIONS / "petstore-lite.postman_collection.json"], ids=["seed", "petstore"]
)
def test_lanes_change_nothing_in_the_output(path: Path, tmp_path: Path) -> None:
    # The CLI in a fresh process (no other thread: lanes on), then with GEN_CLIENT_LANES=1.
    trees = {}
    for lanes in ("", "1"):
        out = tmp_path / f"lanes{lanes or 2}"
        env = {**os.environ, parallel.ENV_LANES: lanes}
        command = [sys.executable, "-m", "generator", str(path), "-o", str(out), "-q", "--no-cache"]
        subprocess.run(command, env=env, check=True)
        trees[lanes] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert trees[""] == trees["1"]
    assert any(p.name == "README.md" for p in trees[""])


@pytest.mark.parametrize("lanes", ["1", ""])
@pytest.mark.parametrize(
    ("item", "pointer"),
    [
        (request_item("x", method=7), "/item/0/request/method"),  # the parse takes it for a method "7"
        ({"name": "x", "request": 5}, "/item/0/request"),  # the parse fails on it with an AttributeError
    ],
)
def test_a_schema_problem_wins_over_what_the_parse_makes_of_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lanes: str, item: object, pointer: str
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(collection(item)))
    monkeypatch.setenv(parallel.ENV_LANES, lanes)
    with pytest.raises(InputError) as refused:
        generate(str(path))
    assert refused.value.pointer == pointer


@pytest.mark.usefixtures("needs_lanes")
def test_a_lane_left_by_a_failure_leaves_no_child_behind() -> None:
    with pytest.raises(RuntimeError), Lane(lambda: time.sleep(60)) as lane:
        child = lane._pid
        raise RuntimeError("this process fails before it takes the result")
    with pytest.raises(ProcessLookupError):  # killed and reaped, not a zombie
        os.kill(child, 0)
