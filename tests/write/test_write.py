"""Write stage: fresh writes, regeneration, user edits, check/diff modes and refused outputs."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.write import (
    MANIFEST_NAME,
    STATE_DIR,
    OutputError,
    WriteReport,
    indented_json,
    write_output,
)

MANIFEST = {"generator": "gen-client 0.1.0", "input_sha256": "0" * 64}
PYPROJECT = "pyproject.toml"
INIT_PY = "src/pkg/__init__.py"
CLIENT_PY = "src/pkg/_client.py"
USERS_PY = "src/pkg/resources/users.py"
TEST_PY = "tests/test_users.py"
CLIENT = b"""\
class Client:
    def one(self) -> int:
        return 1

    def two(self) -> int:
        return 2
"""


def sdk(changes: Mapping[str, bytes | None] | None = None) -> dict[str, bytes]:
    """A small generated SDK, with files replaced (bytes) or dropped (None) by `changes`."""
    files = {
        PYPROJECT: b'[project]\nname = "pkg"\n',
        INIT_PY: b"from pkg._client import Client\n",
        CLIENT_PY: CLIENT,
        USERS_PY: b"class Users:\n    pass\n",
        TEST_PY: b"def test_users() -> None:\n    pass\n",
    }
    for path, data in (changes or {}).items():
        if data is None:
            del files[path]
        else:
            files[path] = data
    return files


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root (state dir included) with its bytes and mtime."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def age(root: Path) -> None:
    """Push every mtime into the past, so a rewrite within the same clock tick still shows."""
    for p in root.rglob("*"):
        os.utime(p, ns=(1_000_000_000, 1_000_000_000), follow_symlinks=False)


def on_disk(root: Path) -> dict[str, bytes]:
    skip = (MANIFEST_NAME, STATE_DIR + "/")
    return {path: data for path, (data, _) in snapshot(root).items() if not path.startswith(skip)}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


def test_fresh_write_creates_every_file_and_the_manifest(out: Path) -> None:
    files = sdk()
    report = write_output(out, files, MANIFEST)
    assert report.added == tuple(sorted([MANIFEST_NAME, *files]))
    assert report.changed == report.removed == report.unchanged == report.merged == report.conflicts == ()
    assert not report.up_to_date
    assert on_disk(out) == files
    hashes = {p: hashlib.sha256(files[p]).hexdigest() for p in sorted(files)}
    expected = json.dumps(dict(MANIFEST, files=hashes), indent=2, sort_keys=True) + "\n"
    assert (out / MANIFEST_NAME).read_text() == expected
    objects = out / STATE_DIR / "objects"
    assert {p.name for p in objects.iterdir()} == set(hashes.values())
    assert sorted(p.name for p in (out / STATE_DIR).iterdir()) == ["objects"]  # no journal, no staging


def test_files_get_the_umask_mode_not_a_private_one(out: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_output(out, sdk(), MANIFEST)
    finally:
        os.umask(umask)
    assert {(out / p).stat().st_mode & 0o777 for p in [*sdk(), MANIFEST_NAME]} == {0o644}


def test_manifest_is_deterministic(tmp_path: Path) -> None:
    files = sdk()
    write_output(tmp_path / "a", files, {"b": 1, "a": [2, 3]})
    write_output(tmp_path / "b", dict(reversed(list(files.items()))), {"a": [2, 3], "b": 1})
    assert (tmp_path / "a" / MANIFEST_NAME).read_bytes() == (tmp_path / "b" / MANIFEST_NAME).read_bytes()


def test_second_identical_write_changes_nothing(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    age(out)
    before = snapshot(out)
    report = write_output(out, sdk(), MANIFEST)
    assert report.up_to_date
    assert report.unchanged == tuple(sorted([MANIFEST_NAME, *sdk()]))
    assert snapshot(out) == before


def test_changed_file_is_replaced_and_only_it(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    age(out)
    before = snapshot(out)
    report = write_output(out, sdk({USERS_PY: b"class Users:\n    active = True\n"}), MANIFEST)
    assert report.changed == (MANIFEST_NAME, "src/pkg/resources/users.py")
    assert not report.up_to_date
    after = snapshot(out)
    assert after["src/pkg/resources/users.py"][0] == b"class Users:\n    active = True\n"
    for path in sdk():
        if path != "src/pkg/resources/users.py":
            assert after[path] == before[path]


def test_stale_file_is_removed_with_its_empty_directory(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    report = write_output(out, sdk({USERS_PY: None}), MANIFEST)
    assert report.removed == ("src/pkg/resources/users.py",)
    assert not (out / "src/pkg/resources").exists()
    assert on_disk(out) == sdk({USERS_PY: None})
    assert len(list((out / STATE_DIR / "objects").iterdir())) == len(sdk({USERS_PY: None}))


def test_stale_file_removal_keeps_directory_holding_a_user_file(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/resources/mine.py").write_bytes(b"# mine\n")
    write_output(out, sdk({USERS_PY: None}), MANIFEST)
    assert not (out / "src/pkg/resources/users.py").exists()
    assert (out / "src/pkg/resources/mine.py").read_bytes() == b"# mine\n"


def test_user_added_files_survive(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "NOTES.md").write_bytes(b"notes\n")
    (out / "src/pkg/extra.py").write_bytes(b"EXTRA = 1\n")
    age(out)
    mtime = (out / "src/pkg/extra.py").stat().st_mtime_ns
    report = write_output(out, sdk({USERS_PY: None, PYPROJECT: b"changed\n"}), MANIFEST)
    assert "src/pkg/extra.py" not in report.removed + report.changed + report.unchanged
    assert (out / "NOTES.md").read_bytes() == b"notes\n"
    assert (out / "src/pkg/extra.py").read_bytes() == b"EXTRA = 1\n"
    assert (out / "src/pkg/extra.py").stat().st_mtime_ns == mtime


def test_new_generated_file_colliding_with_user_file_is_refused(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/extra.py").write_bytes(b"mine\n")
    before = snapshot(out)
    with pytest.raises(OutputError, match="src/pkg/extra.py"):
        write_output(out, sdk({"src/pkg/extra.py": b"generated\n"}), MANIFEST)
    assert snapshot(out) == before
    report = write_output(out, sdk({"src/pkg/extra.py": b"generated\n"}), MANIFEST, force=True)
    assert "src/pkg/extra.py" in report.changed
    assert (out / "src/pkg/extra.py").read_bytes() == b"generated\n"


def test_user_file_equal_to_the_generated_one_is_adopted(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/extra.py").write_bytes(b"same\n")
    report = write_output(out, sdk({"src/pkg/extra.py": b"same\n"}), MANIFEST)
    assert "src/pkg/extra.py" in report.unchanged
    assert "src/pkg/extra.py" in json.loads((out / MANIFEST_NAME).read_text())["files"]


def test_user_deleted_file_is_regenerated(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "tests/test_users.py").unlink()
    report = write_output(out, sdk(), MANIFEST)
    assert report.added == ("tests/test_users.py",)
    assert on_disk(out) == sdk()


def test_user_edit_survives_an_unrelated_change(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    edited = CLIENT + b"\n\ndef helper() -> None:\n    pass\n"
    (out / "src/pkg/_client.py").write_bytes(edited)
    report = write_output(out, sdk({USERS_PY: b"class Users:\n    active = True\n"}), MANIFEST)
    assert report.edited == ("src/pkg/_client.py",)
    assert (out / "src/pkg/_client.py").read_bytes() == edited
    assert report.up_to_date is False
    again = write_output(out, sdk({USERS_PY: b"class Users:\n    active = True\n"}), MANIFEST)
    assert again.up_to_date and not again.current and again.edited == ("src/pkg/_client.py",)


def test_user_edit_merges_with_a_change_elsewhere_in_the_same_file(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/_client.py").write_bytes(b'"""My client."""\n' + CLIENT)
    new_client = CLIENT.replace(b"return 2", b"return 22")
    report = write_output(out, sdk({CLIENT_PY: new_client}), MANIFEST)
    assert report.merged == ("src/pkg/_client.py",)
    assert report.conflicts == ()
    assert (out / "src/pkg/_client.py").read_bytes() == b'"""My client."""\n' + new_client
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["files"]["src/pkg/_client.py"] == hashlib.sha256(new_client).hexdigest()
    # The merged file is now the user's version of the new generated text: nothing more to do.
    assert write_output(out, sdk({CLIENT_PY: new_client}), MANIFEST).up_to_date
    newer = new_client.replace(b"return 1", b"return 11")
    assert write_output(out, sdk({CLIENT_PY: newer}), MANIFEST).merged == ("src/pkg/_client.py",)
    assert (out / "src/pkg/_client.py").read_bytes() == b'"""My client."""\n' + newer


def test_overlapping_edit_leaves_conflict_markers(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/_client.py").write_bytes(CLIENT.replace(b"return 2", b"return 3"))
    report = write_output(out, sdk({CLIENT_PY: CLIENT.replace(b"return 2", b"return 4")}), MANIFEST)
    assert report.conflicts == ("src/pkg/_client.py",)
    assert report.merged == ()
    text = (out / "src/pkg/_client.py").read_text()
    assert "<<<<<<< yours\n        return 3\n=======\n        return 4\n>>>>>>> generated\n" in text
    # Regenerating the same text again leaves the user to resolve the conflict.
    assert write_output(out, sdk({CLIENT_PY: CLIENT.replace(b"return 2", b"return 4")}), MANIFEST).up_to_date


def test_force_discards_user_edits(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/_client.py").write_bytes(b"# edited\n" + CLIENT)
    (out / "tests/test_users.py").write_bytes(b"# edited, no longer generated\n")
    report = write_output(out, sdk({USERS_PY: None, TEST_PY: None}), MANIFEST, force=True)
    assert report.changed == (MANIFEST_NAME, CLIENT_PY)
    assert report.removed == ("src/pkg/resources/users.py", "tests/test_users.py")
    assert on_disk(out) == sdk({USERS_PY: None, TEST_PY: None})


def test_edited_stale_file_is_kept_and_untracked(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "tests/test_users.py").write_bytes(b"# my test now\n")
    report = write_output(out, sdk({TEST_PY: None}), MANIFEST)
    assert report.kept == ("tests/test_users.py",)
    assert report.removed == ()
    assert (out / "tests/test_users.py").read_bytes() == b"# my test now\n"
    assert "tests/test_users.py" not in json.loads((out / MANIFEST_NAME).read_text())["files"]
    assert write_output(out, sdk({TEST_PY: None}), MANIFEST).up_to_date


def test_lost_state_dir_still_keeps_user_edits(out: Path) -> None:
    import shutil

    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/_client.py").write_bytes(CLIENT + b"# mine\n")
    shutil.rmtree(out / STATE_DIR)
    report = write_output(out, sdk({CLIENT_PY: b"# new header\n" + CLIENT}), MANIFEST)
    assert report.conflicts == ("src/pkg/_client.py",)  # without a base, both additions compete
    text = (out / "src/pkg/_client.py").read_bytes()
    assert b"# mine\n" in text and b"# new header\n" in text
    assert (out / STATE_DIR / "objects").is_dir()


def test_non_empty_dir_without_manifest_is_refused(out: Path) -> None:
    out.mkdir()
    (out / "README.md").write_bytes(b"someone else's\n")
    with pytest.raises(OutputError) as info:
        write_output(out, sdk(), MANIFEST)
    assert "\n" not in str(info.value) and MANIFEST_NAME in str(info.value)
    assert sorted(p.name for p in out.iterdir()) == ["README.md"]
    report = write_output(out, sdk(), MANIFEST, force=True)
    assert (out / "README.md").read_bytes() == b"someone else's\n"
    assert set(report.added) == {MANIFEST_NAME, *sdk()}


def test_missing_or_empty_dir_is_fine(out: Path) -> None:
    out.mkdir()
    assert write_output(out, sdk(), MANIFEST).added
    assert write_output(out / "deeper" / "still", sdk(), MANIFEST).added


def test_invalid_manifest_is_refused_unless_forced(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / MANIFEST_NAME).write_text('{"files": {"../escape": "x"}}')
    with pytest.raises(OutputError, match="not a valid gen-client manifest"):
        write_output(out, sdk(), MANIFEST)
    assert write_output(out, sdk(), MANIFEST, force=True).changed == (MANIFEST_NAME,)


def test_check_on_missing_dir_creates_nothing(out: Path) -> None:
    report = write_output(out, sdk(), MANIFEST, check=True, diff=True)
    assert not out.exists()
    assert not report.up_to_date and len(report.added) == len(sdk()) + 1
    assert "+++ b/src/pkg/_client.py" in report.diff


def test_check_writes_nothing_and_reports_each_kind_of_change(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    (out / "src/pkg/_client.py").write_bytes(b"# mine\n" + CLIENT)  # will merge
    (out / "src/pkg/__init__.py").write_bytes(b"# mine\n")  # will conflict
    age(out)
    before = snapshot(out)
    new = sdk(
        {
            CLIENT_PY: CLIENT.replace(b"return 2", b"return 22"),
            INIT_PY: b"from pkg._client import Client as Client\n",
            PYPROJECT: b'[project]\nname = "pkg2"\n',
            USERS_PY: None,
            "src/pkg/models.py": b"class Model:\n    pass\n",
        }
    )
    report = write_output(out, new, MANIFEST, check=True)
    assert snapshot(out) == before
    assert report == WriteReport(
        added=("src/pkg/models.py",),
        changed=(MANIFEST_NAME, "pyproject.toml"),
        removed=("src/pkg/resources/users.py",),
        unchanged=("tests/test_users.py",),
        merged=("src/pkg/_client.py",),
        conflicts=("src/pkg/__init__.py",),
    )
    assert not report.up_to_date
    assert write_output(out, new, MANIFEST) == report  # the real run does what check said


def test_check_of_an_up_to_date_tree(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    report = write_output(out, sdk(), MANIFEST, check=True, diff=True)
    assert report.up_to_date and report.diff == ""


def test_check_sees_a_manifest_only_change(out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    report = write_output(out, sdk(), dict(MANIFEST, generator="gen-client 0.2.0"), check=True)
    assert report.changed == (MANIFEST_NAME,) and not report.up_to_date


def test_diff_shows_every_change_in_path_order(out: Path) -> None:
    write_output(out, {"a.txt": b"one\ntwo\n", "b.txt": b"gone\n", "c.txt": b"same\n"}, {})
    new = {"a.txt": b"one\n2\n", "c.txt": b"same\n", "d.txt": b"new"}
    report = write_output(out, new, {}, check=True, diff=True)
    files_part = report.diff[report.diff.index("--- a/a.txt") :]
    assert files_part == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n"
        "--- a/b.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n"
        "--- /dev/null\n+++ b/d.txt\n@@ -0,0 +1 @@\n+new\n\\ No newline at end of file\n"
    )
    assert report.diff.startswith(f"--- a/{MANIFEST_NAME}\n+++ b/{MANIFEST_NAME}\n")
    assert write_output(out, new, {}, diff=True).diff == report.diff


def test_diff_of_binary_file(out: Path) -> None:
    report = write_output(out, {"logo.bin": b"\xff\x00"}, {}, check=True, diff=True)
    assert "Binary files /dev/null and b/logo.bin differ\n" in report.diff


@pytest.mark.parametrize(
    "path",
    [
        "../x",
        "a/../../x",
        "/etc/x",
        "a//b",
        "a/",
        "",
        "./a",
        "a\\b",
        "a\0b",
        "a\nb",
        MANIFEST_NAME,
        f"{STATE_DIR}/objects/x",
    ],
)
def test_hostile_paths_are_rejected(out: Path, path: str) -> None:
    with pytest.raises(OutputError):
        write_output(out, {path: b"x", "ok.py": b"ok\n"}, MANIFEST)
    assert not out.exists()


def test_file_and_directory_of_the_same_name_are_rejected(out: Path) -> None:
    with pytest.raises(OutputError, match="a/b"):
        write_output(out, {"a": b"x", "a/b": b"y"}, MANIFEST)


@pytest.mark.parametrize("link", ["src", "src/pkg/_client.py"])
def test_symlink_pointing_outside_is_rejected(tmp_path: Path, out: Path, link: str) -> None:
    write_output(out, sdk(), MANIFEST)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "_client.py").write_bytes(b"precious\n")
    target = out / link
    if target.is_dir():
        import shutil

        shutil.rmtree(target)
        (outside / "pkg").mkdir()
        (outside / "pkg" / "_client.py").write_bytes(b"precious\n")
        target.symlink_to(outside)
    else:
        target.unlink()
        target.symlink_to(outside / "_client.py")
    with pytest.raises(OutputError, match="outside"):
        write_output(out, sdk({CLIENT_PY: b"changed\n"}), MANIFEST)
    assert sorted(p.read_bytes() for p in outside.rglob("*.py")) == [b"precious\n"] * len(
        list(outside.rglob("*.py"))
    )


def test_stale_path_through_symlink_outside_is_not_removed(tmp_path: Path, out: Path) -> None:
    write_output(out, sdk(), MANIFEST)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "users.py").write_bytes(b"class Users:\n    pass\n")  # same bytes as the generated file
    import shutil

    shutil.rmtree(out / "src/pkg/resources")
    (out / "src/pkg/resources").symlink_to(outside)
    with pytest.raises(OutputError, match="outside"):
        write_output(out, sdk({USERS_PY: None}), MANIFEST)
    assert (outside / "users.py").exists()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    | st.dictionaries(st.integers(), inner, min_size=1, max_size=2),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_manifests_are_laid_out_as_json_lays_them_out(value: object) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, sort_keys=True)
