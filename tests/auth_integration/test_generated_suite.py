"""The zoo SDK's own generated tests pass (their expected requests account for each operation's auth), and
the v2.0 and v2.1 shapes of one collection generate the same SDK."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import Zoo
from .kit import generate, text_files
from .zoo import to_v20


def test_generated_tests_pass(zoo: Zoo) -> None:
    env = {**os.environ, "PYTHONPATH": str(zoo.out / "src")}
    env.pop("AUTH_ZOO_BEARER_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "tests"],
        cwd=zoo.out,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_generated_cases_expect_each_operations_auth(zoo: Zoo) -> None:
    cases = {
        case["operation"]: case["request"]
        for path in sorted((zoo.out / "tests" / "data").glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))
    }
    me = cases["inherited.me"]
    assert ["Authorization", f"Bearer {me_token(zoo)}"] in me["headers"]
    assert "Authorization" in cases["signed.get_tweet"]["present_headers"]
    assert cases["keys.search"]["url"].endswith("?q=zebra&api_key=test-apikeyvalue")
    assert cases["fetched.token_op"]["token_endpoint"]["url"] == "https://auth.zoo.test/oauth/token"
    assert not any(h[0] == "Authorization" for h in cases["odd.empty_oauth1"]["headers"])


def me_token(zoo: Zoo) -> str:
    """The placeholder the generated tests give the collection's bearer token."""
    cases = json.loads((zoo.out / "tests" / "data" / "inherited.json").read_text(encoding="utf-8"))
    return str(cases[0]["variables"]["bearer_token"])


def test_v20_and_v21_shapes_generate_the_same_sdk(zoo: Zoo, tmp_path: Path) -> None:
    path = tmp_path / "zoo20.json"
    path.write_text(json.dumps(to_v20(zoo.document)), encoding="utf-8")
    out = tmp_path / "auth_zoo"
    generate(path, out, "--env", str(zoo.env_path), "--package-name", "auth_zoo")
    ours, theirs = text_files(zoo.out), text_files(out)
    # What the collection decides (the runtime files are copied verbatim; the docstring names the format).
    same = [
        n for n in ours if n.startswith(("src/auth_zoo/resources/", "src/auth_zoo/_client", "tests/data/"))
    ]
    assert same and [name for name in same if ours[name] != theirs.get(name)] == []
