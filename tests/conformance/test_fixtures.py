"""Every request of every fixture collection, sent by the generated SDK with no arguments, equals newman's."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance import referee
from conformance.echo import EchoServer

TARGETS = referee.fixture_targets()


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_sdk_sends_what_newman_sends(
    target: referee.Target,
    newman_fixture_runs: dict[str, list[tuple[str, object]]],
    echo: EchoServer,
    tmp_path: Path,
) -> None:
    plan = referee.plan(target)
    # newman ran against another echo server: replay its records as they are (they are plain data).
    report = referee.referee([plan], newman_fixture_runs, echo, tmp_path)[0]  # type: ignore[arg-type]
    assert report.fatal is None, report.summary()
    assert report.results, "no request was refereed"
    assert report.percent == 100.0, report.summary()


def test_fixtures_cover_both_versions() -> None:
    names = {t.name for t in TARGETS if not t.name.startswith("pcg-")}
    assert names, "no fixture collections"
    for name in names:
        twin = name[:-3] + ("v20" if name.endswith("v21") else "v21")
        assert twin in names, f"{name} has no {twin} twin"
