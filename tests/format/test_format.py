"""The format stage: formatting in pieces (and in workers) gives black's bytes for the whole file."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import black
import pytest
from support import ROOT

from generator import format as fmt
from generator import load
from generator.examples import apply_types
from generator.parse import parse
from generator.render import render

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402


def whole(text: str) -> str:
    return black.format_str(text, mode=fmt.black_mode())


def rendered(path: Path) -> dict[str, str]:
    return render(apply_types(parse(load.load(str(path)))))


@pytest.fixture(scope="module")
def synthetic_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = synthetic.write(25, tmp_path_factory.mktemp("synthetic") / "synthetic.json")
    return rendered(path)


@pytest.mark.parametrize("size", [40, 400])
def test_pieces_give_the_bytes_black_gives_the_whole_file(synthetic_texts: dict[str, str], size: int) -> None:
    for path, text in synthetic_texts.items():
        if not path.endswith(".py"):
            continue
        parts = fmt.pieces(text, size)
        assert "".join(parts).replace("\n", "") == text.replace("\n", "")
        joined = "\n\n".join(whole(part) for part in parts)
        assert joined == whole(text), path


def test_format_files_equals_black_per_file_in_series_and_in_workers(synthetic_texts: dict[str, str]) -> None:
    expected = {p: whole(t) if p.endswith(".py") else t for p, t in synthetic_texts.items()}
    assert fmt.format_files(synthetic_texts) == expected
    with ThreadPoolExecutor(2) as pool:
        assert fmt.format_files(synthetic_texts, executor=pool) == expected


def test_no_cut_inside_a_string() -> None:
    doc = '"""Module.\n\nclass NotCode:\n"""\n'
    body = "".join(
        f"\n\nclass C{i}:\n    '''Doc.\n\ndef inside_a_docstring():\n    '''\n    x = {i}\n" for i in range(5)
    )
    text = doc + "\nimport os\n" + body
    parts = fmt.pieces(text, 1)
    assert len(parts) == 6
    assert all(part.count("'''") % 2 == 0 for part in parts)
    assert "\n\n".join(whole(p) for p in parts) == whole(text)


def test_a_misplaced_cut_falls_back_to_the_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt, "PIECE_LINES", 1)
    text = "import os\nx = '''\n'''\ny = \"'''\"\n\n\nclass A:\n    '''Doc\n\n\nclass B:\n    '''\n"
    assert fmt.format_files({"m.py": text}) == {"m.py": whole(text)}


def test_the_whitespace_black_touches_is_every_space_but_blank_and_newline() -> None:
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    touched = {c for c in every if fmt._TOUCHED_CHARACTER.fullmatch(c)}
    assert touched == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()} - {" ", "\n"}
    assert set(fmt._TOUCHED_ASCII) == {c for c in touched if c.isascii()}  # the check of ASCII text
    for character in touched:  # ASCII text or not, each one makes a piece not plainly formatted
        assert not fmt.plainly_formatted(f"x = 1{character}\n")
        assert not fmt.plainly_formatted(f"x = 'é'{character}\n")
    assert not fmt.plainly_formatted("x = 1\t\n") and not fmt.plainly_formatted("x = 1 ")
    assert not fmt.plainly_formatted('x = """a \nb"""\n')  # black keeps it, but it is not plainly so
