"""Tests for ``client.pets``: every saved request and example of "Pets"."""

from __future__ import annotations

import pytest
from _harness import Case, load, run_async, run_sync

CASES = load("pets")
IDS = [str(case["id"]) for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_sync(case: Case) -> None:
    run_sync(case)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_async(case: Case) -> None:
    run_async(case)
