"""Synthetic Postman v2.1 collections of any size for the benchmarks: folders of CRUD requests with JSON
bodies, query parameters, headers and several saved examples each (2xx of varying shape, 4xx errors).

Deterministic: the same size gives byte-identical output. Every resource has its own field names, so the
number of inferred models grows with the collection, as in real APIs.

    python benchmarks/synthetic.py 1000 -o /tmp/synthetic-1000.json
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS = (
    "account address amount balance batch brand cart category channel charge coupon customer discount "
    "dispute event fee file invoice item label ledger line list location member message note offer order "
    "owner payment payout plan policy price product profile quote rate receipt refund region review rule "
    "schedule segment session shipment sku source status store subscription tag tax team ticket token "
    "transfer usage user vendor voucher warehouse webhook zone"
).split()
REQUESTS_PER_FOLDER = 25  # five resources of five operations each
FOLDERS_PER_GROUP = 8  # top-level folders hold subfolders, as large real collections do


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"
        if name not in used:
            used.add(name)
            return name


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)


def _value(rng: random.Random, kind: str, index: int) -> object:
    if kind == "str":
        return f"{rng.choice(WORDS)}-{index}"
    if kind == "int":
        return rng.randint(0, 10_000)
    if kind == "float":
        return round(rng.uniform(0, 1000), 2)
    if kind == "bool":
        return rng.random() < 0.5
    return None


def _shape(rng: random.Random, resource: str) -> list[tuple[str, str]]:
    """The fields of one resource: a name and a JSON kind each (some nested objects and arrays)."""
    used: set[str] = set()
    fields = [("id", "str"), ("createdAt", "str")]
    for _ in range(rng.randint(4, 9)):
        fields.append((_camel(_name(rng, used)), rng.choice(("str", "str", "int", "float", "bool"))))
    fields.append((_camel(resource) + "Details", "object"))
    fields.append(("tags", "list"))
    return fields


def _instance(
    rng: random.Random, fields: list[tuple[str, str]], index: int, sparse: bool
) -> dict[str, object]:
    out: dict[str, object] = {}
    for position, (key, kind) in enumerate(fields):
        if sparse and position > 2 and rng.random() < 0.3:
            continue  # absent from some examples: an optional field
        if kind == "object":
            out[key] = {
                "kind": rng.choice(WORDS),
                "level": rng.randint(1, 5),
                "note": None if sparse else "x",
            }
        elif kind == "list":
            out[key] = [rng.choice(WORDS) for _ in range(rng.randint(0, 3))]
        else:
            out[key] = _value(rng, kind, index)
    return out


def _url(path: list[str], query: list[tuple[str, str, bool]]) -> dict[str, object]:
    raw = "{{baseUrl}}/" + "/".join(path)
    enabled = [f"{k}={v}" for k, v, disabled in query if not disabled]
    if enabled:
        raw += "?" + "&".join(enabled)
    url: dict[str, object] = {"raw": raw, "host": ["{{baseUrl}}"], "path": path}
    if query:
        url["query"] = [
            {
                "key": k,
                "value": v,
                **({"disabled": True} if disabled else {}),
                "description": f"Filter by {k}.",
            }
            for k, v, disabled in query
        ]
    return url


def _response(
    name: str, request: dict[str, object], status: int, body: object, rng: random.Random
) -> dict[str, object]:
    return {
        "name": name,
        "originalRequest": request,
        "status": "OK" if status < 300 else "Error",
        "code": status,
        "_postman_previewlanguage": "json",
        "header": [
            {"key": "Content-Type", "value": "application/json"},
            {"key": "x-request-id", "value": f"req-{rng.randint(10**6, 10**7)}"},
        ],
        "body": json.dumps(body, indent=2),
    }


def _request(
    method: str, path: list[str], query: list[tuple[str, str, bool]], body: object | None
) -> dict[str, object]:
    request: dict[str, object] = {
        "method": method,
        "header": [{"key": "Accept", "value": "application/json"}],
        "url": _url(path, query),
    }
    if body is not None:
        request["header"] = [
            {"key": "Accept", "value": "application/json"},
            {"key": "Content-Type", "value": "application/json"},
            {"key": "Idempotency-Key", "value": "{{$guid}}", "disabled": True},
        ]
        request["body"] = {
            "mode": "raw",
            "raw": json.dumps(body, indent=2),
            "options": {"raw": {"language": "json"}},
        }
    return request


def _resource_items(rng: random.Random, prefix: list[str], resource: str) -> list[dict[str, object]]:
    fields = _shape(rng, resource)
    plural = resource + "s"
    title = resource.replace("_", " ")
    error = {"code": "not_found", "message": f"No such {title}.", "requestId": "r-1"}
    invalid = {"code": "invalid", "message": "Invalid field.", "field": fields[3][0], "requestId": "r-2"}
    base = [*prefix, plural]
    items: list[dict[str, object]] = []

    def item(name: str, request: dict[str, object], responses: list[dict[str, object]], doc: str) -> None:
        request = {**request, "description": doc}
        items.append({"name": name, "request": request, "response": responses})

    query = [("limit", "20", False), ("offset", "0", True), ("sort", "createdAt", True), ("expand", "", True)]
    listing = _request("GET", base, query, None)
    page = [_instance(rng, fields, i, sparse=i % 2 == 1) for i in range(3)]
    item(
        f"List {title}s",
        listing,
        [
            _response("OK", listing, 200, {"data": page, "hasMore": True, "total": 42}, rng),
            _response("Empty", listing, 200, {"data": [], "hasMore": False, "total": 0}, rng),
        ],
        f"Lists {title}s, newest first.",
    )
    one = _request("GET", [*base, ":id"], [("expand", "", True)], None)
    one["url"]["variable"] = [{"key": "id", "value": "abc123", "description": f"The {title}'s id."}]  # type: ignore[index]
    item(
        f"Get {title}",
        one,
        [
            _response("OK", one, 200, _instance(rng, fields, 1, sparse=False), rng),
            _response("Sparse", one, 200, _instance(rng, fields, 2, sparse=True), rng),
            _response("Not found", one, 404, error, rng),
        ],
        f"Gets one {title} by id.",
    )
    new = _instance(rng, fields[2:], 3, sparse=False)
    create = _request("POST", base, [], new)
    item(
        f"Create {title}",
        create,
        [
            _response("Created", create, 201, _instance(rng, fields, 3, sparse=False), rng),
            _response("Invalid", create, 422, invalid, rng),
        ],
        f"Creates a {title}.",
    )
    update = _request("PATCH", [*base, ":id"], [], {k: v for k, v in list(new.items())[:3]})
    update["url"]["variable"] = [{"key": "id", "value": "abc123"}]  # type: ignore[index]
    item(
        f"Update {title}",
        update,
        [
            _response("OK", update, 200, _instance(rng, fields, 4, sparse=False), rng),
            _response("Not found", update, 404, error, rng),
        ],
        f"Updates some fields of a {title}.",
    )
    delete = _request("DELETE", [*base, ":id"], [], None)
    delete["url"]["variable"] = [{"key": "id", "value": "abc123"}]  # type: ignore[index]
    item(
        f"Delete {title}",
        delete,
        [_response("Deleted", delete, 200, {"id": "abc123", "deleted": True}, rng)],
        f"Deletes a {title}.",
    )
    return items


def collection(requests: int, seed: int = 6) -> dict[str, object]:
    """A collection with ``requests`` requests (rounded up to a multiple of five)."""
    rng = random.Random(seed)
    used: set[str] = set()
    folders: list[dict[str, object]] = []
    group: dict[str, object] | None = None
    made = 0
    while made < requests:
        if group is None or len(group["item"]) >= FOLDERS_PER_GROUP:  # type: ignore[arg-type]
            group = {"name": f"{rng.choice(WORDS).title()} {len(folders) + 1}", "item": []}
            folders.append(group)
        folder_name = _name(rng, used)
        folder_items: list[dict[str, object]] = []
        while len(folder_items) < REQUESTS_PER_FOLDER and made < requests:
            resource = _name(rng, used)
            folder_items.extend(_resource_items(rng, [folder_name.replace("_", "-")], resource))
            made += 5
        group["item"].append(  # type: ignore[union-attr]
            {"name": folder_name.replace("_", " ").title(), "description": "A folder.", "item": folder_items}
        )
    return {
        "info": {
            "_postman_id": "00000000-0000-4000-8000-000000000006",
            "name": f"Synthetic {requests}",
            "description": f"A synthetic API of {requests} requests for gen-client's benchmarks.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{apiToken}}", "type": "string"}]},
        "variable": [
            {"key": "baseUrl", "value": "https://api.example.com/v1"},
            {"key": "apiToken", "value": ""},
        ],
        "item": folders,
    }


def write(requests: int, path: Path) -> Path:
    path.write_text(json.dumps(collection(requests), indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("requests", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    write(args.requests, args.output)


if __name__ == "__main__":
    main()
