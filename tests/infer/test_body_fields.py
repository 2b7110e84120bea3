"""Request bodies in a generated SDK: a body model, a plain dict, or typed keyword fields; the saved body is
the default. Also the typed surface: the SDK passes ``mypy --strict`` with a caller using all three."""

from __future__ import annotations

import importlib
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
SAVED = {"name": "{{who}}", "size": 2, "tags": ["a"], "from": "x"}
ITEM = {
    "name": "Create widget",
    "request": {
        "method": "POST",
        "header": [{"key": "name", "value": "header-value"}],
        "url": "https://api.example.test/widgets",
        "body": {"mode": "raw", "raw": json.dumps(SAVED, indent=1), "options": {"raw": {"language": "json"}}},
    },
    "response": [{"name": "ok", "code": 201, "body": '{"id": "w1", "size": 2}'}],
}
CALLER = """
from widgets import Client, models

def use(client: Client) -> str:
    made = client.widgets.create_widget(size=3, tags=["k"], from_="y", body_name="n")
    details = models.CreateWidgetDetails(name="a", size=1, tags=[], from_="z")
    client.widgets.create_widget(body=details, size=4)
    client.widgets.create_widget(body={"name": "plain"})
    return made.id
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    root = tmp_path_factory.mktemp("body-fields")
    source = root / "collection.json"
    source.write_text(json.dumps({"info": {"name": "Widgets", "schema": V21}, "item": [ITEM]}), "utf-8")
    out = root / "sdk"
    done = subprocess.run(
        [sys.executable, "-m", "generator", str(source), "-o", str(out), "-q"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    sys.path.insert(0, str(out / "src"))
    try:
        yield importlib.import_module("widgets"), out
    finally:
        sys.path.remove(str(out / "src"))
        for name in [n for n in sys.modules if n == "widgets" or n.startswith("widgets.")]:
            del sys.modules[name]


def sent_body(sdk: ModuleType, **kwargs: Any) -> Any:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"id": "w1", "size": 2})

    http = httpx.Client(transport=httpx.MockTransport(handle))
    with sdk.Client(variables={"who": "me"}, http_client=http, max_retries=0) as client:
        result = client.widgets.create_widget(**kwargs)
    assert result.to_dict() == {"id": "w1", "size": 2}
    return json.loads(seen[0].content)


def test_the_saved_body_is_the_default(sdk: tuple[ModuleType, Path]) -> None:
    assert sent_body(sdk[0]) == {**SAVED, "name": "me"}


def test_keyword_fields_set_their_keys_on_the_saved_body(sdk: tuple[ModuleType, Path]) -> None:
    body = sent_body(sdk[0], size=3, tags=["k"], from_="y")
    assert body == {"name": "me", "size": 3, "tags": ["k"], "from": "y"}
    # the body field "name" meets the header parameter "name": it is ``body_name``
    assert sent_body(sdk[0], body_name="n", name="h")["name"] == "n"


def test_a_body_model_or_dict_replaces_the_saved_body_and_fields_still_apply(
    sdk: tuple[ModuleType, Path],
) -> None:
    module = sdk[0]
    details = module.models.CreateWidgetDetails(name="a", size=1, tags=[], from_="z")
    assert sent_body(module, body=details) == {"name": "a", "size": 1, "tags": [], "from": "z"}
    assert sent_body(module, body=details, size=5)["size"] == 5
    assert sent_body(module, body={"other": True}, size=5) == {"other": True, "size": 5}


def test_fields_need_a_json_object_body(sdk: tuple[ModuleType, Path]) -> None:
    module = sdk[0]
    with pytest.raises(module.errors.InvalidRequestError):
        sent_body(module, body="plain text", size=1)


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="needs mypy")
def test_the_typed_surface_passes_mypy_strict(sdk: tuple[ModuleType, Path], tmp_path: Path) -> None:
    out = sdk[1]
    (tmp_path / "caller.py").write_text(CALLER, "utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from widgets import Client\n\ndef use(c: Client) -> None:\n    c.widgets.create_widget(size='3')\n"
    )
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy")]
    env = {"MYPYPATH": str(out / "src"), "PATH": ""}
    done = subprocess.run([*command, str(tmp_path / "caller.py")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([*command, str(bad)], env=env, capture_output=True, text=True)
    assert done.returncode == 1 and 'Argument "size"' in done.stdout, done.stdout
