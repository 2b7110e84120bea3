"""[tool.gen-client] in pyproject.toml: options, several SDKs in one call, naming overrides."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import tomllib
from regen_support import Gen, tiny_api
from support import COLLECTIONS, ROOT

from generator import config

TWO_SDKS = """
[project]
name = "my-monorepo"

[tool.gen-client]
var = { region = "eu" }

[[tool.gen-client.sdk]]
collection = "apis/tiny.postman_collection.json"
out = "sdks/tiny"

[[tool.gen-client.sdk]]
collection = "apis/pets.postman_collection.json"
out = "sdks/pets"
package-name = "pets_sdk"
var = { region = "us", tier = "gold" }
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project with two collections and a pyproject.toml that lists an SDK for each."""
    root = tmp_path / "repo"
    (root / "apis").mkdir(parents=True)
    (root / "apis/tiny.postman_collection.json").write_text(json.dumps(tiny_api()))
    (root / "apis/pets.postman_collection.json").write_bytes(
        (COLLECTIONS / "petstore-lite.postman_collection.json").read_bytes()
    )
    (root / "pyproject.toml").write_text(TWO_SDKS)
    (root / "src/app").mkdir(parents=True)
    return root


def test_no_collection_generates_every_sdk_relative_to_the_pyproject(gen: Gen, repo: Path) -> None:
    result = gen(cwd=repo / "src/app")  # found from a subdir, upward
    assert result.exit_code == 0, result.output
    assert (repo / "sdks/tiny/src/tiny_api/__init__.py").is_file()
    assert (repo / "sdks/pets/src/pets_sdk/__init__.py").is_file()
    assert "tiny_api -> " in result.output and "pets_sdk -> " in result.output
    assert not (repo / "src/app/generated").exists()
    # Variables: the defaults table, then the entry's table, key by key.
    assert (
        "'eu'" in (repo / "sdks/tiny/src/tiny_api/_client.py").read_text()
        or '"eu"' in (repo / "sdks/tiny/src/tiny_api/_client.py").read_text()
    )
    pets_client = (repo / "sdks/pets/src/pets_sdk/_client.py").read_text()
    assert '"us"' in pets_client and '"gold"' in pets_client and '"eu"' not in pets_client
    checked = gen("--check", "--json", cwd=repo)
    assert checked.exit_code == 0, checked.output
    summaries = json.loads(checked.stdout)
    assert [s["package"] for s in summaries] == ["tiny_api", "pets_sdk"] and all(
        s["current"] for s in summaries
    )


def test_exit_code_is_the_worst_of_the_sdks(gen: Gen, repo: Path) -> None:
    assert gen(cwd=repo).exit_code == 0
    client = repo / "sdks/pets/src/pets_sdk/_client.py"
    client.write_text(client.read_text() + "# edited\n")
    result = gen("--check", cwd=repo)
    assert result.exit_code == 1 and "edited: src/pets_sdk/_client.py" in result.output
    (repo / "apis/tiny.postman_collection.json").write_text("{not json")
    result = gen("--check", cwd=repo)
    assert result.exit_code == 2
    assert "tiny.postman_collection.json" in result.stderr and "pets_sdk -> " in result.stdout


def test_a_collection_argument_uses_its_entry(gen: Gen, repo: Path) -> None:
    result = gen("apis/pets.postman_collection.json", cwd=repo)
    assert result.exit_code == 0, result.output
    assert (repo / "sdks/pets/src/pets_sdk").is_dir() and not (repo / "sdks/tiny").exists()
    elsewhere = repo / "elsewhere"
    assert gen("apis/pets.postman_collection.json", "-o", elsewhere, cwd=repo).exit_code == 0
    assert (elsewhere / "src/pets_sdk").is_dir()  # the command line wins over the entry


def test_one_out_for_several_sdks_is_refused(gen: Gen, repo: Path) -> None:
    result = gen("-o", repo / "one", cwd=repo)
    assert result.exit_code == 2 and "--out" in result.stderr
    assert not (repo / "one").exists()


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        (
            '[tool.gen-client]\npakage-name = "x"\n',
            "unknown key 'pakage-name' (did you mean 'package-name'?)",
        ),
        ('[tool.gen-client]\ncheck = "yes"\n', "/tool/gen-client/check: expected true or false"),
        ('[[tool.gen-client.sdk]]\nout = "x"\n', "no `collection`"),
        ("[tool.gen-client\n", "not valid TOML"),
        ('[tool.gen-client]\nrename = { "pets.list_pets" = "class" }\n', "not usable"),
        ('[tool.gen-client]\nrename = { "models.PetItem" = "pet" }\n', "capital letter"),
    ],
)
def test_bad_config_is_one_line_exit_2(gen: Gen, tmp_path: Path, toml: str, words: str) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    result = gen()
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pyproject.toml" in lines[0] and words in lines[0], lines


def test_the_nearest_pyproject_with_the_table_wins(gen: Gen, repo: Path) -> None:
    sdk_dir = repo / "sdks/inner"
    sdk_dir.mkdir(parents=True)
    (sdk_dir / "pyproject.toml").write_text('[project]\nname = "inner"\n')  # e.g. a generated SDK's own
    assert config.find(sdk_dir) == repo / "pyproject.toml"
    assert config.find(repo.parent) is None


def test_command_line_entry_and_defaults_precedence(repo: Path) -> None:
    loaded = config.load(repo / "pyproject.toml")
    cli = config.cli_layer({"var": {"tier": "silver"}, "check": True, "out": None, "quiet": False})
    runs = config.plan(loaded, None, cli)
    assert [run.collection for run in runs] == [
        str(repo / "apis/tiny.postman_collection.json"),
        str(repo / "apis/pets.postman_collection.json"),
    ]
    assert dict(runs[0].var) == {"region": "eu", "tier": "silver"}
    assert dict(runs[1].var) == {"region": "us", "tier": "silver"}
    assert runs[1].package_name == "pets_sdk" and runs[1].out == repo / "sdks/pets"
    assert all(run.flag("check") and not run.flag("force") for run in runs)


RENAMES = """
[[tool.gen-client.sdk]]
collection = "tiny.postman_collection.json"
out = "out"
rename = { "pets.list_pets" = "find", "store" = "shop", "models.PetItem" = "Pet", "pets.gone" = "x" }
"""


def test_renames_keep_names_stable(gen: Gen, write_api: Callable[..., Path], tmp_path: Path) -> None:
    write_api()
    (tmp_path / "pyproject.toml").write_text(RENAMES)
    result = gen()
    assert result.exit_code == 0, result.output
    assert "rename 'pets.gone'" in result.output  # a key that names nothing is a warning
    out = tmp_path / "out"
    manifest = json.loads((out / ".gen-client.json").read_text())
    assert [op["python"] for op in manifest["operations"]] == [
        "pets.find",
        "pets.get_pet",
        "shop.get_inventory",
    ]
    assert manifest["models"] == ["Pet"]
    pets = (out / "src/tiny_api/resources/pets.py").read_text()
    assert "def find(" in pets and "models.Pet" in pets and "PetItem" not in pets
    assert "class Shop" in (out / "src/tiny_api/resources/shop.py").read_text()
    assert not (out / "src/tiny_api/resources/store.py").exists()
    # The renamed SDK's own tests pass.
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=out,
        env={"PYTHONPATH": str(out / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr


def test_a_rename_onto_a_taken_name_is_refused(
    gen: Gen, write_api: Callable[..., Path], tmp_path: Path
) -> None:
    write_api()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gen-client]\ncollection = "tiny.postman_collection.json"\nout = "out"\n'
        'rename = { "pets.list_pets" = "get_pet" }\n'
    )
    result = gen()
    assert result.exit_code == 2
    assert "/tool/gen-client/rename/pets.list_pets" in result.stderr and "taken" in result.stderr
    assert not (tmp_path / "out").exists()


def test_this_repo_lists_every_bundled_collection() -> None:
    table = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["gen-client"]
    listed = {entry["collection"] for entry in table["sdk"]}
    assert listed == {f"collections/{p.name}" for p in COLLECTIONS.glob("*.json")}
