"""The shared corpus of real collections: which environment file goes with which collection, and the
secret values saved in them, collected here independently of the generator's own rules."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from support import SHARED

REAL = SHARED / "collections" / "real"
# Small collections with auth (awsv4; basic and bearer with an environment; oauth1 beside bearer).
FAST = ("tfm-aws-lambdas-awsv4", "mastercard-openbanking-eu-demo", "twitter-api-v2")

# Postman auth parameters that hold credentials (the apikey's ``key`` is a header name; ``value`` is its key).
CREDENTIAL_PARAMS = {
    "password",
    "token",
    "accessToken",
    "refreshToken",
    "clientSecret",
    "consumerKey",
    "consumerSecret",
    "tokenSecret",
    "accessKey",
    "secretKey",
    "sessionToken",
    "authKey",
    "clientToken",
    "secret",
    "privateKey",
    "passphrase",
}
SECRET_NAME = re.compile(
    r"token|secret|passw|(api|private|consumer|access)[-_]?key|passphrase|signature", re.IGNORECASE
)
NOT_SECRET_NAME = re.compile(r"(url|uri|expiry|type|name)$|pagination|next_?token|retry", re.IGNORECASE)
CREDENTIAL_HEADERS = {"authorization", "x-api-key", "api-key", "x-auth-token"}
# Shorter saved values ("None", "true", "1.0") are words any file may hold; they prove nothing.
MIN_LENGTH = 8


def collections() -> list[str]:
    return sorted(
        p.name.removesuffix(".postman_collection.json") for p in REAL.glob("*.postman_collection.json")
    )


def environment_for(stem: str) -> Path | None:
    """``<stem>.postman_environment.json``, else one whose first word starts the stem (oci-credentials)."""
    exact = REAL / f"{stem}.postman_environment.json"
    if exact.exists():
        return exact
    for path in sorted(REAL.glob("*.postman_environment.json")):
        prefix = path.name.removesuffix(".postman_environment.json").split("-")[0] + "-"
        if stem.startswith(prefix):
            return path
    return None


def _is_secret_value(value: object) -> bool:
    return isinstance(value, str) and "{{" not in value and len(value.strip()) >= MIN_LENGTH


def _auth_values(auth: object) -> Iterator[str]:
    if not isinstance(auth, dict):
        return
    kind = auth.get("type")
    params = auth.get(kind) if isinstance(kind, str) else None
    pairs = (
        [(p.get("key"), p.get("value")) for p in params if isinstance(p, dict)]
        if isinstance(params, list)
        else list(params.items())
        if isinstance(params, dict)
        else []
    )
    for key, value in pairs:
        if (key in CREDENTIAL_PARAMS or (kind == "apikey" and key == "value")) and _is_secret_value(value):
            yield str(value)


def _named_secret(name: object, typed: object) -> bool:
    return typed == "secret" or (
        isinstance(name, str) and bool(SECRET_NAME.search(name)) and not NOT_SECRET_NAME.search(name)
    )


def _walk(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
        return
    if not isinstance(node, dict):
        return
    yield from _auth_values(node.get("auth"))
    request = node.get("request")
    if isinstance(request, dict):
        for header in request.get("header") or []:
            if isinstance(header, dict) and str(header.get("key", "")).lower() in CREDENTIAL_HEADERS:
                value = str(header.get("value", ""))
                credential = value.partition(" ")[2] if " " in value.strip() else value
                if _is_secret_value(credential):
                    yield credential.strip()
    for child in node.get("item") or []:
        yield from _walk(child)


def saved_secrets(stem: str) -> set[str]:
    """Credentials saved in a collection (auth blocks, secret variables, credential headers) and in its
    environment file."""
    document = json.loads((REAL / f"{stem}.postman_collection.json").read_text(encoding="utf-8"))
    found = set(_walk(document))
    variables = document.get("variable") or []
    env = environment_for(stem)
    if env is not None:
        variables = variables + json.loads(env.read_text(encoding="utf-8")).get("values", [])
    for variable in variables:
        if isinstance(variable, dict) and _named_secret(variable.get("key"), variable.get("type")):
            if _is_secret_value(variable.get("value")):
                found.add(str(variable["value"]))
    return found


def auth_in_force(document: dict[str, Any]) -> dict[str, tuple[str, str] | None]:
    """Each request's pointer -> ``(auth type, pointer of the block in force)``, by Postman's rules: a
    request's own auth, else its nearest folder's, else the collection's; ``noauth`` means none."""
    found: dict[str, tuple[str, str] | None] = {}

    def apply(auth: object, pointer: str, inherited: tuple[str, str] | None) -> tuple[str, str] | None:
        kind = auth.get("type") if isinstance(auth, dict) else None
        if kind == "noauth":
            return None
        if isinstance(kind, str) and kind not in ("", "inherit"):
            return (kind, pointer)
        return inherited

    def visit(node: dict[str, Any], pointer: str, inherited: tuple[str, str] | None) -> None:
        here = apply(node.get("auth"), pointer + "/auth", inherited)
        request = node.get("request")
        if request is not None and "item" not in node:
            own = request.get("auth") if isinstance(request, dict) else None
            found[pointer] = apply(own, pointer + "/request/auth", here)
            return
        for i, child in enumerate(node.get("item") or []):
            if isinstance(child, dict):
                visit(child, f"{pointer}/item/{i}", here)

    visit(document, "", None)
    return found


def auth_problems(api: Any, document: dict[str, Any]) -> list[str]:
    """Operations whose auth is not the block in force (or, where the SDK cannot sign with that block,
    that carry no warning pointing at it)."""
    expected = auth_in_force(document)
    warned = {pointer for pointer, _ in api.warnings}
    problems = []
    for _, op in api.all_operations():
        want = expected.get(op.source)
        got = (op.auth.type, op.auth.source) if op.auth is not None else None
        if got != want and not (got is None and want is not None and want[1] in warned):
            problems.append(f"{op.source}: auth {got} but {want} is in force")
    return problems
