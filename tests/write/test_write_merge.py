"""Three-way merge: clean merges keep both sides' changes, overlapping changes get conflict markers."""

from __future__ import annotations

import pytest

from generator.merge import merge3

BASE = b"one\ntwo\nthree\nfour\nfive\n"


def test_only_generated_changed_takes_generated() -> None:
    new = b"one\nTWO\nthree\nfour\nfive\n"
    assert merge3(BASE, BASE, new).data == new


def test_only_user_changed_keeps_user() -> None:
    mine = b"one\ntwo\nthree\nfour\nFIVE\n"
    assert merge3(BASE, mine, BASE).data == mine


def test_changes_in_different_places_both_kept() -> None:
    mine = b"zero\none\ntwo\nthree\nfour\nfive\n"
    new = b"one\ntwo\nthree\nFOUR\nfive\nsix\n"
    result = merge3(BASE, mine, new)
    assert result.clean
    assert result.data == b"zero\none\ntwo\nthree\nFOUR\nfive\nsix\n"


def test_same_change_on_both_sides_is_clean() -> None:
    both = b"one\ntwo\n3\nfour\nfive\n"
    result = merge3(BASE, both, both)
    assert (result.data, result.conflicts) == (both, 0)


def test_overlapping_changes_conflict_with_markers() -> None:
    result = merge3(BASE, b"one\ntwo\nmine\nfour\nfive\n", b"one\ntwo\ntheirs\nfour\nfive\n")
    assert result.conflicts == 1
    assert result.data == (b"one\ntwo\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> generated\nfour\nfive\n")


def test_conflict_keeps_shared_edge_lines_outside_the_markers() -> None:
    result = merge3(b"a\nb\n", b"x\nmine\ny\n", b"x\ntheirs\ny\n")
    assert result.data == b"x\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> generated\ny\n"


def test_conflict_at_end_without_newline_keeps_markers_on_their_own_lines() -> None:
    result = merge3(b"a\nb", b"a\nmine", b"a\ntheirs")
    assert result.data == b"a\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> generated\n"


def test_two_separate_conflicts_are_counted() -> None:
    mine = b"1\ntwo\nthree\nfour\n5\n"
    new = b"I\ntwo\nthree\nfour\nV\n"
    assert merge3(BASE, mine, new).conflicts == 2


def test_empty_base_merges_what_both_sides_share() -> None:
    result = merge3(b"", b"same\nmine\nend\n", b"same\ntheirs\nend\n")
    assert result.data == b"same\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> generated\nend\n"


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_line_endings_pass_through(ending: bytes) -> None:
    base = ending.join([b"a", b"b", b"c", b""])
    mine = ending.join([b"A", b"b", b"c", b""])
    new = ending.join([b"a", b"b", b"C", b""])
    assert merge3(base, mine, new).data == ending.join([b"A", b"b", b"C", b""])


def test_deletion_against_untouched_side_is_clean() -> None:
    assert merge3(BASE, b"one\nfive\n", BASE).data == b"one\nfive\n"
    assert merge3(BASE, BASE, b"one\nfive\n").data == b"one\nfive\n"


def test_insertions_at_the_same_place_conflict() -> None:
    result = merge3(b"a\nz\n", b"a\nmine\nz\n", b"a\ntheirs\nz\n")
    assert result.conflicts == 1
