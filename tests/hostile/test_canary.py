"""No string from a collection ever runs: payloads in every position, then generate, import and test the SDK.

Every payload would create the canary file if any stage treated it as Python (``exec``, an f-string, a
template expression), as Jinja, as a format string or as a shell line. The collection holds them in every
kind of name and string (collection, folders, requests, descriptions, variables, headers, query, path,
bodies of every mode, auth, examples, scripts), and the environment file and ``--var`` hold them too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_kit import (
    CANARY,
    compile_all,
    gen_client,
    hostile_collection,
    import_sdk,
    package_of,
    payloads,
    run_sdk_tests,
    tail,
)


def no_canary(*roots: Path) -> None:
    """No canary in the roots, nor (for the ``../../CANARY`` payloads) in the two dirs above each."""
    for root in roots:
        found = [p for p in root.rglob(f"*{CANARY}*") if p.is_file() and p.stat().st_size == 0]
        found += [d / CANARY for d in (root.parent, root.parent.parent) if (d / CANARY).exists()]
        assert not found, f"a payload ran: {found}"


@pytest.fixture(scope="module")
def hostile_sdk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The SDK generated (formatted, as users get it) from a collection of payloads; (workdir, out)."""
    work = tmp_path_factory.mktemp("canary")
    strings = payloads(work / CANARY)
    (work / "hostile.json").write_text(json.dumps(hostile_collection(strings)), encoding="utf-8")
    env = {"name": strings[1], "values": [{"key": s, "value": s, "enabled": True} for s in strings]}
    (work / "env.json").write_text(json.dumps(env), encoding="utf-8")
    result = gen_client(
        "hostile.json", "-o", "out", "--env", "env.json", "--var", f"{strings[0]}={strings[2]}", cwd=work
    )
    assert result.returncode == 0, tail(result)
    no_canary(work)
    return work, work / "out"


def test_generation_runs_no_payload_and_warns_about_scripts(hostile_sdk: tuple[Path, Path]) -> None:
    work, out = hostile_sdk
    manifest = json.loads((out / ".gen-client.json").read_text(encoding="utf-8"))
    messages = [w["message"] for w in manifest["warnings"]]
    assert any("script not run" in m for m in messages)
    assert any("unknown body mode" in m for m in messages)
    assert any("not supported" in m for m in messages)  # the payload auth type
    assert compile_all(out) > 10
    no_canary(work)


def test_every_file_stays_inside_the_output_dir(hostile_sdk: tuple[Path, Path]) -> None:
    work, out = hostile_sdk
    outside = sorted(p.name for p in work.iterdir())
    assert outside == ["env.json", "hostile.json", "out"]
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()), path
        assert not path.is_symlink(), path


def test_pyproject_says_only_what_gen_client_writes(hostile_sdk: tuple[Path, Path]) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    _, out = hostile_sdk
    pyproject = tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["build-system"] == {
        "requires": ["setuptools>=68"],
        "build-backend": "setuptools.build_meta",
    }
    assert pyproject["project"]["dependencies"] == ["httpx>=0.27,<1"]
    assert set(pyproject) == {"build-system", "project", "tool"}
    assert pyproject["project"]["name"].replace("-", "_") == package_of(out)


def test_importing_the_sdk_runs_no_payload(hostile_sdk: tuple[Path, Path]) -> None:
    work, out = hostile_sdk
    result = import_sdk(out, work)
    assert result.returncode == 0, tail(result)
    no_canary(work)


def test_generated_tests_pass_and_run_no_payload(hostile_sdk: tuple[Path, Path]) -> None:
    work, out = hostile_sdk
    result = run_sdk_tests(out, work)
    assert result.returncode == 0, tail(result)
    assert " passed" in result.stdout
    no_canary(work, Path.cwd())
