"""The generator and the SDK agree on which auth blocks cannot sign: what ``missing_param`` reports at
generation is exactly what makes ``build_auth`` raise ``MissingAuthParam`` at run time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.auth import SUPPORTED_AUTH, missing_param

AUTH_MODULE = Path(__file__).resolve().parents[2] / "templates" / "sdk" / "_auth.py"

COMPLETE = {
    "basic": {"username": "u", "password": "p"},
    "digest": {"username": "u", "password": "p"},
    "bearer": {"token": "t"},
    "apikey": {"key": "X-Key", "value": "v", "in": "header"},
    "oauth1": {"consumerKey": "ck", "consumerSecret": "cs", "signatureMethod": "HMAC-SHA1"},
    "oauth2": {"accessToken": "at", "addTokenTo": "header"},
    "awsv4": {"accessKey": "ak", "secretKey": "sk", "region": "us-east-1", "service": "s3"},
    "hawk": {"authId": "id", "authKey": "key", "algorithm": "sha256"},
    "edgegrid": {"clientToken": "ct", "clientSecret": "cs", "accessToken": "at"},
    "jwt": {"algorithm": "HS256", "secret": "s" * 32, "payload": "{}"},
}


@pytest.fixture(scope="module")
def auth() -> ModuleType:
    name = "gen_client_auth_for_required_params"
    spec = importlib.util.spec_from_file_location(name, AUTH_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_every_supported_type_is_covered() -> None:
    assert set(COMPLETE) == SUPPORTED_AUTH


@pytest.mark.parametrize("auth_type", sorted(COMPLETE))
def test_complete_blocks_sign(auth: ModuleType, auth_type: str) -> None:
    assert missing_param(auth_type, COMPLETE[auth_type]) is None
    assert auth.build_auth(auth_type, COMPLETE[auth_type]) is not None


@pytest.mark.parametrize(
    ("auth_type", "dropped"), [(t, k) for t, params in sorted(COMPLETE.items()) for k in params]
)
@pytest.mark.parametrize("how", ["absent", "empty"])
def test_dropping_a_parameter_agrees(auth: ModuleType, auth_type: str, dropped: str, how: str) -> None:
    params = {k: v for k, v in COMPLETE[auth_type].items() if k != dropped}
    if how == "empty":
        params[dropped] = ""
    missing = missing_param(auth_type, params)
    if missing is None:
        assert auth.build_auth(auth_type, params) is not None
    else:
        assert missing == dropped
        with pytest.raises(auth.MissingAuthParam, match=missing):
            auth.build_auth(auth_type, params)


@pytest.mark.parametrize(
    "params",
    [
        {"algorithm": "RS256"},
        {"algorithm": "HS512"},
    ],
)
def test_jwt_needs_the_key_its_algorithm_uses(auth: ModuleType, params: dict[str, str]) -> None:
    missing = missing_param("jwt", params)
    assert missing == ("privateKey" if params["algorithm"].startswith("RS") else "secret")
    with pytest.raises(auth.MissingAuthParam):
        auth.build_auth("jwt", params)


def test_oauth2_token_fetch_needs_no_saved_token(auth: ModuleType) -> None:
    params = {"grant_type": "client_credentials", "accessTokenUrl": "https://a.test/t", "clientId": "c"}
    assert missing_param("oauth2", params) is None
    assert type(auth.build_auth("oauth2", params)).__name__ == "OAuth2ClientCredentials"
    assert (
        missing_param("oauth2", {"grant_type": "authorization_code", "accessTokenUrl": "x"}) == "accessToken"
    )


def test_oauth1_rsa_needs_a_private_key(auth: ModuleType) -> None:
    params = {"consumerKey": "ck", "signatureMethod": "RSA-SHA256"}
    assert missing_param("oauth1", params) == "privateKey"
    with pytest.raises(auth.MissingAuthParam):
        auth.build_auth("oauth1", params)
