"""The runtime under faults, offline (httpx.MockTransport): retries, idempotency tokens, errors, logging."""

from __future__ import annotations

import asyncio
import email.utils
import logging
from collections.abc import Callable

import httpx
import pytest

import petstore_lite as sdk
from petstore_lite import _transport, errors
from petstore_lite._runtime import Operation

Handler = Callable[[httpx.Request], httpx.Response]
GET = Operation(name="probe.get", method="GET", origin="api.example.test", path=("things",))
POST = Operation(name="probe.create", method="POST", origin="api.example.test", path=("things",))
POST_WITH_TOKEN = Operation(
    name="probe.create_once",
    method="POST",
    origin="api.example.test",
    path=("things",),
    idempotency_header="idempotency-key",
)
NO_WAIT = _transport.RetryPolicy(base_delay=0.0, max_delay=0.0)


def _data(value: object) -> object:
    return value


def send(
    op: Operation,
    handler: Handler,
    *,
    mode: str = "sync",
    max_retries: int | None = None,
    auth: httpx.Auth | None = None,
) -> object:
    """Call ``op`` through a Client (or AsyncClient) whose transport is ``handler``, without backoff waits."""
    transport = httpx.MockTransport(handler)
    if mode == "sync":
        with httpx.Client(transport=transport) as http, sdk.Client(auth=auth, http_client=http) as client:
            client._runtime.config.retry = NO_WAIT
            return client._runtime.call(op, {}, None, _data, max_retries=max_retries)

    async def main() -> object:
        async with httpx.AsyncClient(transport=transport) as http:
            async with sdk.AsyncClient(auth=auth, http_client=http) as client:
                client._runtime.config.retry = NO_WAIT
                return await client._runtime.call(op, {}, None, _data, max_retries=max_retries)

    return asyncio.run(main())


def script(*steps: int | type[httpx.TransportError]) -> tuple[Handler, list[httpx.Request]]:
    """A transport answering each request with the next step: a status, or an httpx error raised."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        step = steps[min(len(seen), len(steps)) - 1]
        if isinstance(step, int):
            return httpx.Response(step, json={"n": len(seen)}, headers={"x-request-id": f"req-{len(seen)}"})
        raise step("injected", request=request)

    return handle, seen


MODES = pytest.mark.parametrize("mode", ["sync", "async"])


@MODES
def test_5xx_then_success_is_retried(mode: str) -> None:
    handler, seen = script(503, 502, 200)
    assert send(GET, handler, mode=mode) == {"n": 3}
    assert len(seen) == 3


@MODES
def test_retries_stop_at_max_retries(mode: str) -> None:
    handler, seen = script(500)
    with pytest.raises(errors.InternalServerError) as info:
        send(GET, handler, mode=mode)
    assert len(seen) == 3 and info.value.request_id == "req-3" and "req-3" in str(info.value)
    handler, seen = script(429)
    with pytest.raises(errors.APIStatusError):
        send(GET, handler, mode=mode, max_retries=0)
    assert len(seen) == 1


@MODES
def test_post_is_resent_only_with_an_idempotency_token(mode: str) -> None:
    handler, seen = script(500, 200)
    with pytest.raises(errors.InternalServerError):
        send(POST, handler, mode=mode)
    assert len(seen) == 1
    handler, seen = script(500, httpx.ReadTimeout, 200)
    assert send(POST_WITH_TOKEN, handler, mode=mode) == {"n": 3}
    tokens = {request.headers["idempotency-key"] for request in seen}
    assert len(seen) == 3 and len(tokens) == 1 and "" not in tokens


@MODES
def test_transport_errors_become_sdk_errors(mode: str) -> None:
    handler, seen = script(httpx.ConnectError)
    with pytest.raises(errors.APIConnectionError) as connect:
        send(POST, handler, mode=mode)
    assert len(seen) == 3  # nothing reached the server: even a plain POST is tried again
    handler, seen = script(httpx.ReadTimeout)
    with pytest.raises(errors.APITimeoutError) as timeout:
        send(POST, handler, mode=mode)
    assert len(seen) == 1  # it may have reached the server: a plain POST is not resent
    for info in (connect, timeout):
        assert not isinstance(info.value, httpx.HTTPError)
        assert isinstance(info.value.__cause__, httpx.HTTPError)


def test_retry_after_forms() -> None:
    def response(**headers: str) -> httpx.Response:
        return httpx.Response(429, headers=headers)

    now = 1_700_000_000.0
    assert _transport.retry_after(response(**{"retry-after": "3"})) == 3.0
    assert _transport.retry_after(response(**{"retry-after-ms": "250"})) == 0.25
    date = email.utils.formatdate(now + 7, usegmt=True)
    assert _transport.retry_after(response(**{"retry-after": date}), now=now) == 7.0
    assert _transport.retry_after(response(**{"retry-after": "soon"})) is None
    assert _transport.retry_after(response()) is None


def test_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, headers={"retry-after": "86400"})

    with pytest.raises(errors.InternalServerError):
        send(GET, handle)
    assert len(seen) == 1


def test_raw_response_and_the_response_behind_an_error() -> None:
    handler, _ = script(200)
    with httpx.Client(transport=httpx.MockTransport(handler)) as http, sdk.Client(http_client=http) as client:
        raw = _transport.capture(lambda: client._runtime.call(GET, {}, None, _data))
    assert raw.parsed == {"n": 1} and raw.status_code == 200 and raw.request_id == "req-1"
    handler, _ = script(404)
    with pytest.raises(errors.APIStatusError) as info:
        send(GET, handler)
    assert info.value.response.status_code == 404 and info.value.body == {"n": 1}


def test_log_lines_hide_credentials(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="petstore_lite")
    handler, _ = script(503, 200)
    send(GET, handler, auth=httpx.BasicAuth("user", "pa55-w0rd-secret"))
    lines = [r.getMessage() for r in caplog.records if r.name == "petstore_lite"]
    assert len(lines) == 2 and "retrying" in lines[0]
    assert all("authorization" in line and "pa55" not in line and "dXNlcj" not in line for line in lines)
