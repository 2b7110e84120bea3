"""What an operation's saved auth puts on its request, for the generated tests.

Read from the saved auth and the test variables alone, as Postman's auth helpers would apply them, so the
generated tests check the SDK's auth runtime rather than restate it. Exact values where the auth is
deterministic (basic, bearer, apikey, an OAuth 2 token); presence where a signature holds a nonce or a clock.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus

from generator.auth import TOKEN_GRANTS, missing_param
from generator.model import AuthSpec

# The token the generated tests' token endpoint hands out.
TEST_ACCESS_TOKEN = "test-access-token"
_TRUE = frozenset({"true", "1", "yes", "on"})


@dataclass(frozen=True)
class AuthExpectation:
    """``headers`` exact; ``present`` only present; saved headers named in ``replaces`` (lowercase) are
    overwritten; ``query`` pairs are appended after dropping saved ones named in ``query_drops``."""

    headers: tuple[tuple[str, str], ...] = ()
    present: tuple[str, ...] = ()
    replaces: frozenset[str] = frozenset()
    query: tuple[tuple[str, str], ...] = ()
    query_drops: frozenset[str] = frozenset()
    query_predictable: bool = True
    token_url: str | None = None


class _Unpredictable(Exception):
    """A parameter the auth reads holds a dynamic variable (``{{$guid}}``)."""


def expect_auth(auth: AuthSpec | None, expand: Callable[[str], str | None]) -> AuthExpectation:
    """The expectation for one operation; ``expand`` fills in test variables (None when unpredictable)."""
    if auth is None:
        return AuthExpectation()
    values: dict[str, str] = {}
    unknown: set[str] = set()
    for key, template in auth.params:
        value = expand(template)
        if value is None:
            unknown.add(key)
        values.setdefault(key, value or "")
    if missing_param(auth.type, {k: "?" if k in unknown else v for k, v in values.items()}):
        return AuthExpectation()  # sent unsigned, as Postman does
    try:
        return _expect(auth.type, _Reader(values, unknown))
    except _Unpredictable:
        return AuthExpectation(replaces=frozenset({"authorization"}), query_predictable=False)


@dataclass(frozen=True)
class _Reader:
    values: Mapping[str, str]
    unknown: set[str]

    def get(self, *keys: str, default: str = "") -> str:
        """The first non-empty value among ``keys`` (Postman renamed some between versions)."""
        for key in keys:
            if key in self.unknown:
                raise _Unpredictable(key)
            if self.values.get(key, "").strip():
                return self.values[key]
        return default

    def raw(self, key: str, default: str) -> str:
        """The saved value as it is, even empty; ``default`` when the key is not saved."""
        if key in self.unknown:
            raise _Unpredictable(key)
        return self.values.get(key, default)

    def flag(self, key: str) -> bool:
        return self.get(key).strip().lower() in _TRUE


_AUTHORIZATION = frozenset({"authorization"})


def _expect(auth_type: str, p: _Reader) -> AuthExpectation:
    if auth_type == "basic":
        pair = f"{p.get('username')}:{p.get('password')}".encode()
        header = "Basic " + base64.b64encode(pair).decode("ascii")
        return AuthExpectation(headers=(("Authorization", header),), replaces=_AUTHORIZATION)
    if auth_type == "bearer":
        return AuthExpectation(
            headers=(("Authorization", f"Bearer {p.get('token')}"),), replaces=_AUTHORIZATION
        )
    if auth_type == "apikey":
        key, value = p.get("key"), p.get("value")
        if p.get("in", default="header") == "query":
            return AuthExpectation(query=((key, value),), query_drops=frozenset({key}))
        return AuthExpectation(headers=((key, value),), replaces=frozenset({key.lower()}))
    if auth_type == "oauth2":
        return _expect_oauth2(p)
    if auth_type == "awsv4":
        session = p.get("sessionToken")
        return AuthExpectation(
            headers=(("X-Amz-Security-Token", session),) if session else (),
            present=("Authorization", "X-Amz-Date"),
            replaces=frozenset({"authorization", "x-amz-date", "x-amz-security-token"}),
        )
    in_header = {
        "oauth1": p.flag("addParamsToHeader"),
        "jwt": p.get("addTokenTo") not in ("queryParam", "query"),
        "hawk": True,
        "edgegrid": True,
        # digest: signed with a saved realm and nonce; else the first request goes out bare for a challenge
        "digest": True if p.get("realm") and p.get("nonce") else None,
    }.get(auth_type)
    if in_header is None:
        return AuthExpectation()
    if in_header:
        return AuthExpectation(present=("Authorization",), replaces=_AUTHORIZATION)
    return AuthExpectation(query_predictable=False)


def _expect_oauth2(p: _Reader) -> AuthExpectation:
    grant = p.get("grant_type", "grantType")
    token_url = p.get("accessTokenUrl")
    fetches = token_url != "" and {"password_credentials": "password"}.get(grant, grant) in TOKEN_GRANTS
    token = TEST_ACCESS_TOKEN if fetches else p.get("accessToken")
    url = token_url if fetches else None
    if p.get("addTokenTo") in ("queryParams", "query", "url"):
        return AuthExpectation(
            query=(("access_token", token),), query_drops=frozenset({"access_token"}), token_url=url
        )
    prefix = p.raw("headerPrefix", default="Bearer").strip()  # saved empty: the token alone
    header = f"{prefix} {token}" if prefix else token
    return AuthExpectation(headers=(("Authorization", header),), replaces=_AUTHORIZATION, token_url=url)


def with_auth_query(url: str, expectation: AuthExpectation) -> str:
    """The expected URL once the auth has put its query parameters on it (encoded as RFC 3986 asks)."""
    if not expectation.query and not expectation.query_drops:
        return url
    base, _, query = url.partition("?")
    kept = [
        p for p in query.split("&") if p and unquote_plus(p.partition("=")[0]) not in expectation.query_drops
    ]
    kept += [f"{quote(k, safe='-._~')}={quote(v, safe='-._~')}" for k, v in expectation.query]
    return base + ("?" + "&".join(kept) if kept else "")
