"""Format stage: black over every generated Python file, in parallel for large SDKs.

black formats a module one top-level statement after another: the only state that crosses from one
top-level ``class``/``def`` to the next is the blank lines before it, always two there. So a big module is
cut before such statements into pieces of a few hundred lines, black formats every piece (in worker
processes when there is enough work for them), and the pieces are joined with two blank lines; the bytes
are the ones black gives for the whole file (``tests/format`` checks this on whole SDKs).

Most of a large SDK is emitted in black's style already (``layout.py``): in those files, a piece that is
plainly formatted (no line over the length, no whitespace black would touch) is kept as it is, and only
the other pieces go to black. ``tests/format`` checks on whole SDKs, real and hostile, that this gives
black's bytes.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING

from generator.cache import Cache
from generator.cache import key as cache_key

if TYPE_CHECKING:
    from concurrent.futures import Executor, ProcessPoolExecutor

    import black

LINE_LENGTH = 110
# Below this many lines of Python in all, starting worker processes costs more than it saves.
PARALLEL_LINES = 6_000
# Pieces are cut at the first top-level statement after this many lines (black's cost is per line).
PIECE_LINES = 400
# A collection this big (in bytes) gives enough Python to format in workers.
POOL_INPUT_BYTES = 200_000
_STARTS = ("class ", "def ", "async def ", "@")
# Whitespace black rewrites: trailing spaces, and any but space and newline (tabs, form feeds, and the
# line breaks that str.splitlines sees in a docstring): every character for which str.isspace() holds but
# those two, spelt out, which scans three times as fast as r"[^\S \n]".
_TOUCHED_CHARACTER = re.compile(
    "[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_TOUCHED_ASCII = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
# Long lines black cannot shorten: a docstring's first line, or a lone string (a split has put it there).
_UNSPLITTABLE = re.compile(rb' *"""| *"[^"\\]*",?$')
# A line longer than the line length, in UTF-8 bytes (at least black's width of the line); the common case
# is that there is none.
_LONG_LINE = re.compile(rb"^[^\n]{%d,}$" % (LINE_LENGTH + 1), re.MULTILINE)


class FormatError(Exception):
    """black refused generated code: a generator bug, reported with the file name."""


@functools.cache
def black_mode() -> black.Mode:
    """black's mode for generated code. black is imported here, on first use: most runs of a built-in
    template set never need it (the text is emitted in its style), and importing it costs ~50 ms."""
    import black
    from black.mode import TargetVersion

    return black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY310})


def format_source(path: str, text: str) -> str:
    import black
    from black.parsing import InvalidInput

    try:
        return black.format_str(text, mode=black_mode())
    except InvalidInput as exc:
        raise FormatError(f"{path}: generated code does not parse: {exc}") from None


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut before top-level ``class``/``def``/decorator lines that follow a blank line, outside
    any triple-quoted string, after the imports, into pieces of at least ``size`` lines."""
    size = size or PIECE_LINES
    lines = text.split("\n")
    cuts = [0]
    quotes = 0
    imported = False
    for index, line in enumerate(lines):
        if (
            imported
            and quotes % 2 == 0
            and index - cuts[-1] >= size
            and line.startswith(_STARTS)
            and not lines[index - 1].strip()
        ):
            cuts.append(index)
        quotes += line.count('"""') + line.count("'''")
        imported = imported or line.startswith(("import ", "from "))
    cuts.append(len(lines))
    spans = zip(cuts, cuts[1:], strict=False)
    return ["\n".join(lines[start:end]).strip("\n") + "\n" for start, end in spans if start < end]


def _format_piece(item: tuple[str, int, str]) -> tuple[str, int, str | None]:
    """One piece formatted; None when it does not parse alone (a cut the quote count misplaced), and then
    its whole file is formatted in one go."""
    import black
    from black.parsing import InvalidInput

    path, index, text = item
    try:
        return path, index, black.format_str(text, mode=black_mode())
    except InvalidInput:
        return path, index, None


