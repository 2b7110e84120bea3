"""A local HTTP server (asyncio, in a thread) that injects faults and records requests; test helpers."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

ITEM = {"id": 1, "name": "a"}


# ---------------------------------------------------------------------------------------------- the server
@dataclass(frozen=True)
class Reply:
    """An answer: status, headers, body (None: the route's usual one), maybe late; or a reset connection."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    delay: float = 0.0
    reset: bool = False


RESET = Reply(reset=True)


def slow(seconds: float) -> Reply:
    return Reply(delay=seconds)


def status(code: int, *headers: tuple[str, str], body: object = None) -> Reply:
    payload = json.dumps(body if body is not None else {"code": str(code), "message": "injected"}).encode()
    return Reply(code, headers, payload)


@dataclass(frozen=True)
class Seen:
    """One request as the server read it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    at: float


@dataclass
class FaultServer:
    """Answers from per-route plans (then a valid default), records every request, counts connections."""

    url: str = ""
    seen: list[Seen] = field(default_factory=list)
    plans: dict[tuple[str, str], list[Reply]] = field(default_factory=dict)
    open_connections: int = 0
    peak_connections: int = 0
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    writers: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        """The value for the SDK's ``base_url`` (the collection's ``{{baseUrl}}``)."""
        return self.url + "/v1"

    def plan(self, method: str, path: str, *replies: Reply) -> None:
        with self.lock:
            self.plans[(method, path)] = list(replies)

    def received(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if method in (None, s.method) and path in (None, s.path)]

    def reset(self) -> None:
        with self.lock:
            self.seen.clear()
            self.plans.clear()
            self.peak_connections = self.open_connections
            self.connections = 0

    def next_reply(self, method: str, path: str) -> Reply:
        with self.lock:
            plan = self.plans.get((method, path))
            reply = plan.pop(0) if plan else Reply(200, (("x-request-id", "req-ok"),))
        if reply.body is not None:
            return reply
        body = [ITEM] if (method, path) in {("GET", "/v1/items"), ("GET", "/v1/search")} else ITEM
        return replace(reply, body=json.dumps(body).encode())

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """True once every connection the server accepted is closed again."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.open_connections == 0:
                    return True
            time.sleep(0.01)
        return False


async def _serve_connection(
    state: FaultServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """HTTP/1.1 with keep-alive, enough for the SDK: one request after another on a connection."""
    with state.lock:
        state.open_connections += 1
        state.connections += 1
        state.peak_connections = max(state.peak_connections, state.open_connections)
        state.writers.add(writer)
    try:
        while await _serve_request(state, reader, writer):
            pass
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        pass  # the client went away, e.g. after its timeout: expected here
    finally:
        writer.close()
        with state.lock:
            state.open_connections -= 1
            state.writers.discard(writer)


async def _serve_request(
    state: FaultServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> bool:
    """Answer one request; False when the connection is to close."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return False  # a clean end of the connection between requests
    request_line, *lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    method, target, _ = request_line.split(" ", 2)
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    body = await reader.readexactly(length) if length else b""
    parts = urlsplit(target)
    with state.lock:
        state.seen.append(Seen(method, parts.path, parts.query, headers, body, time.monotonic()))
    reply = state.next_reply(method, parts.path)
    if reply.delay:
        await asyncio.sleep(reply.delay)
    if reply.reset:
        # SO_LINGER 0: closing sends RST, so the client sees a reset rather than a clean end of stream.
        writer.get_extra_info("socket").setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
        )
        writer.transport.abort()
        return False
    payload = reply.body if reply.body is not None else b""
    names = {k.lower() for k, _ in reply.headers}
    out = [f"HTTP/1.1 {reply.status} {_phrase(reply.status)}", *(f"{k}: {v}" for k, v in reply.headers)]
    if "content-type" not in names:
        out.append("Content-Type: application/json")
    if "content-length" not in names:
        out.append(f"Content-Length: {len(payload)}")
    writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + payload)
    await writer.drain()
    return ("connection", "close") not in {(k.lower(), v.lower()) for k, v in reply.headers}


def _phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Status"


def start_server() -> tuple[FaultServer, Callable[[], None]]:
    """Serve on 127.0.0.1, an ephemeral port, from an event loop in a thread; returns the state and a stop."""
    loop = asyncio.new_event_loop()
    state = FaultServer()

    async def open_server() -> asyncio.Server:
        return await asyncio.start_server(
            lambda r, w: _serve_connection(state, r, w), "127.0.0.1", 0, backlog=256
        )

    server = loop.run_until_complete(open_server())
    state.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def stop() -> None:
        async def close() -> None:
            server.close()
            await server.wait_closed()
            # Connections a client left open: drop them, and let their handlers end before the loop goes.
            for writer in list(state.writers):
                writer.transport.abort()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            if tasks:
                await asyncio.wait(tasks, timeout=5)

        asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()

    return state, stop


# ---------------------------------------------------------------------------------------------- helpers
SECRETS = {
    "apiKey": "sk-live-APIKEY-0123456789",
    "queryKey": "qk-QUERYKEY-0123456789",
    "accessToken": "at-BEARER-0123456789",
    "sessionId": "sess-COOKIE-0123456789",
}


def open_sockets() -> int | None:
    """Sockets this process has open, from /proc (None where there is no /proc)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return None
    count = 0
    for name in os.listdir(fd_dir):
        try:
            count += os.readlink(fd_dir / name).startswith("socket:")
        except OSError:
            continue
    return count


def operation(client: object, path: str) -> Callable[..., Any]:
    target = client
    for part in path.split("."):
        target = getattr(target, part)
    assert callable(target)
    return target


class Driver:
    """Calls an operation through a fresh ``Client`` or ``AsyncClient``, so one test covers both."""

    def __init__(self, sdk: ModuleType, mode: str, server: FaultServer) -> None:
        self.sdk = sdk
        self.mode = mode
        self.server = server

    def options(self, **overrides: object) -> dict[str, object]:
        options: dict[str, object] = {
            "base_url": self.server.base_url,
            "variables": SECRETS,
            "timeout": 5.0,
        }
        options.update(overrides)
        return options

    def __call__(
        self, path: str, *, client: dict[str, object] | None = None, raw: bool = False, **kw: object
    ) -> Any:
        options = self.options(**(client or {}))
        if self.mode == "sync":
            with self.sdk.Client(**options) as sync_client:
                call = operation(sync_client, path)
                return sync_client.with_raw_response(call)(**kw) if raw else call(**kw)

        async def main() -> object:
            async with self.sdk.AsyncClient(**options) as async_client:
                call = operation(async_client, path)
                return await (async_client.with_raw_response(call)(**kw) if raw else call(**kw))

        return asyncio.run(main())
