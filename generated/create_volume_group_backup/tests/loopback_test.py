"""The runtime against a real HTTP server on 127.0.0.1 that injects faults and counts what reaches it."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

import httpx
import pytest

import create_volume_group_backup as sdk
from create_volume_group_backup import _transport, errors
from create_volume_group_backup._runtime import Auth, Operation

TIMEOUT = 0.25  # seconds, in the timeout tests; a stalled answer comes only once the test is over
SECRET = "pa55-w0rd-secret"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])


def probe(method: str, idempotency_header: str | None = None, auth: Auth | None = None) -> Operation:
    """A request to ``/probe``; the client's ``base_url`` sends it to the loopback server."""
    return Operation(
        name=f"probe.{method.lower()}",
        method=method,
        origin="api.example.test",
        path=("probe",),
        idempotency_header=idempotency_header,
        auth=auth,
    )


class Received(NamedTuple):
    method: str
    headers: dict[str, str]  # names in lower case


class Handler(BaseHTTPRequestHandler):
    """Reads a request, has the server record it, then does with it what the server's plan says."""

    server: LoopbackServer
    protocol_version = "HTTP/1.1"  # keep-alive: a retry after an answer reuses the connection
    disable_nagle_algorithm = True  # headers and body are two writes: else the body waits ~40 ms for an ACK

    def do_GET(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.record(Received(self.command, headers))(self)

    do_POST = do_GET

    def answer(self, status: int, headers: dict[str, str]) -> None:
        """``{"n": count}``, with ``x-request-id: req-<count>``; count: the requests received so far."""
        count = len(self.server.received)
        body = json.dumps({"n": count}).encode()
        self.send_response(status)
        headers = {"content-type": "application/json", "x-request-id": f"req-{count}", **headers}
        for name, value in {**headers, "content-length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the tests read what the server recorded, not its access log


Step = Callable[[Handler], None]


def answer(status: int, headers: dict[str, str] | None = None) -> Step:
    return lambda handler: handler.answer(status, headers or {})


def reset(handler: Handler) -> None:
    """Close the connection with a TCP reset, unanswered: the request reached the server, no reply left it."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.rfile.close()  # the socket closes for real only once no file made from it is open
    handler.connection.close()
    handler.close_connection = True


def stall(handler: Handler) -> None:
    """Answer later than any timeout here: once the test is over."""
    handler.server.over.wait(30)
    handler.answer(200, {})


class LoopbackServer(ThreadingHTTPServer):
    """Answers the n-th request with the n-th step of its plan (the last step repeats)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.received: list[Received] = []
        self.over = threading.Event()
        self._steps: list[Step] = [answer(200)]
        self._lock = threading.Lock()

    def plan(self, *steps: int | Step) -> None:
        """What to do with the next requests: answer a status, or a step; forgets what it received."""
        with self._lock:
            self._steps = [answer(step) if isinstance(step, int) else step for step in steps]
            self.received = []

    def record(self, request: Received) -> Step:
        with self._lock:
            self.received.append(request)
            return self._steps[min(len(self.received), len(self._steps)) - 1]

    def tokens(self) -> set[str]:
        """The distinct idempotency tokens received ("" for a request without one)."""
        return {request.headers.get("idempotency-key", "") for request in self.received}

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a connection reset here or left by a client that timed out: expected


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackServer]:
    """A loopback server for one test; clients made meanwhile retry without backoff waits."""
    monkeypatch.setattr(_transport, "DEFAULT_RETRY_POLICY", _transport.RetryPolicy(base_delay=0, max_delay=0))
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):  # 127.0.0.1 is reached directly, whatever proxy is configured
            monkeypatch.delenv(name)
    loopback = LoopbackServer()
    thread = threading.Thread(target=loopback.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield loopback
    loopback.over.set()
    loopback.shutdown()
    loopback.server_close()


def send(
    server: LoopbackServer,
    op: Operation,
    mode: str = "sync",
    *,
    max_retries: int = 2,
    auth: httpx.Auth | None = None,
    timeout: float = 5.0,
) -> object:
    """Call ``op`` on the loopback server through a new Client (or AsyncClient) made with these options."""
    if mode == "sync":
        with sdk.Client(base_url=server.url, auth=auth, timeout=timeout, max_retries=max_retries) as client:
            return client._runtime.call(op, {}, None, lambda data: data)

    async def in_async_client() -> object:
        async with sdk.AsyncClient(
            base_url=server.url, auth=auth, timeout=timeout, max_retries=max_retries
        ) as client:
            return await client._runtime.call(op, {}, None, lambda data: data)

    return asyncio.run(in_async_client())


@MODES
def test_503_then_200_is_retried(server: LoopbackServer, mode: str) -> None:
    server.plan(503, 200)
    assert send(server, probe("GET"), mode) == {"n": 2}
    assert len(server.received) == 2


@MODES
def test_retries_stop_at_max_retries(server: LoopbackServer, mode: str) -> None:
    server.plan(500)
    with pytest.raises(errors.InternalServerError) as info:
        send(server, probe("GET"), mode, max_retries=3)
    assert len(server.received) == 4 and info.value.request_id == "req-4"


@MODES
def test_a_reset_connection_is_retried_when_resending_is_safe(server: LoopbackServer, mode: str) -> None:
    server.plan(reset, 200)
    assert send(server, probe("GET"), mode) == {"n": 2}
    assert len(server.received) == 2
    server.plan(reset, 200)
    with pytest.raises(errors.APIConnectionError) as info:
        send(server, probe("POST"), mode)
    assert len(server.received) == 1 and isinstance(info.value.__cause__, httpx.ReadError)


@MODES
def test_after_a_read_timeout_a_post_is_resent_only_with_an_idempotency_token(
    server: LoopbackServer, mode: str
) -> None:
    server.plan(stall, 200)
    with pytest.raises(errors.APITimeoutError):
        send(server, probe("POST"), mode, timeout=TIMEOUT)
    assert len(server.received) == 1
    server.plan(stall, 200)
    assert send(server, probe("POST", "idempotency-key"), mode, timeout=TIMEOUT) == {"n": 2}
    assert len(server.received) == 2 and len(server.tokens()) == 1 and "" not in server.tokens()


@MODES
def test_after_a_500_a_post_is_resent_only_with_an_idempotency_token(
    server: LoopbackServer, mode: str
) -> None:
    server.plan(500, 200)
    with pytest.raises(errors.InternalServerError):
        send(server, probe("POST"), mode)
    assert len(server.received) == 1
    server.plan(500, 503, 200)
    assert send(server, probe("POST", "idempotency-key"), mode) == {"n": 3}
    assert len(server.received) == 3 and len(server.tokens()) == 1 and "" not in server.tokens()


def test_retry_after_is_waited_for(server: LoopbackServer) -> None:  # in one mode: it takes a second
    server.plan(answer(429, {"retry-after": "1"}), 200)
    started = time.monotonic()
    assert send(server, probe("GET")) == {"n": 2}
    assert time.monotonic() - started >= 0.9 and len(server.received) == 2


@MODES
def test_log_lines_hide_credentials(
    server: LoopbackServer, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=sdk.__name__)
    server.plan(503, 200)
    send(server, probe("GET"), mode, auth=httpx.BasicAuth("user", SECRET))
    basic = server.received[0].headers["authorization"].split()[-1]
    server.plan(503, 200)
    send(server, probe("GET", auth=Auth("bearer", (("token", SECRET),))), mode)
    assert server.received[0].headers["authorization"] == f"Bearer {SECRET}"
    lines = [record.getMessage() for record in caplog.records if record.name == sdk.__name__]
    assert len(lines) == 4 and "retrying" in lines[0] and "authorization" in lines[0]
    assert not [line for line in lines if SECRET in line or basic in line]
