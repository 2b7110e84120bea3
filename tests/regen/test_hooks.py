"""The pre-commit hooks other repositories use, and this repo's CI check: one `gen-client --check` call."""

from __future__ import annotations

import re

from support import ROOT


def hooks() -> dict[str, dict[str, str]]:
    """The hooks of .pre-commit-hooks.yaml (a list of flat mappings; read without a YAML dependency)."""
    found: list[dict[str, str]] = []
    for line in (ROOT / ".pre-commit-hooks.yaml").read_text().splitlines():
        if line.startswith("- "):
            found.append({})
            line = "  " + line[2:]
        if line.startswith("  ") and ":" in line and found:
            key, value = line.strip().split(":", 1)
            found[-1][key] = value.strip()
    return {hook["id"]: hook for hook in found}


def test_pre_commit_hooks_run_the_check_once_per_commit() -> None:
    check = hooks()["gen-client-check"]
    assert check["entry"] == "gen-client --check" and check["pass_filenames"] == "false"
    assert check["language"] == "python" and hooks()["gen-client"]["entry"] == "gen-client"
    files = re.compile(check["files"])
    for path in (
        "apis/shop.postman_collection.json",
        "item.postman_item.json",
        "prod.postman_environment.json",
        "pyproject.toml",
        "sub/pyproject.toml",
    ):
        assert files.search(path), path
    for path in ("README.md", "src/app.py", "mypyproject.toml", "data.json"):
        assert not files.search(path), path


def test_ci_checks_the_committed_sdks_with_one_call() -> None:
    script = (ROOT / ".ci/run").read_text()
    assert "\ngen-client --check\n" in script and "for collection in" not in script
