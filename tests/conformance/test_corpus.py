"""Opt-in (``-m corpus``): every vendor collection in ../shared/collections/real, refereed by newman.

Each collection's SDK must send what newman sends for >= 99% of its requests (differences kept on purpose
count as conforming; they are listed in the README). ``benchmarks/conformance_report.py`` prints the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance import referee

TARGETS = referee.corpus_targets() if referee.REAL.is_dir() else []


@pytest.mark.corpus
@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_vendor_collection_conforms(target: referee.Target, newman_available: None, tmp_path: Path) -> None:
    report = referee.run_all([target], tmp_path)[0]
    print(report.summary(verbose=False))
    assert report.fatal is None, report.summary(verbose=False)
    assert report.percent >= 99.0, report.summary(verbose=False)
