"""Fixtures for the SDK auth runtime: the module under test, RSA keys, and a local auth-checking server."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import secrets
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType, SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

AUTH_MODULE_PATH = Path(__file__).resolve().parents[2] / "templates" / "sdk" / "_auth.py"


@pytest.fixture(scope="session")
def auth() -> ModuleType:
    """``templates/sdk/_auth.py`` loaded as a standalone module, as a generated SDK would ship it."""
    name = "gen_client_sdk_auth_under_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, AUTH_MODULE_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class KeyFiles:
    """One RSA key written the ways an OCI user may have it on disk."""

    pkcs1: Path
    pkcs8: Path
    pkcs8_encrypted: Path
    pkcs1_encrypted: Path
    passphrase: str
    private_key: object  # cryptography's RSAPrivateKey, the reference signer


@pytest.fixture(scope="session")
def rsa_keys(tmp_path_factory: pytest.TempPathFactory) -> KeyFiles:
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    folder = tmp_path_factory.mktemp("keys")
    passphrase = "correct horse battery staple"
    encrypted = serialization.BestAvailableEncryption(passphrase.encode())
    formats = {
        "pkcs1.pem": (serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()),
        "pkcs8.pem": (serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        "pkcs8_encrypted.pem": (serialization.PrivateFormat.PKCS8, encrypted),
        "pkcs1_encrypted.pem": (serialization.PrivateFormat.TraditionalOpenSSL, encrypted),
    }
    for filename, (fmt, encryption) in formats.items():
        pem = key.private_bytes(serialization.Encoding.PEM, fmt, encryption)
        (folder / filename).write_bytes(pem)
    return KeyFiles(
        pkcs1=folder / "pkcs1.pem",
        pkcs8=folder / "pkcs8.pem",
        pkcs8_encrypted=folder / "pkcs8_encrypted.pem",
        pkcs1_encrypted=folder / "pkcs1_encrypted.pem",
        passphrase=passphrase,
        private_key=key,
    )


# ---------------------------------------------------------------------------------------------------------
# The server: each path checks one scheme, independently of the client code under test.

BASIC_USER, BASIC_PASSWORD = "aladdin", "open sesame: ünïcode"
BEARER_TOKEN = "s3cr3t-bearer"
API_KEY_NAME, API_KEY_VALUE = "X-API-Key", "key-123"
QUERY_KEY_NAME, QUERY_KEY_VALUE = "api_key", "q/key+1"
DIGEST_USER, DIGEST_PASSWORD, DIGEST_REALM = "mufasa", "Circle of Life", "testrealm@host.com"
CLIENT_ID, CLIENT_SECRET = "client-1", "client-secret"
RESOURCE_OWNER, RESOURCE_PASSWORD = "alice", "wonderland"


@dataclass
class ServerState:
    """What the server saw and which tokens it accepts; tests read and change it."""

    token_lifetime: int = 3600
    digest_algorithm: str = "MD5"
    valid_tokens: set[str] = field(default_factory=set)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    api_tokens_seen: list[str] = field(default_factory=list)
    digest_nonces: set[str] = field(default_factory=set)
    fail_token_endpoint: bool = False
    reject_all_tokens: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def _digest_hash(algorithm: str, text: str) -> str:
    name = {"MD5": "md5", "SHA-256": "sha256"}[algorithm]
    return hashlib.new(name, text.encode()).hexdigest()


def _parse_digest(header: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in header.removeprefix("Digest ").split(","):
        name, _, value = part.strip().partition("=")
        fields[name.lower()] = value.strip('"')
    return fields


class AuthHandler(BaseHTTPRequestHandler):
    state: ServerState

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class names it so
        pass

    def _reply(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _ok(self, ok: bool) -> None:
        self._reply(200, {"ok": True}) if ok else self._reply(401, {"error": "unauthorized"})

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path, query = urlsplit(self.path).path, parse_qs(urlsplit(self.path).query)
        authorization = self.headers.get("Authorization", "")
        if path == "/basic":
            expected = base64.b64encode(f"{BASIC_USER}:{BASIC_PASSWORD}".encode()).decode()
            self._ok(authorization == f"Basic {expected}")
        elif path == "/bearer":
            self._ok(authorization == f"Bearer {BEARER_TOKEN}")
        elif path == "/apikey/header":
            self._ok(self.headers.get(API_KEY_NAME) == API_KEY_VALUE)
        elif path == "/apikey/query":
            self._ok(query.get(QUERY_KEY_NAME) == [QUERY_KEY_VALUE] and query.get("keep") == ["1"])
        elif path == "/digest":
            self._digest(authorization)
        elif path == "/api":
            self._api(authorization, query)
        else:
            self._reply(404, {"error": "no such path"})

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        if urlsplit(self.path).path == "/token":
            self._token(body)
        else:
            self._reply(404, {"error": "no such path"})

    def _digest(self, authorization: str) -> None:
        algorithm = self.state.digest_algorithm
        if authorization.startswith("Digest "):
            fields = _parse_digest(authorization)
            ha1 = _digest_hash(algorithm, f"{DIGEST_USER}:{DIGEST_REALM}:{DIGEST_PASSWORD}")
            ha2 = _digest_hash(algorithm, f"GET:{fields.get('uri', '')}")
            echoed = [fields.get(name, "") for name in ("nonce", "nc", "cnonce")]
            parts = [ha1, *echoed, "auth", ha2]
            valid = (
                fields.get("username") == DIGEST_USER
                and fields.get("realm") == DIGEST_REALM
                and fields.get("nonce") in self.state.digest_nonces
                and fields.get("uri") == self.path
                and fields.get("qop") == "auth"
                and fields.get("response") == _digest_hash(algorithm, ":".join(parts))
            )
            if valid:
                self._reply(200, {"ok": True})
                return
        nonce = secrets.token_hex(16)
        with self.state.lock:
            self.state.digest_nonces.add(nonce)
        challenge = (
            f'Digest realm="{DIGEST_REALM}", qop="auth", nonce="{nonce}", '
            f'opaque="{secrets.token_hex(8)}", algorithm={algorithm}'
        )
        self._reply(401, {"error": "unauthorized"}, {"WWW-Authenticate": challenge})

    def _token(self, body: str) -> None:
        form = {name: values[0] for name, values in parse_qs(body, keep_blank_values=True).items()}
        authorization = self.headers.get("Authorization", "")
        record = dict(form, authorization=authorization)
        with self.state.lock:
            self.state.token_requests.append(record)
        basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        by_header = authorization == basic
        by_body = form.get("client_id") == CLIENT_ID and form.get("client_secret") == CLIENT_SECRET
        grant = form.get("grant_type")
        owner_ok = grant != "password" or (
            form.get("username") == RESOURCE_OWNER and form.get("password") == RESOURCE_PASSWORD
        )
        if self.state.fail_token_endpoint or not (by_header or by_body) or not owner_ok:
            self._reply(401, {"error": "invalid_client"})
            return
        token = f"token-{secrets.token_hex(6)}"
        with self.state.lock:
            self.state.valid_tokens.add(token)
        payload = {"access_token": token, "token_type": "Bearer", "expires_in": self.state.token_lifetime}
        self._reply(200, payload)

    def _api(self, authorization: str, query: dict[str, list[str]]) -> None:
        token = authorization.removeprefix("Bearer ") if authorization else query.get("access_token", [""])[0]
        with self.state.lock:
            self.state.api_tokens_seen.append(token)
            valid = token in self.state.valid_tokens and not self.state.reject_all_tokens
        self._ok(valid)


@dataclass
class LiveServer:
    url: str
    state: ServerState


@pytest.fixture(scope="session")
def creds() -> SimpleNamespace:
    """The credentials the server accepts, for tests to build their auth from."""
    return SimpleNamespace(
        basic=(BASIC_USER, BASIC_PASSWORD),
        bearer=BEARER_TOKEN,
        api_key=(API_KEY_NAME, API_KEY_VALUE),
        query_key=(QUERY_KEY_NAME, QUERY_KEY_VALUE),
        digest=(DIGEST_USER, DIGEST_PASSWORD),
        client=(CLIENT_ID, CLIENT_SECRET),
        owner=(RESOURCE_OWNER, RESOURCE_PASSWORD),
    )


@pytest.fixture
def server() -> Iterator[LiveServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) that checks credentials the way APIs do."""
    state = ServerState()
    handler = type("BoundAuthHandler", (AuthHandler,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{httpd.server_address[1]}", state=state)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
