"""`--check`, `--diff`, `--json` and regeneration through the CLI: edits, user files, conflicts, stale."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from regen_support import Gen, tiny_api, tree

PETS = "src/tiny_api/resources/pets.py"
STORE = "src/tiny_api/resources/store.py"


def fresh(gen: Gen, write_api: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    source, out = write_api(), tmp_path / "out"
    result = gen(source, "-o", out)
    assert result.exit_code == 0, result.output
    return source, out


def test_check_is_0_on_fresh_output_and_writes_nothing(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    before = tree(out)
    result = gen(source, "-o", out, "--check")
    assert result.exit_code == 0, result.output
    assert "0 files would change" in result.output
    assert tree(out) == before


def test_check_is_1_after_an_edit_of_a_generated_file(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    (out / PETS).write_text((out / PETS).read_text() + "\n\n# my note\n")
    result = gen(source, "-o", out, "--check")
    assert result.exit_code == 1
    assert f"edited: {PETS}" in result.output
    summary = json.loads(gen(source, "-o", out, "--check", "--json").stdout)
    assert summary["edited"] == [PETS] and summary["up_to_date"] and not summary["current"]
    # A real regeneration keeps the edit and succeeds; the edit still makes --check fail.
    assert gen(source, "-o", out).exit_code == 0
    assert (out / PETS).read_text().endswith("# my note\n")
    assert gen(source, "-o", out, "--check").exit_code == 1


def test_check_is_1_after_a_collection_change_with_summary_diff_and_json(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    write_api(tiny_api(inventory_doc="Count the stock, by status."))
    before = tree(out)
    result = gen(source, "-o", out, "--check")
    assert result.exit_code == 1
    assert f"changed: {STORE}" in result.output and "would change" in result.output
    diff = gen(source, "-o", out, "--check", "--diff")
    assert diff.exit_code == 1
    assert f"--- a/{STORE}\n+++ b/{STORE}\n" in diff.stdout
    assert any(
        line.startswith("+") and "Count the stock, by status." in line for line in diff.stdout.split("\n")
    )
    summary = json.loads(gen(source, "-o", out, "--check", "--json").stdout)
    assert STORE in summary["changed"] and ".gen-client.json" in summary["changed"]
    assert summary["up_to_date"] is False and summary["current"] is False and summary["package"] == "tiny_api"
    assert tree(out) == before  # --check wrote nothing
    assert gen(source, "-o", out).exit_code == 0
    assert gen(source, "-o", out, "--check").exit_code == 0


def test_user_added_files_survive_and_do_not_fail_check(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    (out / "src/tiny_api/extra.py").write_text("EXTRA = 1\n")
    (out / "notes").mkdir()
    (out / "notes/todo.md").write_text("- ship it\n")
    assert gen(source, "-o", out, "--check").exit_code == 0
    write_api(tiny_api(store=False))  # a change that removes files around the user's
    assert gen(source, "-o", out).exit_code == 0
    assert (out / "src/tiny_api/extra.py").read_text() == "EXTRA = 1\n"
    assert (out / "notes/todo.md").read_text() == "- ship it\n"


def test_stale_files_are_removed(gen: Gen, write_api: Callable[..., Path], tmp_path: Path) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    assert (out / STORE).is_file() and (out / "tests/test_store.py").is_file()
    write_api(tiny_api(store=False))
    result = gen(source, "-o", out)
    assert result.exit_code == 0
    assert f"removed: {STORE}" in result.output
    assert not (out / STORE).exists() and not (out / "tests/test_store.py").exists()
    assert gen(source, "-o", out, "--check").exit_code == 0


def test_user_edit_survives_a_collection_change_elsewhere(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    helper = "\n\ndef my_helper() -> int:\n    return 42\n"
    (out / PETS).write_text((out / PETS).read_text() + helper)
    # Elsewhere in the same file (another operation's docstring) and in another file.
    document = tiny_api(inventory_doc="Count the stock, by status.")
    document["item"][0]["item"][1]["request"]["description"] = "One pet, by id."  # type: ignore[index]
    write_api(document)
    result = gen(source, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"merged: {PETS}" in result.output and f"changed: {STORE}" in result.output
    text = (out / PETS).read_text()
    assert text.endswith(helper) and "One pet, by id." in text
    # Without the edit, the file is exactly what a fresh generation gives.
    clean = tmp_path / "clean"
    assert gen(source, "-o", clean).exit_code == 0
    assert text == (clean / PETS).read_text() + helper


def test_conflicting_edit_is_reported_and_force_discards_it(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    text = (out / PETS).read_text()
    assert text.count("List every pet.") == 1
    (out / PETS).write_text(text.replace("List every pet.", "List the pets I own."))
    write_api(tiny_api(list_doc="List all pets of the store."))
    result = gen(source, "-o", out)
    assert result.exit_code == 1
    assert f"conflicts: {PETS}" in result.output
    merged = (out / PETS).read_text()
    assert (
        "<<<<<<< yours\n" in merged
        and "List the pets I own." in merged
        and "List all pets of the store." in merged
    )
    summary = json.loads(gen(source, "-o", out, "--check", "--json").stdout)
    assert summary["edited"] == [PETS]  # markers left for the user: still not what gen-client makes
    forced = gen(source, "-o", out, "--force")
    assert forced.exit_code == 0
    clean = tmp_path / "clean"
    assert gen(source, "-o", clean).exit_code == 0
    assert (out / PETS).read_text() == (clean / PETS).read_text()
    assert gen(source, "-o", out, "--check").exit_code == 0
