"""Runs with nothing to do: the same inputs into an output that is still what they generate skip the
generation, and say what a generation would have said; any other input or output generates."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from regen_support import Gen, tiny_api, tree

from generator import memo, pipeline

PETS = "src/tiny_api/resources/pets.py"


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The collections the pipeline generated from, in order (the CLI imports it on use)."""
    calls: list[str] = []
    real = pipeline.generate

    def counted(path: str, **options: object) -> pipeline.Generated:
        calls.append(path)
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "generate", counted)
    yield calls


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GEN_CLIENT_CACHE_DIR", str(cache))
    return cache


def fresh(gen: Gen, write_api: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    source, out = write_api(), tmp_path / "out"
    assert gen(source, "-o", out).exit_code == 0
    return source, out


@pytest.mark.usefixtures("own_cache")
def test_the_same_run_again_skips_generation_and_reports_what_a_generation_would(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path, generations: list[str]
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    before = tree(out)
    skipped = gen(source, "-o", out, "--json")
    check = gen(source, "-o", out, "--check")
    assert len(generations) == 1  # the first run only
    assert skipped.exit_code == 0 and check.exit_code == 0 and tree(out) == before
    assert "0 files would change" in check.output
    generated = gen(source, "-o", out, "--json", "--no-cache")  # the same run, generating
    assert len(generations) == 2
    assert json.loads(skipped.stdout) == json.loads(generated.stdout)


@pytest.mark.usefixtures("own_cache")
@pytest.mark.parametrize(
    "change",
    [
        "collection",
        "variable",
        "package name",
        "rename",
        "no format",
        "edit",
        "deleted file",
        "manifest",
        "deleted merge base",
        "interrupted write",
    ],
)
def test_any_change_of_input_or_output_generates(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path, generations: list[str], change: str
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    args: list[str | Path] = [source, "-o", out]
    if change == "collection":
        write_api(tiny_api(list_doc="List every pet, changed."))
    elif change == "variable":
        args += ["--var", "baseUrl=https://other.example.test"]
    elif change == "package name":
        args += ["--package-name", "tiny_api", "--force"]
    elif change == "rename":
        config = tmp_path / "pyproject.toml"
        config.write_text('[tool.gen-client.rename]\n"pets.list_pets" = "all_pets"\n')
        args += ["--config", config]
    elif change == "no format":
        args += ["--no-format"]
    elif change == "edit":
        (out / PETS).write_text((out / PETS).read_text() + "\n# mine\n")
    elif change == "deleted file":
        (out / PETS).unlink()
    elif change == "deleted merge base":
        for base in (out / ".gen-client" / "objects").iterdir():
            base.unlink()
    elif change == "interrupted write":
        (out / ".gen-client" / "pending.json").write_text("{}")
    else:
        manifest = out / ".gen-client.json"
        manifest.write_text(manifest.read_text().replace('"operations"', '"operations" ', 1))
    assert gen(*args).exit_code in (0, 1)
    assert len(generations) == 2
    if change == "deleted file":
        assert (out / PETS).exists()  # generated again
    if change == "deleted merge base":
        assert any((out / ".gen-client" / "objects").iterdir())  # stored again


@pytest.mark.usefixtures("own_cache")
def test_a_changed_generator_generates(
    gen: Gen,
    write_api: Callable[..., Path],
    tmp_path: Path,
    generations: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    monkeypatch.setattr(memo, "_code_digest", lambda: "another generator")
    assert gen(source, "-o", out).exit_code == 0
    assert len(generations) == 2


def test_a_corrupt_record_is_a_miss(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path, generations: list[str], own_cache: Path
) -> None:
    source, out = fresh(gen, write_api, tmp_path)
    for entry in own_cache.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a record")
    assert gen(source, "-o", out).exit_code == 0
    assert len(generations) == 2


def test_stdin_always_generates(gen: Gen, tmp_path: Path, generations: list[str]) -> None:
    # A pipe cannot be read twice: there is no key for it, and nothing is remembered.
    from click.testing import CliRunner

    from generator.cli import command

    document = json.dumps(tiny_api())
    for _ in range(2):
        result = CliRunner().invoke(command, ["-", "-o", str(tmp_path / "out")], input=document)
        assert result.exit_code == 0, result.output
    assert generations == ["-", "-"]
