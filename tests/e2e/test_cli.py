"""The CLI as a user sees it: summaries, exit codes, one-line errors and nothing written on failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import COLLECTIONS, SEED, collection, request_item


def gen(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_generates_with_summary_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = gen(SEED, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "create_volume_group_backup" in result.stdout and "1 operations" in result.stdout
    manifest = json.loads((out / ".gen-client.json").read_text())
    assert manifest["operations"] == [
        {
            "source": "",
            "name": "CreateVolumeGroupBackup",
            "method": "POST",
            "python": "volume_group_backups.create_volume_group_backup",
        }
    ]
    assert len(manifest["input"]["sha256"]) == 64
    assert manifest["files"]["src/create_volume_group_backup/_client.py"]


def test_default_output_dir_and_package_name(tmp_path: Path) -> None:
    result = gen(
        COLLECTIONS / "petstore-lite.postman_collection.json", "--package-name", "pets sdk", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "generated" / "pets_sdk" / "src" / "pets_sdk" / "__init__.py").is_file()


def test_check_reports_out_of_date_then_current(tmp_path: Path) -> None:
    source = tmp_path / "item.json"
    source.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert gen(source, "-o", out, "--check").returncode == 1
    assert not out.exists()
    assert gen(source, "-o", out).returncode == 0
    assert gen(source, "-o", out, "--check").returncode == 0
    item = json.loads(source.read_text())
    item["request"]["description"] = "Changed upstream."
    source.write_text(json.dumps(item))
    result = gen(source, "-o", out, "--check", "--diff")
    assert result.returncode == 1 and "Changed upstream." in result.stdout
    assert gen(source, "-o", out).returncode == 0
    assert gen(source, "-o", out, "--check").returncode == 0


def test_json_summary(tmp_path: Path) -> None:
    result = gen(SEED, "-o", tmp_path / "out", "--json")
    summary = json.loads(result.stdout)
    assert (
        summary["operations"] == 1
        and summary["tests"] == 8
        and summary["package"] == "create_volume_group_backup"
    )


@pytest.mark.parametrize(
    ("document", "pointer", "words"),
    [
        ("{oops", "", "not valid JSON"),
        (json.dumps(collection(request_item("x", url=42))), "/item/0/request/url", ""),
        (json.dumps(collection(request_item("x", method={"a": 1}))), "/item/0/request/method", ""),
        (
            json.dumps(
                {
                    "info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/"},
                    "item": 5,
                }
            ),
            "/item",
            "",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    tmp_path: Path, document: str, pointer: str, words: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(document)
    out = tmp_path / "out"
    result = gen(source, "-o", out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert str(source) in lines[0] and f"{source}:{pointer}" in lines[0] or not pointer
    assert words in lines[0]
    assert not out.exists()


def test_refuses_non_empty_dir_without_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("user file")
    result = gen(SEED, "-o", out)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert gen(SEED, "-o", out, "--force").returncode == 0
    assert (out / "mine.txt").read_text() == "user file"


def test_help_lists_every_option() -> None:
    result = gen("--help")
    for option in (
        "--out",
        "--package-name",
        "--env",
        "--var",
        "--templates",
        "--check",
        "--diff",
        "--force",
    ):
        assert option in result.stdout
