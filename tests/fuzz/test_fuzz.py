"""Fuzzing gen-client, a small run for the default suite (benchmarks/fuzz.py does 10,000 cases).

Every case ends in exit 0 with output that compiles, or exit 2 with a one-line error naming the file: drawn
from the project's own schemas with hypothesis-jsonschema, mutated from real collections, in-process (no
black: it is not the point here) and, for a few, through the real command with formatting.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from fuzz_cases import (
    check_cli,
    check_generate,
    corpus,
    mutate,
    mutated_bytes,
    mutated_inputs,
    schema_collections,
    schema_inputs,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import validate

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    database=None,
)
SMALL_CORPUS = tuple(corpus(max_bytes=60_000))


def run_in_process(data: bytes, name: str = "case.json") -> str:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / name
        path.write_bytes(data)
        return check_generate(path).outcome


@settings(FAST, max_examples=30)
@given(st.sampled_from(("2.0", "2.1")).flatmap(schema_collections), st.integers(0, 2**32 - 1))
def test_schema_drawn_collections_generate_or_fail_cleanly(document: dict[str, object], seed: int) -> None:
    """A drawn collection passes the project's validation and generates (exit 0); mutated further, it
    generates or is refused in one line."""
    version = "2.0" if "v2.0.0" in str(document["info"]) else "2.1"
    assert validate.validate(document, version) == []
    assert run_in_process(json.dumps(document).encode()) == "exit0"
    mutated = json.dumps(mutate(document, random.Random(seed))).encode("utf-8", "surrogatepass")
    run_in_process(mutated)


@pytest.mark.skipif(len(SMALL_CORPUS) < 2, reason="no collections to mutate")
@settings(FAST, max_examples=100)
@given(mutated_inputs(SMALL_CORPUS))
def test_mutated_real_collections_generate_or_fail_cleanly(data: bytes) -> None:
    run_in_process(data)


@settings(FAST, max_examples=5)
@given(schema_inputs())
def test_through_the_cli_with_formatting(data: bytes) -> None:
    work = Path(tempfile.mkdtemp())
    try:
        (work / "case.json").write_bytes(data)
        check_cli(work / "case.json", work / "out")
    finally:
        shutil.rmtree(work)


@pytest.mark.skipif(len(SMALL_CORPUS) < 2, reason="no collections to mutate")
@settings(FAST, max_examples=5)
@given(st.sampled_from(SMALL_CORPUS), st.integers(0, 2**32 - 1))
def test_mutations_through_the_cli(path: Path, seed: int) -> None:
    work = Path(tempfile.mkdtemp())
    try:
        (work / "case.json").write_bytes(mutated_bytes(path, seed))
        check_cli(work / "case.json", work / "out", "--no-format")
    finally:
        shutil.rmtree(work)


@pytest.mark.parametrize("path", SMALL_CORPUS, ids=[p.name for p in SMALL_CORPUS])
def test_every_corpus_file_as_it_is(path: Path) -> None:
    """Real collections, environments, v1 files and test fixtures: each generates or is refused cleanly."""
    check_generate(path)


def test_cases_are_reproducible() -> None:
    """A failing case is reported as (file, seed): the same pair gives the same bytes."""
    if not SMALL_CORPUS:
        pytest.skip("no corpus")
    path = SMALL_CORPUS[len(SMALL_CORPUS) // 2]
    assert mutated_bytes(path, 7) == mutated_bytes(path, 7)
