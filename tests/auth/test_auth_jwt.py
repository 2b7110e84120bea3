"""JWTAuth makes the tokens PyJWT makes and verifies, placed where Postman puts them."""

from __future__ import annotations

import base64
import json
from types import ModuleType
from typing import Any

import httpx
import pytest

jwt = pytest.importorskip("jwt")

PAYLOAD = {"sub": "1234567890", "name": "John Doe", "iat": 1516239022, "scopes": ["a", "b"]}
SECRET = "a-string-secret-at-least-256-bits-long-for-hs512-too-0123456789abcdef"


def send(auth_obj: httpx.Auth, url: str = "https://api.example.com/items?x=1") -> httpx.Request:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with httpx.Client(auth=auth_obj, transport=transport) as client:
        client.get(url)
    return sent[0]


def token_of(request: httpx.Request) -> str:
    prefix, _, token = request.headers["authorization"].partition(" ")
    assert prefix == "Bearer"
    return token


def segment(token: str, index: int) -> Any:
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


@pytest.mark.parametrize("algorithm", ["HS256", "HS384", "HS512"])
def test_hmac_tokens_equal_pyjwt(auth: ModuleType, algorithm: str) -> None:
    # "alg" saved first keeps its place (as Postman writes the header), which is pyjwt's order too
    header = {"alg": algorithm, "typ": "JWT"}
    ours = token_of(send(auth.JWTAuth(algorithm, SECRET, json.dumps(PAYLOAD), header=header)))
    assert ours == jwt.encode(PAYLOAD, SECRET, algorithm=algorithm, headers={"typ": "JWT"})


def test_postman_header_is_alg_plus_the_saved_header(auth: ModuleType) -> None:
    saved_header = '{"kid": "key-1", "alg": "ignored"}'
    token = token_of(send(auth.JWTAuth("HS256", SECRET, '{"sub": "ü"}', header=saved_header)))
    assert segment(token, 0) == {"alg": "HS256", "kid": "key-1"}
    assert list(segment(token, 0)) == ["kid", "alg"]  # as Postman: the saved "alg" keeps its place
    assert jwt.decode(token, SECRET, algorithms=["HS256"]) == {"sub": "ü"}


@pytest.mark.parametrize("algorithm", ["RS256", "RS384", "RS512"])
def test_rsa_tokens_equal_pyjwt_without_extra_dependencies(
    auth: ModuleType, rsa_keys: Any, algorithm: str
) -> None:
    pem = rsa_keys.pkcs8.read_text()
    header = {"alg": algorithm, "typ": "JWT"}  # pyjwt's order, as Postman keeps a saved "alg" in place
    token = token_of(send(auth.JWTAuth(algorithm, payload=PAYLOAD, header=header, private_key=pem)))
    assert token == jwt.encode(PAYLOAD, rsa_keys.private_key, algorithm=algorithm, headers={"typ": "JWT"})
    assert jwt.decode(token, rsa_keys.private_key.public_key(), algorithms=[algorithm]) == PAYLOAD


def test_query_placement_and_custom_prefix(auth: ModuleType) -> None:
    in_query = send(auth.JWTAuth("HS256", SECRET, "{}", add_token_to="query", query_param_key="jwt"))
    params = dict(in_query.url.params)
    assert params["x"] == "1" and jwt.decode(params["jwt"], SECRET, algorithms=["HS256"]) == {}
    assert "authorization" not in in_query.headers
    prefixed = send(auth.JWTAuth("HS256", SECRET, "{}", header_prefix="JWT"))
    assert prefixed.headers["authorization"].startswith("JWT ey")


def test_base64_secret(auth: ModuleType) -> None:
    raw = bytes(range(32))
    token = token_of(
        send(auth.JWTAuth("HS256", base64.b64encode(raw).decode(), "{}", is_secret_base64_encoded=True))
    )
    assert jwt.decode(token, raw, algorithms=["HS256"]) == {}


def test_unsupported_or_incomplete_settings_are_clear_errors(auth: ModuleType) -> None:
    for algorithm in ("PS256", "ES256", "none"):
        with pytest.raises(ValueError, match="not supported"):
            auth.JWTAuth(algorithm, SECRET)
    with pytest.raises(ValueError, match="need a secret"):
        auth.JWTAuth("HS256", "")
    with pytest.raises(ValueError, match="JSON object"):
        auth.JWTAuth("HS256", SECRET, "[1, 2]")
