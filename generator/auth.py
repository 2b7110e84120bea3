"""Auth: Postman auth blocks (v2.1 lists, v2.0 objects) -> AuthSpec, inherited as Postman does, with saved
secrets replaced by variables and blocks the SDK cannot sign with reported as warnings."""

from __future__ import annotations

from collections.abc import Mapping

from generator.errors import join_pointer
from generator.model import Api, AuthSpec
from generator.parse_request import text
from generator.secrets import Secrets, is_literal

Warnings = list[tuple[str, str]]

SUPPORTED_AUTH = frozenset(
    {"basic", "bearer", "apikey", "digest", "oauth1", "oauth2", "awsv4", "hawk", "edgegrid", "jwt"}
)
# The parameters of each type whose saved values are credentials (Postman's parameter names). The apikey's
# ``key`` is a header or query name, not a secret; ids and usernames are not secrets either.
SECRET_PARAMS: Mapping[str, frozenset[str]] = {
    "basic": frozenset({"password"}),
    "digest": frozenset({"password"}),
    "bearer": frozenset({"token"}),
    "apikey": frozenset({"value"}),
    "oauth1": frozenset({"consumerKey", "consumerSecret", "token", "tokenSecret", "privateKey"}),
    "oauth2": frozenset(
        {"accessToken", "refreshToken", "idToken", "id_token", "clientSecret", "client_secret", "password"}
    ),
    "awsv4": frozenset({"accessKey", "secretKey", "sessionToken"}),
    "hawk": frozenset({"authKey"}),
    "edgegrid": frozenset({"clientToken", "clientSecret", "accessToken"}),
    "jwt": frozenset({"secret", "privateKey", "passphrase"}),
}
# Without these Postman sends the request unsigned (and the SDK's build_auth raises MissingAuthParam).
REQUIRED_PARAMS: Mapping[str, tuple[str, ...]] = {
    "bearer": ("token",),
    "apikey": ("key",),
    "oauth1": ("consumerKey",),
    "awsv4": ("accessKey", "secretKey"),
    "hawk": ("authId", "authKey"),
    "edgegrid": ("clientToken", "clientSecret", "accessToken"),
}
# Literal choices the SDK's signers implement; anything else cannot be signed here.
CHOICES: Mapping[tuple[str, str], frozenset[str]] = {
    ("oauth1", "signatureMethod"): frozenset(
        {"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT"}
    ),
    ("jwt", "algorithm"): frozenset({"HS256", "HS384", "HS512", "RS256", "RS384", "RS512"}),
    ("hawk", "algorithm"): frozenset({"sha256", "sha1"}),
}
TOKEN_GRANTS = frozenset({"client_credentials", "password", "password_credentials"})


def auth_params(value: Mapping[str, object], auth_type: str, pointer: str) -> list[tuple[str, str, str]]:
    """``(key, saved value, JSON pointer of the value)`` for each parameter, in either shape."""
    raw = value.get(auth_type)
    here = join_pointer(pointer, auth_type)
    found: list[tuple[str, str, str]] = []
    if isinstance(raw, list):  # v2.1: [{"key", "value", "type"}]
        for i, p in enumerate(raw):
            if isinstance(p, Mapping) and p.get("key") is not None:
                found.append((text(p.get("key")), text(p.get("value")), join_pointer(here, i, "value")))
    elif isinstance(raw, Mapping):  # v2.0: {"key": value}
        found.extend((str(k), text(v), join_pointer(here, str(k))) for k, v in raw.items())
    return found


def parse_auth(value: object, pointer: str) -> AuthSpec | None:
    """A Postman auth block as it is saved (no inheritance, no secret handling) -> AuthSpec."""
    if not isinstance(value, Mapping):
        return None
    auth_type = text(value.get("type")).strip()
    params = tuple((k, v) for k, v, _ in auth_params(value, auth_type, pointer))
    return AuthSpec(auth_type, params, pointer)


def _get(params: Mapping[str, str], *keys: str) -> str:
    return next((params[k] for k in keys if params.get(k, "").strip()), "")


