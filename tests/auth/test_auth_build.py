"""build_auth maps Postman auth types and parameter names to runtime classes; redaction; self-containment."""

from __future__ import annotations

import ast
import base64
import json
import re
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
REAL_COLLECTIONS = REPO.parent / "shared" / "collections" / "real"


@pytest.mark.parametrize(
    ("auth_type", "params", "class_name"),
    [
        ("basic", {"username": "u", "password": "p"}, "BasicAuth"),
        ("bearer", {"token": "t"}, "BearerAuth"),
        ("apikey", {"key": "X-API-Key", "value": "v", "in": "header"}, "APIKeyAuth"),
        ("digest", {"username": "u", "password": "p", "realm": "r", "nonce": "n"}, "DigestAuth"),
        (
            "oauth1",
            {"consumerKey": "ck", "consumerSecret": "cs", "signatureMethod": "HMAC-SHA256"},
            "OAuth1Auth",
        ),
        ("oauth2", {"accessToken": "at", "addTokenTo": "header"}, "OAuth2Auth"),
        (
            "oauth2",
            {
                "accessTokenUrl": "https://idp/t",
                "clientId": "c",
                "clientSecret": "s",
                "grant_type": "client_credentials",
            },
            "OAuth2ClientCredentials",
        ),
        (
            "awsv4",
            {"accessKey": "a", "secretKey": "s", "region": "eu-west-1", "service": "s3"},
            "AWSSigV4Auth",
        ),
        ("hawk", {"authId": "id", "authKey": "key", "algorithm": "sha256"}, "HawkAuth"),
        ("edgegrid", {"accessToken": "a", "clientToken": "c", "clientSecret": "s"}, "EdgeGridAuth"),
        ("jwt", {"algorithm": "HS256", "secret": "s", "payload": "{}"}, "JWTAuth"),
    ],
)
def test_each_postman_type_builds_its_class(
    auth: ModuleType, auth_type: str, params: dict[str, str], class_name: str
) -> None:
    built = auth.build_auth(auth_type, params)
    assert type(built).__name__ == class_name
    assert isinstance(built, httpx.Auth)


def test_noauth_is_none_and_unknown_types_are_refused(auth: ModuleType) -> None:
    assert auth.build_auth("noauth", {}) is None
    with pytest.raises(ValueError, match="'ntlm' is not supported.*auth="):
        auth.build_auth("ntlm", {"username": "u"})


@pytest.mark.parametrize(
    ("auth_type", "missing"),
    [
        ("bearer", "token"),
        ("apikey", "key"),
        ("oauth1", "consumerKey"),
        ("awsv4", "accessKey"),
        ("hawk", "authId"),
    ],
)
def test_missing_required_parameters_are_named(auth: ModuleType, auth_type: str, missing: str) -> None:
    with pytest.raises(ValueError, match=f"{auth_type} auth needs the '{missing}' parameter"):
        auth.build_auth(auth_type, {})


def test_oauth2_without_a_token_or_a_fetchable_grant_explains_why(auth: ModuleType) -> None:
    with pytest.raises(ValueError, match="'authorization_code' cannot be fetched"):
        auth.build_auth("oauth2", {"grant_type": "authorization_code", "accessTokenUrl": "https://idp/t"})


def captured(
    auth_obj: httpx.Auth, method: str = "GET", url: str = "https://api.example.com/v1?x=1"
) -> httpx.Request:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with httpx.Client(auth=auth_obj, transport=transport) as client:
        client.request(method, url)
    return sent[0]


