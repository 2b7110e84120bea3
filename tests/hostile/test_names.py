"""Awkward names in every position still give code that compiles, imports, and passes its own tests.

Keywords, builtins, soft keywords, empty and blank names, leading digits, punctuation only, non-ASCII,
duplicates, names that collide once normalized, and the names the generated code itself uses (``self``,
``client``, ``timeout``, ``headers``, ``json``, ``body``, ``auth``, ``http_client``, ``models``, ``httpx``,
``Operation``, ...), as collection, folder, request, variable, header, query, body-key and example names.
"""

from __future__ import annotations

import ast
import json
import keyword
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_kit import (
    AWKWARD_NAMES,
    GENERATED_CODE_NAMES,
    compile_all,
    gen_client,
    hostile_collection,
    import_sdk,
    package_of,
    run_sdk_tests,
    sdk_env,
    tail,
)
from support import V21

from generator import naming

NAMES = (*GENERATED_CODE_NAMES, *AWKWARD_NAMES)


@pytest.fixture(scope="module")
def named_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("names")
    (work / "names.json").write_text(json.dumps(hostile_collection(NAMES, name="client")), encoding="utf-8")
    result = gen_client("names.json", "-o", "out", cwd=work)
    assert result.returncode == 0, tail(result)
    return work / "out"


def defined_names(tree: ast.Module) -> list[str]:
    return [
        node.name if not isinstance(node, ast.arg) else node.arg
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.arg))
    ]


def test_every_identifier_is_safe(named_sdk: Path) -> None:
    assert compile_all(named_sdk) > 20
    for path in (named_sdk / "src").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in defined_names(tree):
            assert name.isidentifier() and not keyword.iskeyword(name), (path, name)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                params = [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
                assert len(params) == len(set(params)), (path, node.name, params)
            if isinstance(node, ast.ClassDef):
                members = [
                    n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                ]
                assert len(members) == len(set(members)), (path, node.name)


def test_files_are_named_by_sanitized_names(named_sdk: Path) -> None:
    for path in named_sdk.rglob("*"):
        relative = path.relative_to(named_sdk)
        for part in relative.parts:
            assert part.isascii() and len(part) < 120 and not part.startswith("-"), relative
            stem = part.split(".", 1)[0]
            assert stem.replace("-", "_").lstrip("._").replace("_", "a").isalnum() or stem == "", relative


def test_package_imports_with_every_module_and_group(named_sdk: Path) -> None:
    result = import_sdk(named_sdk, named_sdk.parent)
    assert result.returncode == 0, tail(result)


def test_generated_tests_pass(named_sdk: Path) -> None:
    result = run_sdk_tests(named_sdk, named_sdk.parent)
    assert result.returncode == 0, tail(result)


def test_groups_and_operations_are_reachable_and_distinct(named_sdk: Path) -> None:
    """Every folder is a distinct client attribute, every request a distinct method, none shadowing."""
    manifest = json.loads((named_sdk / ".gen-client.json").read_text(encoding="utf-8"))
    paths = [op["python"] for op in manifest["operations"]]
    assert len(paths) == len(set(paths))
    package = package_of(named_sdk)
    script = (
        f"import {package} as sdk, json, sys\n"
        "client = sdk.Client()\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    target = client\n"
        "    for part in path.split('.'):\n"
        "        target = getattr(target, part)\n"
        "    assert callable(target), path\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(paths)],
        capture_output=True,
        text=True,
        env=sdk_env(named_sdk),
        timeout=300,
    )
    assert result.returncode == 0, tail(result)


@pytest.mark.parametrize(
    "name",
    [
        "httpx",
        "json",
        "typing",
        "email",
        "tests",
        "pytest",
        "runtime_test",
        "loopback_test",
        "class",
        "",
        "   ",
        "123",
        "ñandú",
        "models",
        "sdk",
    ],
)
def test_collection_name_never_shadows_a_module(tmp_path: Path, name: str) -> None:
    doc = {"info": {"name": name, "schema": V21}, "item": [{"name": "x", "request": "https://a.example/x"}]}
    (tmp_path / "c.json").write_text(json.dumps(doc), encoding="utf-8")
    result = gen_client("c.json", "-o", "out", "--no-format", "-q", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    package = package_of(tmp_path / "out")
    assert package.isidentifier() and package.isascii() and not keyword.iskeyword(package)
    assert package not in naming.IMPORTED_MODULES and package not in naming.BUILTINS
    result = import_sdk(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)


def test_package_name_option_is_sanitized(tmp_path: Path) -> None:
    doc = {"info": {"name": "x", "schema": V21}, "item": [{"name": "x", "request": "https://a.example/x"}]}
    (tmp_path / "c.json").write_text(json.dumps(doc), encoding="utf-8")
    result = gen_client("c.json", "--package-name", "../../evil pkg", "--no-format", "-q", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json", "generated"]
    assert [p.name for p in (tmp_path / "generated").iterdir()] == ["evil_pkg"]


def test_package_name_never_shadows_a_group_test_module(tmp_path: Path) -> None:
    """A collection "Test Users" with a folder "Users": the package is not test_users, the name of the
    folder's test module, which would shadow it and fail the SDK's own tests on import."""
    request = {"name": "list", "request": "https://a.example/users"}
    doc = {"info": {"name": "Test Users", "schema": V21}, "item": [{"name": "Users", "item": [request]}]}
    (tmp_path / "c.json").write_text(json.dumps(doc), encoding="utf-8")
    result = gen_client("c.json", "-o", "out", "--no-format", "-q", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    assert (tmp_path / "out" / "tests" / "test_users.py").is_file()
    assert package_of(tmp_path / "out") == "test_users_"
    result = run_sdk_tests(tmp_path / "out", tmp_path)
    assert result.returncode == 0, tail(result)
