"""Auth as the generator reads it: both saved shapes, Postman's inheritance, the blocks it cannot sign
with, and every saved credential turned into a variable whose manifest source points at the saved value."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import load
from generator.model import Api, AuthSpec, Operation
from generator.parse import parse
from generator.secrets import env_origins

from .kit import pointer_value
from .zoo import LITERALS, collection, environment, to_v20

Parse = Callable[..., Api]
SHAPES = {"v2.1": collection, "v2.0": lambda: to_v20(collection())}


@pytest.fixture
def parse_doc(tmp_path: Path) -> Parse:
    def run(document: dict[str, Any], env: dict[str, Any] | None = None) -> Api:
        path = tmp_path / "collection.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        overrides = {v["key"]: v["value"] for v in env["values"]} if env else {}
        return parse(load.load(str(path)), overrides=overrides, override_origins=env_origins(env, {}))

    return run


def operations(api: Api) -> dict[str, Operation]:
    return {op.name: op for _, op in api.all_operations()}


def auth_of(api: Api, name: str) -> AuthSpec | None:
    return operations(api)[name].auth


@pytest.mark.parametrize("shape", SHAPES)
def test_each_operation_resolves_request_folder_collection(parse_doc: Parse, shape: str) -> None:
    api = parse_doc(SHAPES[shape](), environment())
    types = {name: (op.auth.type if op.auth else None) for name, op in operations(api).items()}
    assert types == {
        "Get tweet": "oauth1",  # the folder's
        "Post status": "oauth1",
        "Me": "bearer",  # no folder auth: the collection's
        "Public": None,  # noauth stops inheritance
        "Deep": "bearer",  # two levels down, still the collection's
        "Search": "apikey",
        "Header key": "apikey",  # the request's own wins over its folder's
        "Basic op": "basic",
        "Digest op": "digest",
        "List functions": "awsv4",
        "Ntlm op": None,  # unsupported: sent without auth, with a warning
        "Empty oauth1": None,  # Postman sends these unsigned
        "Oauth2 no token": None,
        "Token op": "oauth2",
        "Token op two": "oauth2",
        "Hawk op": "hawk",
        "Jwt op": "jwt",
        "Header creds": None,
        "Query creds": None,
    }


@pytest.mark.parametrize("shape", SHAPES)
def test_both_shapes_give_the_same_parameters(parse_doc: Parse, shape: str) -> None:
    api = parse_doc(SHAPES[shape]())
    keys = auth_of(api, "Search")
    assert keys is not None and dict(keys.params) == {
        "key": "api_key",  # a name, not a secret
        "value": "{{apikey_value}}",
        "in": "query",
    }
    signed = auth_of(api, "Get tweet")
    assert signed is not None and dict(signed.params) == {
        "consumerKey": "{{oauth1_consumer_key}}",
        "consumerSecret": "{{oauth1_consumer_secret}}",
        "token": "{{user_token}}",  # already a variable: kept
        "tokenSecret": "{{user_token_secret}}",
        "signatureMethod": "HMAC-SHA1",
        "addParamsToHeader": "true",
        "version": "1.0",
    }
    cloud = auth_of(api, "List functions")
    assert cloud is not None and dict(cloud.params)["secretKey"] == "{{aws_secret}}"
    assert dict(cloud.params)["accessKey"] == "{{awsv4_access_key}}"


def test_sources_point_at_the_saved_value_in_each_shape(parse_doc: Parse) -> None:
    v21 = dict(parse_doc(SHAPES["v2.1"]()).secrets)
    v20 = dict(parse_doc(SHAPES["v2.0"]()).secrets)
    assert v21["bearer_token"] == "/auth/bearer/0/value"
    assert v20["bearer_token"] == "/auth/bearer/token"
    assert v21["basic_password"] == "/item/3/auth/basic/1/value"
    assert v20["basic_password"] == "/item/3/auth/basic/password"
    assert v21["apikey_value"] == "/item/2/auth/apikey/1/value"
    assert v20["apikey_value"] == "/item/2/auth/apikey/value"


@pytest.mark.parametrize("shape", SHAPES)
def test_every_source_holds_the_secret_it_names(parse_doc: Parse, shape: str) -> None:
    document, env = SHAPES[shape](), environment()
    api = parse_doc(document, env)
    saved = set(LITERALS.values())
    for variable, source in api.secrets:
        where, _, pointer = source.rpartition("#")
        value = pointer_value(env if where == "--env" else document, pointer)
        assert isinstance(value, str) and any(secret in value for secret in saved), (variable, source)
    # Each literal credential has a variable (the ntlm password is never used, so never generated).
    found = {
        pointer_value(env if s.startswith("--env") else document, s.rpartition("#")[2])
        for _, s in api.secrets
    }
    missing = {k for k, v in LITERALS.items() if not any(v in str(f) for f in found)}
    assert missing == {"ntlm_password"}


def test_one_warning_per_secret_and_per_unusable_block(parse_doc: Parse) -> None:
    api = parse_doc(collection(), environment())
    left_out = [(p, m) for p, m in api.warnings if "left out of the SDK" in m]
    assert sorted(p for p, _ in left_out) == sorted(s for _, s in api.secrets)
    assert all("AUTH_ZOO_" in m for _, m in left_out)  # names the environment variable to set
    auth_warnings = {p: m for p, m in api.warnings if "auth" in m and "left out" not in m}
    assert set(auth_warnings) == {
        "/item/5/auth",
        "/item/5/item/1/request/auth",
        "/item/5/item/2/request/auth",
    }
    assert "'ntlm' not supported" in auth_warnings["/item/5/auth"]
    assert "no 'consumerKey'" in auth_warnings["/item/5/item/1/request/auth"]
    assert "no 'accessToken'" in auth_warnings["/item/5/item/2/request/auth"]


def test_secret_variables_keep_no_default(parse_doc: Parse) -> None:
    api = parse_doc(collection(), environment())
    variables = {v.name: v for v in api.variables}
    for name in ("db_password", "opaque", "user_token", "user_token_secret", "bearer_token", "x_api_key"):
        assert variables[name].secret and variables[name].default is None, name
    assert variables["plain"].default == "hello" and not variables["plain"].secret
    assert variables["region_name"].default == "eu-west-1"  # an environment value that is no secret


def test_literal_header_and_query_credentials_become_variables(parse_doc: Parse) -> None:
    ops = operations(parse_doc(collection()))
    headers = {h.key: h.value for h in ops["Header creds"].headers}
    assert headers == {
        "Authorization": "Bearer {{authorization}}",
        "x-api-key": "{{x_api_key}}",
        "Accept": "application/json",
    }
    query = {q.key: q.value for q in ops["Query creds"].url.query}
    assert query == {"api_key": "{{api_key}}", "page": "2"}


def _mini(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    schema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    return {"info": {"name": "Mini", "schema": schema}, "item": list(items), **extra}


def _bearer(token: str) -> dict[str, Any]:
    return {"type": "bearer", "bearer": [{"key": "token", "value": token}]}


def _item(name: str, auth: dict[str, Any] | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"method": "GET", "url": f"https://api.example.test/{name}"}
    if auth is not None:
        request["auth"] = auth
    return {"name": name, "request": request}


def test_same_saved_secret_shares_a_variable_different_ones_do_not(parse_doc: Parse) -> None:
    api = parse_doc(
        _mini(
            _item("a", _bearer("same-secret-value")),
            _item("b", _bearer("same-secret-value")),
            _item("c", _bearer("other-secret-value")),
            _item("d", {"type": "inherit"}),
        )
    )
    ops = operations(api)
    tokens = {name: dict(op.auth.params)["token"] for name, op in ops.items() if op.auth}
    assert tokens == {"a": "{{bearer_token}}", "b": "{{bearer_token}}", "c": "{{bearer_token_2}}"}
    assert ops["d"].auth is None  # "inherit" with nothing above: no auth
    assert [m for _, m in api.warnings].count(next(m for _, m in api.warnings if "'bearer_token'" in m)) == 1


def test_stand_in_never_takes_a_collection_variable_name(parse_doc: Parse) -> None:
    api = parse_doc(
        _mini(_item("a", _bearer("literal-token-value")), variable=[{"key": "bearer_token", "value": ""}])
    )
    assert dict(api.secrets) == {"bearer_token_2": "/item/0/request/auth/bearer/0/value"}


def test_env_value_for_a_secret_collection_variable_stays_secret(parse_doc: Parse) -> None:
    document = _mini(_item("a"), variable=[{"key": "opaque", "value": "", "type": "secret"}])
    env = {"values": [{"key": "opaque", "value": "from-the-environment"}]}
    api = parse_doc(document, env)
    assert next(v for v in api.variables if v.name == "opaque").default is None
    assert dict(api.secrets) == {"opaque": "--env#/values/0/value"}


@pytest.mark.parametrize(
    ("auth", "problem"),
    [
        ({"type": "oauth1", "oauth1": []}, "no 'consumerKey'"),
        ({"type": "bearer", "bearer": [{"key": "token", "value": ""}]}, "no 'token'"),
        ({"type": "apikey", "apikey": [{"key": "value", "value": "x"}]}, "no 'key'"),
        ({"type": "awsv4", "awsv4": [{"key": "accessKey", "value": "{{a}}"}]}, "no 'secretKey'"),
        ({"type": "jwt", "jwt": [{"key": "algorithm", "value": "RS256"}]}, "no 'privateKey'"),
        ({"type": "jwt", "jwt": [{"key": "algorithm", "value": "ES256"}]}, "'ES256' is not supported"),
        ({"type": "asap", "asap": [{"key": "privateKey", "value": "k"}]}, "'asap' not supported"),
        ({"type": "mystery"}, "'mystery' not supported"),
    ],
)
def test_blocks_the_sdk_cannot_sign_with_warn_with_their_pointer(
    parse_doc: Parse, auth: dict[str, Any], problem: str
) -> None:
    api = parse_doc(_mini(_item("a", auth)))
    assert operations(api)["a"].auth is None
    assert [(p, m) for p, m in api.warnings if problem in m][0][0] == "/item/0/request/auth"


def test_oauth2_with_a_token_url_needs_no_saved_token(parse_doc: Parse) -> None:
    params = {"grant_type": "client_credentials", "accessTokenUrl": "{{auth}}/token", "clientId": "c"}
    auth = {"type": "oauth2", "oauth2": [{"key": k, "value": v} for k, v in params.items()]}
    api = parse_doc(_mini(_item("a", auth)))
    spec = operations(api)["a"].auth
    assert spec is not None and spec.type == "oauth2" and not api.warnings