def test_postman_options_take_effect(auth: ModuleType) -> None:
    in_query = captured(auth.build_auth("apikey", {"key": "api_key", "value": "v", "in": "query"}))
    assert in_query.url.params["api_key"] == "v"
    oauth1_header = {"consumerKey": "ck", "consumerSecret": "cs", "addParamsToHeader": "true", "realm": "R"}
    assert (
        captured(auth.build_auth("oauth1", oauth1_header))
        .headers["authorization"]
        .startswith('OAuth realm="R"')
    )
    oauth1_query = captured(auth.build_auth("oauth1", {"consumerKey": "ck", "consumerSecret": "cs"}))
    assert "oauth_signature" in oauth1_query.url.params and oauth1_query.url.params["x"] == "1"
    oauth2_query = {"accessToken": "at", "addTokenTo": "queryParams", "headerPrefix": "Token"}
    assert captured(auth.build_auth("oauth2", oauth2_query)).url.params["access_token"] == "at"
    assert (
        captured(auth.build_auth("oauth2", {"accessToken": "at", "headerPrefix": "Token"})).headers[
            "authorization"
        ]
        == "Token at"
    )
    jwt_query = {"secret": "s", "addTokenTo": "queryParam", "queryParamKey": "t"}
    assert captured(auth.build_auth("jwt", jwt_query)).url.params["t"].count(".") == 2
    aws = captured(auth.build_auth("awsv4", {"accessKey": "a", "secretKey": "s", "sessionToken": "tok"}))
    assert "/us-east-1/execute-api/aws4_request" in aws.headers["authorization"]
    assert aws.headers["x-amz-security-token"] == "tok"
    edgegrid = {"accessToken": "a", "clientToken": "c", "clientSecret": "s", "baseURL": "https://h.example/"}
    assert (
        captured(auth.build_auth("edgegrid", edgegrid)).headers["authorization"].startswith("EG1-HMAC-SHA256")
    )


def test_saved_helper_nonce_and_timestamp_are_not_replayed(auth: ModuleType) -> None:
    params = {"consumerKey": "ck", "consumerSecret": "cs", "nonce": "yPmTxQ", "timestamp": "1415542860"}
    query = captured(auth.build_auth("oauth1", params)).url.params
    assert query["oauth_nonce"] != "yPmTxQ" and query["oauth_timestamp"] != "1415542860"


def test_client_credentials_through_build_auth_against_the_server(
    auth: ModuleType, server: Any, creds: SimpleNamespace
) -> None:
    client_id, client_secret = creds.client
    params = {
        "grant_type": "client_credentials",
        "accessTokenUrl": f"{server.url}/token",
        "clientId": client_id,
        "clientSecret": client_secret,
        "client_authentication": "body",
        "scope": "read",
    }
    with httpx.Client(auth=auth.build_auth("oauth2", params)) as client:
        assert client.get(f"{server.url}/api").status_code == 200
    assert server.state.token_requests[0]["client_id"] == client_id


def _auth_blocks(value: Any) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    if isinstance(value, dict):
        kind = value.get("type")
        if isinstance(kind, str) and isinstance(value.get(kind), (list, dict)) and len(value) <= 3:
            raw = value[kind]
            pairs = raw.items() if isinstance(raw, dict) else ((e.get("key"), e.get("value")) for e in raw)
            found.append((kind, {str(k): "" if v is None else str(v) for k, v in pairs if k}))
        for child in value.values():
            found += _auth_blocks(child)
    elif isinstance(value, list):
        for child in value:
            found += _auth_blocks(child)
    return found


