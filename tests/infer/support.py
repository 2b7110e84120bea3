"""Helpers for the infer tests: render and import a generated models module, read the seed's examples."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import black
import jinja2

from generator import typeexpr
from generator.model import Model, TypeRequest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
# The seed, as the project ships it (the tests stand alone without ../shared).
SEED_ITEM = ROOT / "collections" / "CreateVolumeGroupBackup.postman_item.json"
OCI_COLLECTION = SHARED / "collections" / "real" / "oci-container-engine.postman_collection.json"

_counter = itertools.count()


def render_models(models: Sequence[Model], *, package: str = "demo", fmt: bool = True) -> str:
    """The generated ``models.py`` text, rendered the way the generator renders it."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "templates")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    text = env.get_template("sdk/models.py.jinja").render(package=package, **typeexpr.models_context(models))
    return black.format_str(text, mode=black.Mode(line_length=110)) if fmt else text


def import_models(text: str, directory: Path) -> ModuleType:
    """Write ``text`` as a module under ``directory`` and import it under a fresh name."""
    name = f"_generated_models_{next(_counter)}"
    path = directory / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while building the classes
    spec.loader.exec_module(module)
    return module


def converter_of(module: ModuleType, expression: str) -> Callable[[object], object]:
    """Evaluate a ``typeexpr.converter`` expression (no prefix) inside the generated module."""
    convert = eval(expression, vars(module))  # noqa: S307 - the expression is generator output under test
    assert callable(convert)
    return cast(Callable[[object], object], convert)


def canonical(value: object) -> object:
    """A form where equal means equal as JSON text: ``1`` != ``1.0`` != ``True``, ``-0.0`` != ``0.0``."""
    if isinstance(value, dict):
        return ("object", sorted((key, canonical(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("array", [canonical(item) for item in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def _items(node: Any) -> list[Any]:
    """Every request item of a collection, in order."""
    found: list[Any] = []
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current.get("item"), list):
            stack[:0] = current["item"]
        elif "request" in current:
            found.append(current)
    return found


def _parsed(text: Any) -> tuple[bool, object]:
    if not isinstance(text, str) or not text.strip():
        return False, None
    try:
        return True, json.loads(text)
    except ValueError:
        return False, None


def item_requests(items: Sequence[Any]) -> list[TypeRequest]:
    """TypeRequests like the examples stage builds: request body, 2xx bodies, error bodies by status."""
    requests: list[TypeRequest] = []
    for index, item in enumerate(items):
        name = "".join(w[:1].upper() + w[1:] for w in str(item.get("name", "")).split()) or "Op"
        body = item["request"].get("body") if isinstance(item["request"], dict) else None
        ok, sample = _parsed(body.get("raw") if isinstance(body, dict) else None)
        if ok:
            requests.append(TypeRequest(f"{index}:body", (f"{name}Details",), (sample,)))
        by_status: dict[int, list[object]] = {}
        for response in item.get("response") or []:
            ok, sample = _parsed(response.get("body"))
            if ok and isinstance(response.get("code"), int):
                by_status.setdefault(response["code"], []).append(sample)
        success = tuple(s for code, samples in by_status.items() if 200 <= code < 300 for s in samples)
        if success:
            requests.append(TypeRequest(f"{index}:response", (name, f"{name}Response"), success))
        for code, samples in sorted(by_status.items()):
            if code >= 400:
                hint = ("Error", f"{name}Error")
                requests.append(TypeRequest(f"{index}:error:{code}", hint, tuple(samples)))
    return requests


def seed_requests() -> list[TypeRequest]:
    return item_requests([json.loads(SEED_ITEM.read_text(encoding="utf-8"))])


def collection_requests(path: Path) -> list[TypeRequest]:
    return item_requests(_items(json.loads(path.read_text(encoding="utf-8"))))
