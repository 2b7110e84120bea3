"""OAuth1Auth signs as oauthlib's Client does for the same nonce and timestamp, and oauthlib's server-side
verifier accepts what it sends."""

from __future__ import annotations

import base64
import hashlib
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import pytest

oauth1 = pytest.importorskip("oauthlib.oauth1")
signature = pytest.importorskip("oauthlib.oauth1.rfc5849.signature")
common = pytest.importorskip("oauthlib.common")

NONCE, TIMESTAMP = "kllo9940pd9333jh", "1191242096"
CONSUMER_KEY, CONSUMER_SECRET = "RKCGzna7bv9YD57c", "D+EdQ-gs$-%@2Nu7"  # Postman's own fixture values
TOKEN, TOKEN_SECRET = "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00"
FORM = "application/x-www-form-urlencoded"

REQUESTS = {
    "get-with-query": (
        "GET",
        "https://photos.example.net/photos?file=vacation.jpg&size=original&a=%20b",
        b"",
        {},
    ),
    "post-form-and-query": (
        "POST",
        "https://Example.COM:8443/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
        b"c2&a3=2+q&name=J%C3%BCrgen",
        {"Content-Type": FORM},
    ),
    "post-json": (
        "POST",
        "http://api.example.com/1/statuses",
        b'{"status": "Hello \\u00e9 world", "n": 1}',
        {"Content-Type": "application/json"},
    ),
    "delete-default-port": ("DELETE", "https://api.example.com:443/items/42", b"", {}),
}


def parse_header(value: str) -> dict[str, str]:
    assert value.startswith("OAuth ")
    fields = {}
    for part in value[len("OAuth ") :].split(","):
        name, _, quoted = part.strip().partition("=")
        fields[name] = unquote(quoted.strip('"'))
    return fields


def send(auth_obj: httpx.Auth, method: str, url: str, body: bytes, headers: dict[str, str]) -> httpx.Request:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with httpx.Client(auth=auth_obj, transport=transport) as client:
        client.request(method, url, content=body or None, headers=headers)
    return sent[0]


def ours(auth: ModuleType, method: str = "HMAC-SHA1", **options: Any) -> Any:
    options.setdefault("token", TOKEN)
    options.setdefault("token_secret", TOKEN_SECRET)
    return auth.OAuth1Auth(
        CONSUMER_KEY, CONSUMER_SECRET, signature_method=method, nonce=NONCE, timestamp=TIMESTAMP, **options
    )


def reference(method: str, signature_type: str, request: tuple[Any, ...], **options: Any) -> tuple[Any, ...]:
    options.setdefault("resource_owner_key", TOKEN)
    options.setdefault("resource_owner_secret", TOKEN_SECRET)
    client = oauth1.Client(
        CONSUMER_KEY,
        client_secret=CONSUMER_SECRET,
        signature_method=method,
        signature_type=signature_type,
        nonce=NONCE,
        timestamp=TIMESTAMP,
        **options,
    )
    http_method, url, body, headers = request
    return client.sign(url, http_method, body.decode() or None, dict(headers))


@pytest.mark.parametrize("method", ["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT"])
@pytest.mark.parametrize("name", ["get-with-query", "post-form-and-query", "delete-default-port"])
def test_header_signature_equals_oauthlib(auth: ModuleType, method: str, name: str) -> None:
    request = REQUESTS[name]
    sent = send(ours(auth, method), *request)
    _, expected_headers, _ = reference(method, oauth1.SIGNATURE_TYPE_AUTH_HEADER, request)
    assert parse_header(sent.headers["authorization"]) == parse_header(expected_headers["Authorization"])
    assert sent.url == httpx.URL(request[1])  # header mode leaves the URL alone


@pytest.mark.parametrize("method", ["HMAC-SHA1", "HMAC-SHA256", "PLAINTEXT"])
@pytest.mark.parametrize("name", ["get-with-query", "delete-default-port"])
def test_query_signature_equals_oauthlib(auth: ModuleType, method: str, name: str) -> None:
    request = REQUESTS[name]
    sent = send(ours(auth, method, add_params_to="query"), *request)
    expected_url, _, _ = reference(method, oauth1.SIGNATURE_TYPE_QUERY, request)
    assert "authorization" not in sent.headers
    our_params = parse_qsl(sent.url.query.decode(), keep_blank_values=True)
    assert sorted(our_params) == sorted(parse_qsl(urlsplit(expected_url).query, keep_blank_values=True))


def test_realm_token_less_and_empty_params(auth: ModuleType) -> None:
    request = REQUESTS["get-with-query"]
    sent = send(ours(auth, realm="Photos", token="", token_secret=""), *request)
    _, expected, _ = reference(
        "HMAC-SHA1",
        oauth1.SIGNATURE_TYPE_AUTH_HEADER,
        request,
        realm="Photos",
        resource_owner_key=None,
        resource_owner_secret=None,
    )
    ours_fields = parse_header(sent.headers["authorization"])
    assert ours_fields == parse_header(expected["Authorization"])
    assert "oauth_token" not in ours_fields and ours_fields["realm"] == "Photos"


def test_callback_and_verifier(auth: ModuleType) -> None:
    request = REQUESTS["post-form-and-query"]
    sent = send(ours(auth, callback="https://client.example/cb?x=1", verifier="hfdp7dh39dks9884"), *request)
    _, expected, _ = reference(
        "HMAC-SHA1",
        oauth1.SIGNATURE_TYPE_AUTH_HEADER,
        request,
        callback_uri="https://client.example/cb?x=1",
        verifier="hfdp7dh39dks9884",
    )
    assert parse_header(sent.headers["authorization"]) == parse_header(expected["Authorization"])


