"""Auth: Postman auth objects (v2.1 lists, v2.0 objects), inheritance, and secrets kept out of the SDK."""

from __future__ import annotations

from collections.abc import Mapping

from generator import naming
from generator.errors import join_pointer
from generator.model import AuthSpec
from generator.parse_request import sole_variable, text

SECRET_AUTH_KEYS = frozenset(
    {
        "password",
        "token",
        "accessToken",
        "consumerSecret",
        "tokenSecret",
        "clientSecret",
        "secretKey",
        "sessionToken",
        "authKey",
        "secret",
        "privateKey",
        "refreshToken",
        "value",
    }
)

SUPPORTED_AUTH = frozenset(
    {"basic", "bearer", "apikey", "digest", "oauth1", "oauth2", "awsv4", "hawk", "edgegrid", "jwt"}
)


def parse_auth(value: object, pointer: str) -> AuthSpec | None:
    """A Postman auth object (v2.1 list params or v2.0 object params) -> AuthSpec."""
    if not isinstance(value, Mapping):
        return None
    auth_type = text(value.get("type"))
    raw_params = value.get(auth_type)
    params: list[tuple[str, str]] = []
    if isinstance(raw_params, list):
        for p in raw_params:
            if isinstance(p, Mapping) and p.get("key") is not None:
                params.append((text(p.get("key")), text(p.get("value"))))
    elif isinstance(raw_params, Mapping):
        params.extend((str(k), text(v)) for k, v in raw_params.items())
    return AuthSpec(auth_type, tuple(params), pointer)


def resolve_auth(
    parent: AuthSpec | None, value: object, pointer: str, secrets: dict[str, str]
) -> AuthSpec | None:
    """Postman inheritance: a missing or null auth inherits; ``noauth`` stops it."""
    if not isinstance(value, Mapping):
        return parent
    spec = parse_auth(value, pointer)
    if spec is None or spec.type == "noauth":
        return None
    if spec.type == "inherit":
        return parent
    params = []
    for key, saved in spec.params:
        if key in SECRET_AUTH_KEYS and saved and sole_variable(saved) is None:
            variable = f"{spec.type}_{naming.snake(key)}"
            secrets.setdefault(variable, join_pointer(pointer, spec.type))
            saved = "{{" + variable + "}}"
        params.append((key, saved))
    return AuthSpec(spec.type, tuple(params), spec.source)