def missing_param(auth_type: str, params: Mapping[str, str]) -> str | None:
    """The parameter without which Postman sends the request unsigned, if the block lacks one."""
    if auth_type == "oauth2":
        grant = _get(params, "grant_type", "grantType")
        if grant in TOKEN_GRANTS and _get(params, "accessTokenUrl"):
            return None
        return None if _get(params, "accessToken") else "accessToken"
    if auth_type == "oauth1" and _get(params, "signatureMethod").startswith("RSA"):
        return None if _get(params, "privateKey") else "privateKey"
    if auth_type == "jwt":
        key = "privateKey" if _get(params, "algorithm").startswith("RS") else "secret"
        return None if _get(params, key) else key
    return next((k for k in REQUIRED_PARAMS.get(auth_type, ()) if not _get(params, k)), None)


def unsupported_choice(auth_type: str, params: Mapping[str, str]) -> str | None:
    """A saved option the SDK's signer does not implement (``jwt`` ES256, ``oauth1`` RSA-MD5, ...)."""
    for (kind, key), allowed in CHOICES.items():
        value = params.get(key, "").strip()
        if kind == auth_type and value and "{{" not in value and value not in allowed:
            return f"{auth_type} {key} {value[:40]!r} is not supported"
    return None


def _usable(spec: AuthSpec, warnings: Warnings) -> bool:
    """False (with a warning) for a block the SDK cannot sign with; its requests go out without auth."""
    params = dict(spec.params)
    if spec.type not in SUPPORTED_AUTH:
        shown = spec.type[:40] or "(none)"
        warnings.append(
            (
                spec.source,
                f"auth type {shown!r} not supported: requests using it are sent without auth; "
                "pass auth= (any httpx.Auth) to the client",
            )
        )
        return False
    choice = unsupported_choice(spec.type, params)
    if choice is not None:
        warnings.append((spec.source, f"{choice}: requests using it are sent without auth; pass auth="))
        return False
    missing = missing_param(spec.type, params)
    if missing is not None:
        warnings.append(
            (
                spec.source,
                f"{spec.type} auth has no {missing!r}: Postman sends its requests unsigned and so "
                "does the SDK; pass auth= to authenticate them",
            )
        )
        return False
    return True


def resolve_auth(
    parent: AuthSpec | None, value: object, pointer: str, secrets: Secrets, warnings: Warnings
) -> AuthSpec | None:
    """The auth in force below a request, folder or collection: a missing, null or ``inherit`` auth
    inherits; ``noauth`` stops inheritance; saved credentials become ``{{variables}}``."""
    if not isinstance(value, Mapping):
        return parent
    auth_type = text(value.get("type")).strip()
    if auth_type in ("", "inherit"):
        return parent
    if auth_type == "noauth":
        return None
    found = auth_params(value, auth_type, pointer)
    if not _usable(AuthSpec(auth_type, tuple((k, v) for k, v, _ in found), pointer), warnings):
        return None
    secret_keys = SECRET_PARAMS.get(auth_type, frozenset())
    params = tuple(
        (key, secrets.template(f"{auth_type}_{key}", saved, source))
        if key in secret_keys and is_literal(saved)
        else (key, saved)
        for key, saved, source in found
    )
    return AuthSpec(auth_type, params, pointer)


def operation_auth(signed: bool, spec: AuthSpec | None) -> str:
    """How one operation authenticates, for reports: its auth type, ``oci-signed``, or ``none``."""
    if spec is not None:
        return spec.type
    return "oci-signed" if signed else "none"


def auth_summary(api: Api) -> list[tuple[str, int]]:
    """``(auth type, operations)`` in order of first use; OCI placeholder headers count as ``oci-signed``."""
    counts: dict[str, int] = {}
    for _, op in api.all_operations():
        label = operation_auth(any(h.signed for h in op.headers), op.auth)
        counts[label] = counts.get(label, 0) + 1
    return list(counts.items())