def test_body_hash_for_json_bodies_equals_oauthlib(auth: ModuleType) -> None:
    # oauthlib always adds a SHA-1 oauth_body_hash for non-form bodies, as Postman does for HMAC-SHA1.
    request = REQUESTS["post-json"]
    sent = send(ours(auth, include_body_hash=True), *request)
    _, expected, _ = reference("HMAC-SHA1", oauth1.SIGNATURE_TYPE_AUTH_HEADER, request)
    assert parse_header(sent.headers["authorization"]) == parse_header(expected["Authorization"])
    assert "oauth_body_hash" in parse_header(sent.headers["authorization"])


def test_body_hash_is_never_added_to_form_bodies(auth: ModuleType) -> None:
    sent = send(ours(auth, include_body_hash=True), *REQUESTS["post-form-and-query"])
    assert "oauth_body_hash" not in parse_header(sent.headers["authorization"])


def server_accepts(sent: httpx.Request, method: str, **secrets: str) -> bool:
    """oauthlib's server-side check of what was sent, with parameters collected from the wire request."""
    body, query = sent.content.decode(), sent.url.query.decode()
    headers = {"Authorization": sent.headers["authorization"]} if "authorization" in sent.headers else {}
    form = sent.headers.get("content-type", "").startswith(FORM)
    wire = common.Request(str(sent.url), sent.method, body, headers)
    wire.params = signature.collect_parameters(uri_query=query, body=body if form else None, headers=headers)
    sent_params = parse_header(headers["Authorization"]) if headers else dict(parse_qsl(query))
    wire.signature = sent_params["oauth_signature"]
    verify = {
        "HMAC-SHA1": signature.verify_hmac_sha1,
        "HMAC-SHA256": signature.verify_hmac_sha256,
        "HMAC-SHA512": signature.verify_hmac_sha512,
    }[method]
    return bool(verify(wire, **secrets))


@pytest.mark.parametrize("method", ["HMAC-SHA256", "HMAC-SHA512"])
@pytest.mark.parametrize("mode", ["header", "query"])
def test_postman_style_body_hash_follows_the_signature_hash(auth: ModuleType, method: str, mode: str) -> None:
    _, url, body, headers = REQUESTS["post-json"]
    sent = send(ours(auth, method, include_body_hash=True, add_params_to=mode), "POST", url, body, headers)
    params = (
        parse_header(sent.headers["authorization"])
        if mode == "header"
        else dict(parse_qsl(sent.url.query.decode()))
    )
    digest = hashlib.new(method.partition("-")[2].lower(), body).digest()
    assert params["oauth_body_hash"] == base64.b64encode(digest).decode()
    assert server_accepts(sent, method, client_secret=CONSUMER_SECRET, resource_owner_secret=TOKEN_SECRET)


def test_stale_oauth_params_in_the_query_are_replaced(auth: ModuleType) -> None:
    url = "https://photos.example.net/photos?size=original&oauth_nonce=old&oauth_signature=old"
    sent = send(ours(auth, add_params_to="query"), "GET", url, b"", {})
    params = parse_qsl(sent.url.query.decode())
    assert [value for name, value in params if name == "oauth_nonce"] == [NONCE]
    assert server_accepts(
        sent, "HMAC-SHA1", client_secret=CONSUMER_SECRET, resource_owner_secret=TOKEN_SECRET
    )


def test_rsa_sha1_equals_oauthlib(auth: ModuleType, rsa_keys: Any) -> None:
    pytest.importorskip("jwt")  # oauthlib signs RSA through PyJWT
    request = REQUESTS["get-with-query"]
    pem = rsa_keys.pkcs1.read_text()
    sent = send(ours(auth, "RSA-SHA1", private_key=pem), *request)
    _, expected, _ = reference("RSA-SHA1", oauth1.SIGNATURE_TYPE_AUTH_HEADER, request, rsa_key=pem)
    assert parse_header(sent.headers["authorization"]) == parse_header(expected["Authorization"])


def test_fresh_nonce_and_timestamp_per_request(auth: ModuleType) -> None:
    signer = auth.OAuth1Auth(CONSUMER_KEY, CONSUMER_SECRET, clock=lambda: 1_700_000_000.0)
    first = parse_header(send(signer, "GET", "https://api.example.com/", b"", {}).headers["authorization"])
    second = parse_header(send(signer, "GET", "https://api.example.com/", b"", {}).headers["authorization"])
    assert first["oauth_nonce"] != second["oauth_nonce"]
    assert first["oauth_timestamp"] == "1700000000"


def test_unsaved_token_and_version_are_bare_query_names_saved_empty_ones_are_not(auth: ModuleType) -> None:
    # As Postman writes them with addEmptyParamsToSign: a parameter never saved goes out as its name alone.
    saved = {
        "consumerKey": "ck",
        "consumerSecret": "cs",
        "addParamsToHeader": "false",
        "addEmptyParamsToSign": "1",
    }
    for params, expected in [
        (saved, ["oauth_token", "oauth_version"]),
        ({**saved, "token": "", "version": ""}, ["oauth_token=", "oauth_version="]),
        ({**saved, "version": "1.0"}, ["oauth_token", "oauth_version=1.0"]),
    ]:
        signer = auth.build_auth("oauth1", params)
        sent = next(signer.auth_flow(httpx.Request("GET", "https://api.example.test/r?x=1")))
        pairs = sent.url.query.decode().split("&")
        assert [p for p in pairs if p.partition("=")[0] in ("oauth_token", "oauth_version")] == expected
