"""The whole corpus is opt-in: its tests run only when ``-m`` names the ``corpus`` marker."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "corpus" in (config.option.markexpr or ""):
        return
    opted_in = [item for item in items if item.get_closest_marker("corpus") is None]
    if len(opted_in) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("corpus")])
        items[:] = opted_in
