"""A local echo HTTP server that records every request as it arrived, and an httpx transport aimed at it."""

from __future__ import annotations

import http.server
import itertools
import threading
from dataclasses import dataclass
from types import TracebackType

import httpx

ECHO_ID = "X-Echo-Id"


@dataclass(frozen=True)
class Recorded:
    """One request as the server read it off the socket."""

    id: int
    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query(self) -> str | None:
        """The raw query string (no decoding); None when the target has no ``?``."""
        return self.target.split("?", 1)[1] if "?" in self.target else None

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def __getattr__(self, name: str) -> object:
        # Any method, including WebDAV and custom ones, is recorded the same way.
        if name.startswith("do_"):
            return self._record
        raise AttributeError(name)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _record(self) -> None:
        body = self._read_body()
        recorded = Recorded(next(self.server.ids), self.command, self.path, tuple(self.headers.items()), body)
        with self.server.lock:
            self.server.records[recorded.id] = recorded
        self.send_response(200)
        self.send_header(ECHO_ID, str(recorded.id))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.ids = itertools.count(1)
        self.lock = threading.Lock()
        self.records: dict[int, Recorded] = {}


class EchoServer:
    """``with EchoServer() as echo:`` listens on 127.0.0.1 on an ephemeral port until the block ends."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def record(self, echo_id: int) -> Recorded | None:
        with self._server.lock:
            return self._server.records.get(echo_id)

    def all_records(self) -> list[Recorded]:
        with self._server.lock:
            return [self._server.records[k] for k in sorted(self._server.records)]

    def __enter__(self) -> EchoServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class EchoTransport(httpx.BaseTransport):
    """Sends every request to the echo server over plain HTTP, leaving its request line and headers (Host
    included) as the SDK built them. Remembers the echo id of the last response."""

    def __init__(self, echo: EchoServer) -> None:
        self._port = echo.port
        self._inner = httpx.HTTPTransport()
        self.last_echo_id: int | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # The target byte for byte: copy_with(raw_path=...) would resolve dot segments and re-escape.
        aimed = httpx.URL(request.url)
        aimed._uri_reference = request.url._uri_reference._replace(
            scheme="http", userinfo="", host="127.0.0.1", port=self._port
        )
        request.url = aimed
        response = self._inner.handle_request(request)
        value = response.headers.get(ECHO_ID)
        self.last_echo_id = int(value) if value else None
        return response

    def close(self) -> None:
        self._inner.close()
