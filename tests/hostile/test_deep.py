"""Very deep input: folders 150 deep and JSON bodies 400 deep go through every stage without hitting a
recursion limit: json.loads, validation, parse, infer, render, black, and the SDK's own import and tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_kit import V21, compile_all, gen_client, import_sdk, run_sdk_tests, tail

from generator import pipeline

FOLDERS = 150
BODY = 400


def nested_json(depth: int, kind: str = "mixed") -> str:
    """JSON text nested ``depth`` containers deep (objects and arrays alternating), built iteratively."""
    opener, closer = [], []
    for level in range(depth):
        if kind == "array" or (kind == "mixed" and level % 2):
            opener.append("[")
            closer.append("]")
        else:
            opener.append(f'{{"level{level % 3}": 1, "next": ')
            closer.append("}")
    return "".join(opener) + '"bottom"' + "".join(reversed(closer))


def request(name: str, depth: int) -> dict[str, object]:
    body = nested_json(depth)
    return {
        "name": name,
        "request": {
            "method": "POST",
            "url": "https://api.example.test/deep",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}},
        },
        "response": [
            {
                "name": "ok",
                "code": 200,
                "body": body,
                "header": [{"key": "Content-Type", "value": "application/json"}],
            },
            {"name": "arrays", "code": 201, "body": nested_json(depth, "array")},
            {"name": "error", "code": 422, "body": nested_json(depth, "object")},
        ],
    }


def deep_collection(folders: int, body: int) -> str:
    """A collection whose requests sit ``folders`` folders deep, with JSON bodies ``body`` deep (as text)."""
    leaf = json.dumps(request("bottom request", body))
    chain = "".join(
        f'{{"name": "level {i}", "item": [{json.dumps(request(f"at {i}", 3))}, ' for i in range(folders)
    )
    tree = chain + leaf + "]}" * folders
    value = nested_json(BODY)  # a variable whose value is a deep JSON document, not a string
    return (
        f'{{"info": {{"name": "Deep API", "schema": "{V21}"}}, "item": [{tree}], '
        f'"variable": [{{"key": "deep", "value": {value}}}]}}'
    )


@pytest.fixture(scope="module")
def deep_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("deep")
    (work / "deep.json").write_text(deep_collection(FOLDERS, BODY), encoding="utf-8")
    result = gen_client("deep.json", "-o", "out", cwd=work)  # with black: formatting is a stage too
    assert result.returncode == 0, tail(result)
    return work / "out"


def test_deep_collection_generates_compiling_code(deep_sdk: Path) -> None:
    assert compile_all(deep_sdk) > 5
    manifest = json.loads((deep_sdk / ".gen-client.json").read_text(encoding="utf-8"))
    deepest = max(manifest["operations"], key=lambda op: op["python"].count("."))
    assert deepest["python"].count(".") == FOLDERS  # 150 folders, then the method


def test_deep_sdk_imports(deep_sdk: Path) -> None:
    result = import_sdk(deep_sdk, deep_sdk.parent)
    assert result.returncode == 0, tail(result)


def test_deep_sdk_tests_pass(deep_sdk: Path) -> None:
    result = run_sdk_tests(deep_sdk, deep_sdk.parent)
    assert result.returncode == 0, tail(result)


def test_in_process_with_the_default_recursion_limit(tmp_path: Path) -> None:
    """The pipeline itself (no CLI raising the limit) handles the same depth."""
    path = tmp_path / "deep.json"
    path.write_text(deep_collection(FOLDERS, BODY), encoding="utf-8")
    generated = pipeline.generate(str(path), formatting=False)
    for name, data in generated.files.items():
        if name.endswith(".py"):
            compile(data, name, "exec")


def test_deeper_than_json_can_read_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "deeper.json").write_text(deep_collection(20_000, 3), encoding="utf-8")
    result = gen_client("deeper.json", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2, tail(result)
    assert result.stderr.count("\n") == 1 and "nested too deeply" in result.stderr, result.stderr[-500:]
    assert not (tmp_path / "out").exists()


def test_deep_folders_within_reach_of_json_generate(tmp_path: Path) -> None:
    """Folders far deeper than 150 (the CLI's JSON reader allows about 3,000) still generate."""
    (tmp_path / "deeper.json").write_text(deep_collection(1_000, 3), encoding="utf-8")
    result = gen_client("deeper.json", "-o", "out", "--no-format", "-q", cwd=tmp_path)
    assert result.returncode == 0, tail(result)
    assert compile_all(tmp_path / "out") > 3