def test_every_auth_block_in_the_real_collections_builds_or_is_refused_clearly(auth: ModuleType) -> None:
    if not REAL_COLLECTIONS.is_dir():
        pytest.skip("the shared collections are not beside this checkout")
    blocks: list[tuple[str, dict[str, str]]] = []
    for path in sorted(REAL_COLLECTIONS.rglob("*.json")):
        try:
            blocks += _auth_blocks(json.loads(path.read_text(encoding="utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
    kinds = {kind for kind, _ in blocks}
    assert {"basic", "bearer", "oauth1", "oauth2", "awsv4", "hawk", "digest", "apikey"} <= kinds
    built = 0
    for kind, params in blocks:
        resolved = {key: re.sub(r"\{\{[^}]*\}\}", "resolved", value) for key, value in params.items()}
        try:
            result = auth.build_auth(kind, resolved)
        except ValueError:
            continue  # ntlm, an interactive oauth2 grant, a placeholder key: refused with a message
        assert result is None or isinstance(result, httpx.Auth)
        built += 1
    assert built > len(blocks) / 2


def test_redact_headers_hides_secrets_only(auth: ModuleType) -> None:
    headers = httpx.Headers(
        {
            "Authorization": "Bearer t",
            "X-Amz-Security-Token": "s",
            "Cookie": "c=1",
            "Accept": "*/*",
            "X-Key": "k",
        }
    )
    redacted = auth.redact_headers(headers, extra=["x-key"])
    assert redacted == {
        "authorization": auth.REDACTED,
        "x-amz-security-token": auth.REDACTED,
        "cookie": auth.REDACTED,
        "accept": "*/*",
        "x-key": auth.REDACTED,
    }
    assert auth.redact_headers([("Set-Cookie", "a"), ("ETag", "e")]) == {
        "Set-Cookie": auth.REDACTED,
        "ETag": "e",
    }
    assert headers["authorization"] == "Bearer t"  # the original is untouched
    assert "x-api-key" in auth.SENSITIVE_HEADERS and "proxy-authorization" in auth.SENSITIVE_HEADERS


def test_module_imports_only_the_standard_library_and_httpx(auth: ModuleType) -> None:
    tree = ast.parse(Path(auth.__file__).read_text())
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert imported - set(sys.stdlib_module_names) - {"__future__"} == {"httpx"}


def test_public_surface(auth: ModuleType) -> None:
    assert sorted(auth.__all__) == sorted(
        [
            "SENSITIVE_HEADERS",
            "APIKeyAuth",
            "AWSSigV4Auth",
            "BasicAuth",
            "BearerAuth",
            "DigestAuth",
            "EdgeGridAuth",
            "HawkAuth",
            "JWTAuth",
            "MissingAuthParam",
            "OAuth1Auth",
            "OAuth2Auth",
            "OAuth2ClientCredentials",
            "OCISigner",
            "TokenError",
            "build_auth",
            "digest_auth",
            "redact_headers",
        ]
    )
    for name in auth.__all__:
        assert hasattr(auth, name)


def test_a_prefix_saved_empty_sends_the_token_alone(auth: ModuleType) -> None:
    def sent(auth_type: str, params: dict[str, str]) -> str:
        flow = auth.build_auth(auth_type, params).auth_flow(httpx.Request("GET", "https://api.example.test/"))
        return str(next(flow).headers["Authorization"])

    oauth2 = {"accessToken": "tok", "addTokenTo": "header"}
    assert sent("oauth2", oauth2) == "Bearer tok"  # none saved: Bearer
    assert sent("oauth2", {**oauth2, "headerPrefix": ""}) == "tok"
    assert sent("oauth2", {**oauth2, "headerPrefix": " Token "}) == "Token tok"  # Postman trims it
    jwt = {"algorithm": "HS256", "secret": "s", "payload": "{}"}
    assert sent("jwt", jwt).startswith("Bearer ey")
    assert sent("jwt", {**jwt, "headerPrefix": ""}).startswith("ey")


def test_jwt_header_fields_come_before_alg_as_postman_writes_them(auth: ModuleType) -> None:
    signer = auth.build_auth(
        "jwt", {"algorithm": "HS256", "secret": "s", "payload": "{}", "header": '{"kid": "k"}'}
    )
    token = str(next(signer.auth_flow(httpx.Request("GET", "https://a.test/"))).headers["Authorization"])
    head = token.split()[1].split(".")[0]
    assert json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))) == {"kid": "k", "alg": "HS256"}
    assert list(json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))) == ["kid", "alg"]


def test_token_headers_lose_trailing_whitespace_httpx_would_refuse(auth: ModuleType) -> None:
    request = next(auth.BearerAuth("  t 1  ").auth_flow(httpx.Request("GET", "https://a.test/")))
    assert request.headers["Authorization"] == "Bearer   t 1"