def plainly_formatted(piece: str) -> bool:
    """Text black leaves alone if it was emitted in black's style: no whitespace black would touch, and
    every line of code within the length (in UTF-8 bytes: at least black's width of any character). Lines of
    a docstring, and a string alone on its line, may be longer: black does not wrap text, and
    ``layout.docstring_block`` places the closing quotes by black's rule."""
    if piece.isascii():  # the ASCII ones among them, each found by a plain search
        if any(character in piece for character in _TOUCHED_ASCII):
            return False
    elif _TOUCHED_CHARACTER.search(piece):
        return False
    if " \n" in piece or piece.endswith(" "):
        return False
    data = piece.encode("utf-8", "surrogatepass")
    quotes, counted = 0, 0  # triple quotes before the long line at hand: odd inside a string
    for long_line in _LONG_LINE.finditer(data):
        quotes += data.count(b'"""', counted, long_line.start())
        counted = long_line.start()
        if quotes % 2 == 0 and not _UNSPLITTABLE.match(long_line.group()):
            return False
    return True


def _work(files: Mapping[str, str], black_style: Collection[str]) -> Iterator[tuple[str, int, str, bool]]:
    """Every piece of every ``.py`` file, and whether black must format it."""
    for path, text in files.items():
        if not path.endswith(".py"):
            continue
        styled = path in black_style
        if styled and plainly_formatted(text):  # kept whole: no need to cut it
            yield path, 0, text, False
            continue
        for index, piece in enumerate(pieces(text, 1 if styled else None)):
            yield path, index, piece, not (styled and plainly_formatted(piece))


@functools.cache
def _formatter() -> str:
    """What black's output depends on besides its input: its version and the mode."""
    import importlib.metadata

    return f"black {importlib.metadata.version('black')} {black_mode().get_cache_key()}"


def _piece_key(text: str) -> str:
    return cache_key(_formatter(), text)


def _from_cache(
    work: list[tuple[str, int, str]], cache: Cache | None
) -> tuple[list[tuple[str, int, str]], list[tuple[str, int, str | None]]]:
    """The pieces still to format, and the ones the cache holds black's output of."""
    if cache is None:
        return work, []
    todo: list[tuple[str, int, str]] = []
    done: list[tuple[str, int, str | None]] = []
    for path, index, text in work:
        hit = cache.get(_piece_key(text))
        if hit is None:
            todo.append((path, index, text))
        else:
            done.append((path, index, hit))
    return todo, done


def format_files(
    files: Mapping[str, str],
    *,
    black_style: Collection[str] = (),
    executor: Executor | None = None,
    cache: Cache | None = None,
) -> dict[str, str]:
    """Every ``.py`` file black-formatted; other files unchanged. Files in ``black_style`` were emitted in
    black's style: only their pieces that are not plainly so go to black. The order of the mapping is
    kept. ``executor`` runs the pieces when given; else a process pool is started for large outputs.
    ``cache`` holds black's output of pieces seen before."""
    every = list(_work(files, black_style))
    kept: list[tuple[str, int, str | None]] = [(p, i, text) for p, i, text, black in every if not black]
    work = [(p, i, text) for p, i, text, black in every if black]
    work.sort(key=lambda item: -item[2].count("\n"))  # longest first: even loads
    work, cached = _from_cache(work, cache)
    lines = sum(item[2].count("\n") for item in work)
    if executor is not None:
        done = list(executor.map(_format_piece, work))
    elif lines >= PARALLEL_LINES and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor  # multiprocessing: imported when needed

        with ProcessPoolExecutor(max_workers=workers()) as pool:
            done = list(pool.map(_format_piece, work))
    else:
        done = list(map(_format_piece, work))
    if cache is not None:
        for (_, _, source), (_, _, result) in zip(work, done, strict=True):
            if result is not None:
                cache.put(_piece_key(source), result)
    done += cached + kept
    formatted: dict[str, list[str | None]] = {}
    for path, _, text in sorted(done, key=lambda item: (item[0], item[1])):
        formatted.setdefault(path, []).append(text)
    out: dict[str, str] = {}
    for path, text in files.items():
        parts = formatted.get(path)
        if parts is None:
            out[path] = text
        elif len(parts) == 1 or None in parts:
            out[path] = parts[0] if len(parts) == 1 and parts[0] is not None else format_source(path, text)
        else:
            out[path] = "\n\n".join(p for p in parts if p is not None)
    return out


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def format_pool(path: str) -> ProcessPoolExecutor | None:
    """Workers for formatting the SDK of the collection at ``path`` when it is big enough to need them,
    started now: before the collection is loaded, so they fork from a small process and stay small."""
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    if size < POOL_INPUT_BYTES or workers() < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers())
    pool.submit(int).result()
    return pool
