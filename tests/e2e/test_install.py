"""End to end on a clean venv: a wheel-installed gen-client generates the seed SDK, which installs,
passes its own tests, type-checks with `mypy --strict .` and passes `black --check .` in its own directory."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from support import ROOT, SEED

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_wheel_install_generates_an_sdk_that_installs_tests_and_typechecks(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run(*pip, ROOT)  # not editable: the templates must ship inside the wheel
    out = tmp_path / "sdk"
    result = run(env_dir / "bin" / "gen-client", SEED, "-o", out, cwd=tmp_path)
    assert "1 operations" in result.stdout and "8 tests" in result.stdout
    run(*pip, f"{out}[test]")
    tests = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=out)
    passed = int(tests.stdout.strip().splitlines()[-1].split(" passed")[0].split()[-1])
    assert passed >= 7
    # The commands a user types in the package after `pip install` (which leaves build/ behind there):
    # its own pyproject.toml carries the settings, none come from here.
    run(sys.executable, "-m", "mypy", "--strict", "--python-executable", python, ".", cwd=out)
    run(sys.executable, "-m", "black", "--check", "-q", ".", cwd=out)
