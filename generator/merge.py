"""Three-way merge of file contents, line by line, so user edits survive a regeneration.

A diff3 on top of difflib: lines of the base that both sides kept unchanged anchor the merge; each
stretch between anchors is taken from whichever side changed it, or from either side when both made
the same change, and becomes a conflict when both changed it differently. Works on bytes, so any
encoding and any line ending passes through untouched.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

YOURS_MARKER = b"<<<<<<< yours\n"
SEPARATOR = b"=======\n"
GENERATED_MARKER = b">>>>>>> generated\n"

Lines = Sequence[bytes]


@dataclass(frozen=True)
class MergeResult:
    data: bytes
    conflicts: int  # conflict regions written with markers; 0 means a clean merge

    @property
    def clean(self) -> bool:
        return self.conflicts == 0


def merge3(base: bytes, yours: bytes, generated: bytes) -> MergeResult:
    """Merge `yours` (the user's file) and `generated` (the new output), both descended from `base`."""
    out: list[bytes] = []
    conflicts = 0
    for old, mine, new in _chunks(_lines(base), _lines(yours), _lines(generated)):
        if mine == new or new == old:
            out.extend(mine)
        elif mine == old:
            out.extend(new)
        else:
            conflicts += 1
            out.extend(_conflict(mine, new))
    return MergeResult(b"".join(out), conflicts)


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _matches(a: Lines, b: Lines) -> dict[int, int]:
    """Map each line index of `a` that a longest-match diff pairs with a line of `b` to that index."""
    # autojunk off: its heuristic drops frequent lines (blank lines, `)`) and would blur the anchors.
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return {i + n: j + n for i, j, size in matcher.get_matching_blocks() for n in range(size)}


def _chunks(base: Lines, yours: Lines, generated: Lines) -> Iterator[tuple[Lines, Lines, Lines]]:
    """Split the three texts into aligned stretches: anchors (one line equal in all) and what lies between."""
    in_yours = _matches(base, yours)
    in_generated = _matches(base, generated)
    i0 = j0 = k0 = 0
    for i in range(len(base)):
        if i not in in_yours or i not in in_generated:
            continue
        # Both maps grow with i (matching blocks are ordered), so the slices below are never negative.
        j, k = in_yours[i], in_generated[i]
        if (i0, j0, k0) != (i, j, k):
            yield base[i0:i], yours[j0:j], generated[k0:k]
        yield base[i : i + 1], yours[j : j + 1], generated[k : k + 1]
        i0, j0, k0 = i + 1, j + 1, k + 1
    yield base[i0:], yours[j0:], generated[k0:]


def _conflict(mine: Lines, new: Lines) -> list[bytes]:
    """Conflict markers around the lines that differ; lines both sides share at either end stay outside."""
    head = 0
    while head < min(len(mine), len(new)) and mine[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(mine), len(new)) - head and mine[-1 - tail] == new[-1 - tail]:
        tail += 1
    return [
        *mine[:head],
        YOURS_MARKER,
        *_terminated(mine[head : len(mine) - tail]),
        SEPARATOR,
        *_terminated(new[head : len(new) - tail]),
        GENERATED_MARKER,
        *mine[len(mine) - tail :],
    ]


def _terminated(lines: Lines) -> list[bytes]:
    """The lines with a line break after the last one, so a marker never joins a line without one."""
    if lines and not lines[-1].endswith((b"\n", b"\r")):
        return [*lines[:-1], lines[-1] + b"\n"]
    return list(lines)
