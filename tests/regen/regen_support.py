"""Helpers of the regeneration tests: a tiny collection and whole output trees."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from support import collection, request_item

Gen = Callable[..., Result]


def pet_example() -> dict[str, object]:
    return {
        "name": "ok",
        "code": 200,
        "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": json.dumps([{"id": 1, "name": "Rex", "tag": "dog"}]),
    }


def tiny_api(
    list_doc: str = "List every pet.", inventory_doc: str = "Count the stock.", store: bool = True
) -> dict[str, object]:
    """Two folders; "List pets" has a saved example (a model), the rest is plain."""
    pets = {
        "name": "Pets",
        "item": [
            {
                **request_item("List pets", url="https://api.example.test/pets", description=list_doc),
                "response": [pet_example()],
            },
            request_item("Get pet", url="https://api.example.test/pets/:id", description="One pet."),
        ],
    }
    folders: list[object] = [pets]
    if store:
        inventory = request_item(
            "Get inventory", url="https://api.example.test/store/inventory", description=inventory_doc
        )
        folders.append({"name": "Store", "item": [inventory]})
    return collection(*folders)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (gen-client's state included), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
