"""basic, bearer, apikey, digest and oauth2 against a real local server, through sync and async clients."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import ModuleType, SimpleNamespace
from typing import Any

import httpx
import pytest


def get_sync(url: str, auth: httpx.Auth) -> httpx.Response:
    with httpx.Client(auth=auth) as client:
        return client.get(url)


def get_async(url: str, auth: httpx.Auth) -> httpx.Response:
    async def run() -> httpx.Response:
        async with httpx.AsyncClient(auth=auth) as client:
            return await client.get(url)

    return asyncio.run(run())


CLIENTS = pytest.mark.parametrize("get", [get_sync, get_async], ids=["sync", "async"])
Get = Callable[[str, httpx.Auth], httpx.Response]


@CLIENTS
def test_basic_auth_is_accepted_and_wrong_password_is_not(
    auth: ModuleType, server: Any, creds: SimpleNamespace, get: Get
) -> None:
    user, password = creds.basic
    assert get(f"{server.url}/basic", auth.BasicAuth(user, password)).status_code == 200
    assert get(f"{server.url}/basic", auth.BasicAuth(user, "wrong")).status_code == 401


@CLIENTS
def test_bearer_auth_is_accepted(auth: ModuleType, server: Any, creds: SimpleNamespace, get: Get) -> None:
    assert get(f"{server.url}/bearer", auth.BearerAuth(creds.bearer)).status_code == 200
    assert get(f"{server.url}/bearer", auth.BearerAuth("other")).status_code == 401


@CLIENTS
def test_api_key_in_header(auth: ModuleType, server: Any, creds: SimpleNamespace, get: Get) -> None:
    name, value = creds.api_key
    assert get(f"{server.url}/apikey/header", auth.APIKeyAuth(name, value)).status_code == 200
    assert get(f"{server.url}/apikey/header", auth.APIKeyAuth(name, "nope")).status_code == 401


@CLIENTS
def test_api_key_in_query_keeps_other_params(
    auth: ModuleType, server: Any, creds: SimpleNamespace, get: Get
) -> None:
    name, value = creds.query_key
    key_auth = auth.APIKeyAuth(name, value, location="query")
    # A stale value of the same parameter is replaced, the other parameter survives untouched.
    assert get(f"{server.url}/apikey/query?keep=1&{name}=old", key_auth).status_code == 200


@CLIENTS
@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_digest_auth_answers_a_real_challenge(
    auth: ModuleType, server: Any, creds: SimpleNamespace, get: Get, algorithm: str
) -> None:
    server.state.digest_algorithm = algorithm
    user, password = creds.digest
    response = get(f"{server.url}/digest?x=1", auth.digest_auth(user, password))
    assert response.status_code == 200
    assert [r.status_code for r in response.history] == [401]
    assert get(f"{server.url}/digest", auth.digest_auth(user, "bad")).status_code == 401


@CLIENTS
@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_digest_auth_with_a_saved_nonce_signs_the_first_request(
    auth: ModuleType, server: Any, creds: SimpleNamespace, get: Get, algorithm: str
) -> None:
    # Postman sends a saved realm and nonce at once; a nonce the server still knows needs no challenge.
    server.state.digest_algorithm = algorithm
    server.state.digest_nonces.add("known-nonce")
    user, password = creds.digest
    saved = {"realm": "testrealm@host.com", "algorithm": algorithm, "qop": "auth", "nonce_count": "00000001"}
    signed = auth.digest_auth(user, password, nonce="known-nonce", client_nonce="0a4f113b", **saved)
    assert isinstance(signed, auth.DigestAuth)
    response = get(f"{server.url}/digest?x=1", signed)
    assert response.status_code == 200 and response.history == []
    # a stale saved nonce: the server's 401 challenge is answered, as httpx.DigestAuth answers it
    response = get(f"{server.url}/digest?x=1", auth.digest_auth(user, password, nonce="stale", **saved))
    assert response.status_code == 200
    assert [r.status_code for r in response.history] == [401]
    refused = auth.digest_auth(user, "bad", nonce="stale", **saved)
    assert get(f"{server.url}/digest", refused).status_code == 401


@CLIENTS
def test_oauth2_static_token_in_header_and_query(auth: ModuleType, server: Any, get: Get) -> None:
    server.state.valid_tokens.add("static-token")
    assert get(f"{server.url}/api", auth.OAuth2Auth("static-token")).status_code == 200
    in_query = auth.OAuth2Auth("static-token", add_token_to="query")
    assert get(f"{server.url}/api", in_query).status_code == 200
    assert get(f"{server.url}/api", auth.OAuth2Auth("revoked")).status_code == 401


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def client_credentials(auth: ModuleType, server: Any, creds: SimpleNamespace, **options: Any) -> Any:
    client_id, client_secret = creds.client
    return auth.OAuth2ClientCredentials(f"{server.url}/token", client_id, client_secret, **options)


def run_calls(calls: int, auth_obj: httpx.Auth, url: str, *, use_async: bool) -> list[int]:
    """Several requests through one client, so the token cache is shared as it is in an SDK."""
    if not use_async:
        with httpx.Client(auth=auth_obj) as client:
            return [client.get(url).status_code for _ in range(calls)]

    async def run() -> list[int]:
        async with httpx.AsyncClient(auth=auth_obj) as client:
            return [(await client.get(url)).status_code for _ in range(calls)]

    return asyncio.run(run())


ASYNC = pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])


@ASYNC
@pytest.mark.parametrize("client_authentication", ["header", "body"])
def test_client_credentials_fetches_once_and_reuses_the_token(
    auth: ModuleType, server: Any, creds: SimpleNamespace, use_async: bool, client_authentication: str
) -> None:
    flow = client_credentials(
        auth, server, creds, scope="read write", client_authentication=client_authentication
    )
    assert run_calls(3, flow, f"{server.url}/api", use_async=use_async) == [200, 200, 200]
    (token_request,) = server.state.token_requests
    assert token_request["grant_type"] == "client_credentials"
    assert token_request["scope"] == "read write"
    assert ("client_secret" in token_request) == (client_authentication == "body")
    assert len(set(server.state.api_tokens_seen)) == 1


@ASYNC
def test_password_grant_sends_the_resource_owner(
    auth: ModuleType, server: Any, creds: SimpleNamespace, use_async: bool
) -> None:
    owner, password = creds.owner
    flow = client_credentials(auth, server, creds, grant_type="password", username=owner, password=password)
    assert run_calls(1, flow, f"{server.url}/api", use_async=use_async) == [200]
    assert server.state.token_requests[0]["username"] == owner


@ASYNC
def test_token_is_refreshed_when_it_expires(
    auth: ModuleType, server: Any, creds: SimpleNamespace, use_async: bool
) -> None:
    clock = FakeClock()
    server.state.token_lifetime = 120
    flow = client_credentials(auth, server, creds, clock=clock)
    url = f"{server.url}/api"
    assert run_calls(1, flow, url, use_async=use_async) == [200]
    clock.now += 60  # still inside lifetime minus the safety margin
    assert run_calls(1, flow, url, use_async=use_async) == [200]
    assert len(server.state.token_requests) == 1
    clock.now += 40  # 100 s in: within 30 s of expiry, so a new token is fetched first
    assert run_calls(1, flow, url, use_async=use_async) == [200]
    assert len(server.state.token_requests) == 2
    first, second, third = server.state.api_tokens_seen
    assert first == second != third


@ASYNC
def test_token_is_refreshed_on_401_and_the_request_retried(
    auth: ModuleType, server: Any, creds: SimpleNamespace, use_async: bool
) -> None:
    flow = client_credentials(auth, server, creds)
    url = f"{server.url}/api"
    assert run_calls(1, flow, url, use_async=use_async) == [200]
    server.state.valid_tokens.clear()  # the server revokes every token it issued
    assert run_calls(1, flow, url, use_async=use_async) == [200]
    assert len(server.state.token_requests) == 2
    stale, rejected, fresh = server.state.api_tokens_seen
    assert stale == rejected != fresh


def test_a_fresh_token_that_gets_401_is_not_fetched_again(
    auth: ModuleType, server: Any, creds: SimpleNamespace
) -> None:
    server.state.reject_all_tokens = True
    response = get_sync(f"{server.url}/api", client_credentials(auth, server, creds))
    assert response.status_code == 401
    assert len(server.state.token_requests) == 1


@ASYNC
def test_token_endpoint_refusal_raises_a_clear_error(
    auth: ModuleType, server: Any, creds: SimpleNamespace, use_async: bool
) -> None:
    server.state.fail_token_endpoint = True
    flow = client_credentials(auth, server, creds)
    with pytest.raises(auth.TokenError, match="HTTP 401"):
        run_calls(1, flow, f"{server.url}/api", use_async=use_async)


def test_api_responses_stay_streamable(auth: ModuleType, server: Any, creds: SimpleNamespace) -> None:
    flow = client_credentials(auth, server, creds)
    with httpx.Client(auth=flow) as client, client.stream("GET", f"{server.url}/api") as response:
        assert not response.is_stream_consumed
        assert b"".join(response.iter_bytes()) == b'{"ok": true}'
