"""Format stage: black over every generated Python file (in parallel for large SDKs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

LINE_LENGTH = 110
_MODE = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY310})
# Below this much Python, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 400_000


class FormatError(Exception):
    """black refused generated code: a generator bug, reported with the file name."""


def format_source(path: str, text: str) -> str:
    try:
        return black.format_str(text, mode=_MODE)
    except InvalidInput as exc:
        raise FormatError(f"{path}: generated code does not parse: {exc}") from None


def _format_item(item: tuple[str, str]) -> tuple[str, str]:
    return item[0], format_source(*item)


def format_files(files: Mapping[str, str]) -> dict[str, str]:
    """Every ``.py`` file black-formatted; other files unchanged. Order of the mapping is kept."""
    python = [(path, text) for path, text in files.items() if path.endswith(".py")]
    size = sum(len(text) for _, text in python)
    workers = min(os.cpu_count() or 1, 8)
    if size < _PARALLEL_THRESHOLD or workers < 2:
        formatted = dict(map(_format_item, python))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            formatted = dict(pool.map(_format_item, python, chunksize=8))
    return {path: formatted.get(path, text) for path, text in files.items()}
