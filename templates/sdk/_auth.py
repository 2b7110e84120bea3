"""Authentication for the generated client: one ``httpx.Auth`` per Postman auth type, and an OCI signer.

This file is copied verbatim into every generated SDK, so it imports the standard library and httpx only;
``cryptography`` is imported lazily, and only to open encrypted private keys. It stays one module (longer than
the house's usual size) because the SDK ships it as a single private file; its sections follow the Postman
auth types, then the RSA signing they share, then ``build_auth``.

Every class works with ``httpx.Client`` and ``httpx.AsyncClient`` alike. Signers that hash the body declare
``requires_request_body`` so httpx reads streamed bodies before signing.
"""

from __future__ import annotations

import base64
import binascii
import configparser
import email.utils
import hashlib
import hmac
import importlib
import json
import os
import re
import secrets
import time
import uuid
from collections.abc import AsyncGenerator, Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote, unquote, unquote_plus, urlsplit

import httpx

__all__ = [
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

Flow = Generator[httpx.Request, httpx.Response, None]

# ---------------------------------------------------------------------------------------------------------
# Redaction for logs

SENSITIVE_HEADERS: frozenset[str] = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "x-auth-token",
        "x-access-token",
        "x-amz-security-token",
        "x-goog-api-key",
        "ocp-apim-subscription-key",
    }
)
REDACTED = "[REDACTED]"


def redact_headers(
    headers: Mapping[str, str] | Iterable[tuple[str, str]], extra: Iterable[str] = ()
) -> dict[str, str]:
    """Copy headers for logging with secret values hidden; ``extra`` names more (e.g. an API key's)."""
    hidden = SENSITIVE_HEADERS | {name.lower() for name in extra}
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return {name: REDACTED if name.lower() in hidden else value for name, value in pairs}


# ---------------------------------------------------------------------------------------------------------
# Helpers shared by the signers


def _percent_encode(text: str) -> str:
    """RFC 3986 encoding (all but unreserved characters), as OAuth 1 and SigV4 canonical forms require."""
    return quote(text, safe="-._~")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _query_text(url: httpx.URL) -> str:
    return url.query.decode("ascii")


def _path_only(url: httpx.URL) -> str:
    return url.raw_path.decode("ascii").partition("?")[0] or "/"


def _query_pairs(url: httpx.URL) -> list[tuple[str, str]]:
    return parse_qsl(_query_text(url), keep_blank_values=True)


_FORM = "application/x-www-form-urlencoded"


def _mime_type(request: httpx.Request) -> str:
    return str(request.headers.get("content-type", "")).partition(";")[0].strip().lower()


def _with_query_params(
    url: httpx.URL, params: Iterable[tuple[str, str]], replace: Iterable[str] = (), bare: Iterable[str] = ()
) -> httpx.URL:
    """Set query params, dropping same-named ones (and ``replace``), other pairs kept byte-for-byte; those
    named in ``bare`` go out as the name alone when empty (Postman's OAuth 1 writes an unsaved one so)."""
    bare_names = frozenset(bare)
    added = list(params)
    names = {name for name, _ in added} | set(replace)
    kept = [
        pair
        for pair in _query_text(url).split("&")
        if pair and unquote_plus(pair.partition("=")[0]) not in names
    ]
    fresh = [
        (
            _percent_encode(name)
            if name in bare_names and not value
            else f"{_percent_encode(name)}={_percent_encode(value)}"
        )
        for name, value in added
    ]
    path = url.raw_path.decode("ascii").partition("?")[0]
    return with_target(url, path + "?" + "&".join(kept + fresh))


def with_target(url: httpx.URL, target: str) -> httpx.URL:
    """``url`` with ``target`` (ASCII) as its path and query, byte for byte: dot segments and characters httpx
    would escape stay as they are, as Postman sends them. httpx has no public way to do this, so this sets its
    parsed form; with an httpx whose internals differ, httpx's own reading of ``target`` is used."""
    path, sep, query = target.partition("?")
    copy = httpx.URL(url)
    try:
        copy._uri_reference = url._uri_reference._replace(path=path, query=query if sep else None)
    except (AttributeError, TypeError, ValueError):
        return url.copy_with(raw_path=target.encode("ascii"))
    return copy if copy.raw_path == target.encode("ascii") else url.copy_with(raw_path=target.encode("ascii"))


def _header_value(value: str) -> str:
    """``value`` without trailing whitespace, which HTTP does not count as part of a header value (and
    httpx refuses to send); Postman sends it, and the server reads the same value."""
    return value.rstrip(" \t")


def _attach_token(request: httpx.Request, token: str, *, prefix: str, add_to: str, query_key: str) -> None:
    if add_to == "query":
        request.url = _with_query_params(request.url, [(query_key, token)])
    else:
        request.headers["Authorization"] = _header_value(f"{prefix} {token}" if prefix else token)


class MissingAuthParam(ValueError):
    """A Postman auth lacks a parameter it cannot sign without (an empty token, no consumer key, ...).

    Postman then sends the request unsigned; the generated client does the same and logs a warning.
    """


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, not {value!r}")
    return value


# ---------------------------------------------------------------------------------------------------------
# basic, bearer, apikey, digest, oauth2


class BasicAuth(httpx.Auth):
    """Postman ``basic``: ``Authorization: Basic base64(username:password)``, UTF-8 encoded."""

    def __init__(self, username: str, password: str) -> None:
        self._header = "Basic " + _b64(f"{username}:{password}".encode())

    def auth_flow(self, request: httpx.Request) -> Flow:
        request.headers["Authorization"] = self._header
        yield request


class BearerAuth(httpx.Auth):
    """Postman ``bearer``: ``Authorization: Bearer <token>``."""

    def __init__(self, token: str) -> None:
        self._header = _header_value(f"Bearer {token}")

    def auth_flow(self, request: httpx.Request) -> Flow:
        request.headers["Authorization"] = self._header
        yield request


class APIKeyAuth(httpx.Auth):
    """Postman ``apikey``: a named key sent as a header or a query parameter."""

    def __init__(self, key: str, value: str, location: str = "header") -> None:
        self.key = key
        self._value = value
        self.location = _check_choice("location", location, ("header", "query"))

    def auth_flow(self, request: httpx.Request) -> Flow:
        if self.location == "query":
            request.url = _with_query_params(request.url, [(self.key, self._value)])
        else:
            request.headers[self.key] = _header_value(self._value)
        yield request


_DIGEST_HASHES = {
    "MD5": "md5",
    "MD5-SESS": "md5",
    "SHA-256": "sha256",
    "SHA-256-SESS": "sha256",
    "SHA-512-256": "sha512_256",
    "SHA-512-256-SESS": "sha512_256",
}


class DigestAuth(httpx.Auth):
    """Postman ``digest`` with a saved ``realm`` and ``nonce``: the first request carries the
    ``Authorization`` Postman computes from them (RFC 7616, Postman's field order); when the server answers
    401 with a fresh challenge, httpx's own challenge-response takes over and resends."""

    requires_request_body = True

    def __init__(
        self,
        username: str,
        password: str,
        *,
        realm: str,
        nonce: str,
        algorithm: str = "MD5",
        qop: str = "",
        nonce_count: str = "",
        client_nonce: str = "",
        opaque: str = "",
    ) -> None:
        self.username, self._password = username, password
        self.realm, self.nonce, self.opaque = realm, nonce, opaque
        self.algorithm = algorithm or "MD5"
        if self.algorithm.upper() not in _DIGEST_HASHES:
            raise ValueError(f"digest algorithm {algorithm!r} is not supported ({', '.join(_DIGEST_HASHES)})")
        self.qop, self.nonce_count = qop, nonce_count
        # Postman sends the saved client nonce; without one it sends "" or the text "undefined".
        self.client_nonce = client_nonce or secrets.token_hex(4)
        self._challenge = httpx.DigestAuth(username, password)

    def _hash(self, text: str) -> str:
        return hashlib.new(_DIGEST_HASHES[self.algorithm.upper()], text.encode()).hexdigest()

    def header(self, request: httpx.Request) -> str:
        uri = request.url.raw_path.decode("ascii")
        sess = self.algorithm.upper().endswith("-SESS")
        a1 = f"{self.username}:{self.realm}:{self._password}"
        if sess:
            a1 = f"{self._hash(a1)}:{self.nonce}:{self.client_nonce}"
        a2 = f"{request.method}:{uri}"
        if self.qop == "auth-int":
            a2 += ":" + hashlib.new(_DIGEST_HASHES[self.algorithm.upper()], request.content).hexdigest()
        qop = self.qop in ("auth", "auth-int")
        parts = [self._hash(a1), self.nonce]
        parts += [self.nonce_count, self.client_nonce, self.qop] if qop else []
        response = self._hash(":".join([*parts, self._hash(a2)]))
        fields = [f'username="{self.username}"', f'realm="{self.realm}"', f'nonce="{self.nonce}"']
        fields += [f'uri="{uri}"', f'algorithm="{self.algorithm}"']
        fields += [f"qop={self.qop}"] if qop else []
        if qop or self.algorithm == "MD5-sess":
            fields += [f"nc={self.nonce_count}"] if self.nonce_count else []
            fields.append(f'cnonce="{self.client_nonce}"')
        fields.append(f'response="{response}"')
        fields += [f'opaque="{self.opaque}"'] if self.opaque else []
        return "Digest " + ", ".join(fields)

    def auth_flow(self, request: httpx.Request) -> Flow:
        request.headers["Authorization"] = self.header(request)
        response = yield request
        challenge = response.headers.get("www-authenticate", "")
        if response.status_code != 401 or not challenge.lower().startswith("digest"):
            return
        fallback = self._challenge.auth_flow(request)
        next(fallback)  # the first request, already answered
        try:
            retry = fallback.send(response)
            while True:
                retry = fallback.send((yield retry))
        except StopIteration:
            return


def digest_auth(
    username: str,
    password: str,
    *,
    realm: str = "",
    nonce: str = "",
    algorithm: str = "",
    qop: str = "",
    nonce_count: str = "",
    client_nonce: str = "",
    opaque: str = "",
) -> httpx.Auth:
    """Postman ``digest``: with a saved ``realm`` and ``nonce``, a first request signed with them, as Postman
    sends it (``DigestAuth``); without, httpx's own challenge-response (RFC 7616), used as it is."""
    if not (realm and nonce):
        return httpx.DigestAuth(username, password)
    return DigestAuth(
        username,
        password,
        realm=realm,
        nonce=nonce,
        algorithm=algorithm,
        qop=qop,
        nonce_count=nonce_count,
        client_nonce=client_nonce,
        opaque=opaque,
    )


class OAuth2Auth(httpx.Auth):
    """Postman ``oauth2`` with a token in hand: sent as ``<prefix> <token>`` or as ``?access_token=``."""

    def __init__(
        self, access_token: str, header_prefix: str = "Bearer", add_token_to: str = "header"
    ) -> None:
        self._token = access_token
        self.header_prefix = header_prefix
        self.add_token_to = _check_choice("add_token_to", add_token_to, ("header", "query"))

    def auth_flow(self, request: httpx.Request) -> Flow:
        _attach_token(
            request,
            self._token,
            prefix=self.header_prefix,
            add_to=self.add_token_to,
            query_key="access_token",
        )
        yield request


class TokenError(RuntimeError):
    """The OAuth 2 token endpoint refused the credentials or answered something that is not a token."""


class OAuth2ClientCredentials(httpx.Auth):
    """Postman ``oauth2`` with a token URL: fetches a token (client credentials or password grant) through
    the same client, caches it, and fetches a new one when it expires or a request is answered 401."""

    # Refresh a little early so a token does not expire while its request is in flight.
    EXPIRY_MARGIN = 30.0

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        scope: str = "",
        grant_type: str = "client_credentials",
        username: str = "",
        password: str = "",
        client_authentication: str = "header",
        *,
        header_prefix: str = "Bearer",
        add_token_to: str = "header",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token_url = httpx.URL(token_url)
        self.client_id = client_id
        self._client_secret = client_secret
        self.scope = scope
        self.grant_type = _check_choice("grant_type", grant_type, ("client_credentials", "password"))
        self.username = username
        self._password = password
        self.client_authentication = _check_choice(
            "client_authentication", client_authentication, ("header", "body")
        )
        self.header_prefix = header_prefix
        self.add_token_to = _check_choice("add_token_to", add_token_to, ("header", "query"))
        self._clock = clock
        self._token: str | None = None
        self._expires_at: float | None = None

    def auth_flow(self, request: httpx.Request) -> Flow:
        fetched = not self._has_valid_token()
        if fetched:
            self._store((yield self._token_request()))
        self._attach(request)
        response = yield request
        if response.status_code == 401 and not fetched:
            self._store((yield self._token_request()))
            self._attach(request)
            yield request

    # Only token responses are read here, so API responses can still be streamed by the caller.
    def sync_auth_flow(self, request: httpx.Request) -> Flow:
        flow = self.auth_flow(request)
        outgoing = next(flow)
        while True:
            response = yield outgoing
            if outgoing.url == self.token_url:
                response.read()
            try:
                outgoing = flow.send(response)
            except StopIteration:
                return

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self.auth_flow(request)
        outgoing = next(flow)
        while True:
            response = yield outgoing
            if outgoing.url == self.token_url:
                await response.aread()
            try:
                outgoing = flow.send(response)
            except StopIteration:
                return

    def _has_valid_token(self) -> bool:
        if self._token is None:
            return False
        return self._expires_at is None or self._clock() < self._expires_at

    def _attach(self, request: httpx.Request) -> None:
        assert self._token is not None
        _attach_token(
            request,
            self._token,
            prefix=self.header_prefix,
            add_to=self.add_token_to,
            query_key="access_token",
        )

    def _token_request(self) -> httpx.Request:
        form = {"grant_type": self.grant_type}
        if self.scope:
            form["scope"] = self.scope
        if self.grant_type == "password":
            form.update(username=self.username, password=self._password)
        headers = {"Accept": "application/json"}
        if self.client_authentication == "header":
            basic = _b64(f"{self.client_id}:{self._client_secret}".encode())
            headers["Authorization"] = f"Basic {basic}"
        else:
            form.update(client_id=self.client_id, client_secret=self._client_secret)
        return httpx.Request("POST", self.token_url, data=form, headers=headers)

    def _store(self, response: httpx.Response) -> None:
        if not response.is_success:
            raise TokenError(
                f"token request to {self.token_url} failed with HTTP {response.status_code}: "
                f"{response.text[:200]}"
            )
        try:
            payload = response.json()
            token = payload["access_token"]
        except (ValueError, KeyError, TypeError) as exc:
            raise TokenError(f"token response from {self.token_url} has no access_token") from exc
        if not isinstance(token, str) or not token:
            raise TokenError(f"token response from {self.token_url} has an empty access_token")
        lifetime = payload.get("expires_in")
        self._token = token
        self._expires_at = None
        if lifetime not in (None, ""):
            self._expires_at = self._clock() + float(lifetime) - self.EXPIRY_MARGIN


# ---------------------------------------------------------------------------------------------------------
# OAuth 1.0a (RFC 5849)

_HASH_SUFFIXES = {"SHA1": "sha1", "SHA256": "sha256", "SHA512": "sha512"}
_OAUTH1_PARAMS = frozenset(
    "oauth_" + name
    for name in (
        "consumer_key",
        "token",
        "signature_method",
        "timestamp",
        "nonce",
        "version",
        "signature",
        "callback",
        "verifier",
        "body_hash",
    )
)
_OAUTH1_METHODS = (
    "HMAC-SHA1",
    "HMAC-SHA256",
    "HMAC-SHA512",
    "RSA-SHA1",
    "RSA-SHA256",
    "RSA-SHA512",
    "PLAINTEXT",
)


class OAuth1Auth(httpx.Auth):
    """Postman ``oauth1``: RFC 5849 signatures over method, base URI, query and form-body parameters.

    ``nonce`` and ``timestamp`` are fixed when given (tests), fresh per request otherwise. RSA methods sign
    with ``private_key`` (PEM) instead of the secrets. ``include_body_hash`` adds ``oauth_body_hash`` to
    requests whose body is not form-encoded, hashed as the signature method names. A ``token`` or
    ``version`` of None was never saved: sent empty (``add_empty_params_to_sign``) as a bare query name.
    """

    requires_request_body = True

    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str = "",
        token: str | None = "",
        token_secret: str = "",
        signature_method: str = "HMAC-SHA1",
        add_params_to: str = "header",
        realm: str = "",
        *,
        nonce: str = "",
        timestamp: str = "",
        version: str | None = "1.0",
        callback: str = "",
        verifier: str = "",
        include_body_hash: bool = False,
        add_empty_params_to_sign: bool = False,
        private_key: str | bytes = "",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self._unsaved = frozenset(
            name for name, value in (("oauth_token", token), ("oauth_version", version)) if value is None
        )
        self.token = token or ""
        self._token_secret = token_secret
        self.signature_method = _check_choice("signature_method", signature_method, _OAUTH1_METHODS)
        self.add_params_to = _check_choice("add_params_to", add_params_to, ("header", "query"))
        self.realm = realm
        self.nonce, self.timestamp, self.version = nonce, timestamp, version or ""
        self.callback, self.verifier = callback, verifier
        self.include_body_hash = include_body_hash
        self.add_empty_params_to_sign = add_empty_params_to_sign
        self._rsa_key = _load_rsa_key(private_key, None) if signature_method.startswith("RSA") else None
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Flow:
        oauth = self._protocol_params(request)
        oauth.append(("oauth_signature", self._signature(request, oauth)))
        if self.add_params_to == "header":
            request.headers["Authorization"] = self._header(oauth)
        elif request.method in ("POST", "PUT") and _mime_type(request) == _FORM:
            request = _with_form_params(request, oauth)  # as Postman: a form body carries them
        else:
            request.url = _with_query_params(request.url, oauth, replace=_OAUTH1_PARAMS, bare=self._unsaved)
        yield request

    @property
    def _hash_name(self) -> str | None:
        return _HASH_SUFFIXES.get(self.signature_method.partition("-")[2])

    def _protocol_params(self, request: httpx.Request) -> list[tuple[str, str]]:
        core = [
            ("oauth_consumer_key", self.consumer_key),
            ("oauth_token", self.token),
            ("oauth_signature_method", self.signature_method),
            ("oauth_timestamp", self.timestamp or str(int(self._clock()))),
            ("oauth_nonce", self.nonce or secrets.token_hex(8)),
            ("oauth_version", self.version),
        ]
        if not self.add_empty_params_to_sign:
            core = [(name, value) for name, value in core if value.strip()]
        # Extensions are sent only when they have a value, whatever add_empty_params_to_sign says.
        extensions = [("oauth_callback", self.callback), ("oauth_verifier", self.verifier)]
        hash_name = self._hash_name
        if self.include_body_hash and hash_name and _mime_type(request) != _FORM:
            extensions.insert(0, ("oauth_body_hash", _b64(hashlib.new(hash_name, request.content).digest())))
        return core + [(name, value) for name, value in extensions if value]

    def _signature(self, request: httpx.Request, oauth: list[tuple[str, str]]) -> str:
        key = f"{_percent_encode(self._consumer_secret)}&{_percent_encode(self._token_secret)}"
        if self.signature_method == "PLAINTEXT":
            return key
        # In query mode these replace any stale protocol parameters in the URL, which must not be signed.
        replaced = _OAUTH1_PARAMS if self.add_params_to == "query" else frozenset()
        base = _oauth1_base_string(request, oauth, replaced)
        hash_name = self._hash_name or "sha1"
        if self._rsa_key is not None:
            return _b64(self._rsa_key.sign(base.encode(), hash_name))
        return _b64(hmac.new(key.encode(), base.encode(), hash_name).digest())

    def _header(self, oauth: list[tuple[str, str]]) -> str:
        # As Postman writes it: comma-separated without spaces, realm encoded, empty values left out.
        fields = [f'realm="{_percent_encode(self.realm.strip())}"'] if self.realm.strip() else []
        fields += [f'{_percent_encode(k)}="{_percent_encode(v.strip())}"' for k, v in oauth if v.strip()]
        return "OAuth " + ",".join(fields)


def _with_form_params(request: httpx.Request, params: list[tuple[str, str]]) -> httpx.Request:
    """A copy of a form-encoded request with ``params`` appended to its body."""
    added = "&".join(f"{_percent_encode(name)}={_percent_encode(value)}" for name, value in params)
    content = request.content + (b"&" if request.content else b"") + added.encode("ascii")
    headers = httpx.Headers(request.headers)
    headers["Content-Length"] = str(len(content))
    return httpx.Request(
        request.method, request.url, headers=headers, content=content, extensions=request.extensions
    )


def _oauth1_base_string(
    request: httpx.Request, oauth: list[tuple[str, str]], replaced: frozenset[str]
) -> str:
    """RFC 5849 section 3.4.1: method, base string URI and normalized parameters."""
    url = request.url
    host = url.raw_host.decode("ascii").lower()
    if ":" in host:
        host = f"[{host}]"
    port = f":{url.port}" if url.port is not None else ""  # httpx drops default ports already
    base_uri = f"{url.scheme.lower()}://{host}{port}{_path_only(url)}"
    params = [(name, value) for name, value in _query_pairs(url) if name not in replaced]
    if _mime_type(request) == _FORM:
        params += parse_qsl(request.content.decode("utf-8"), keep_blank_values=True)
    params += oauth
    encoded = sorted((_percent_encode(name), _percent_encode(value)) for name, value in params)
    normalized = "&".join(f"{name}={value}" for name, value in encoded)
    return "&".join((request.method.upper(), _percent_encode(base_uri), _percent_encode(normalized)))


# ---------------------------------------------------------------------------------------------------------
# AWS Signature Version 4

# Hop-by-hop and proxy-rewritten headers: signing them would break the signature in transit.
_SIGV4_UNSIGNED = frozenset(
    {
        "authorization",
        "connection",
        "expect",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-amzn-trace-id",
    }
)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# The names of the headers a request carries of its own (saved in the collection, or given to the call),
# as the generated runtime lists them in ``request.extensions``: the others are the HTTP client's defaults.
OWN_HEADERS = "gen_client.own_headers"


class AWSSigV4Auth(httpx.Auth):
    """Postman ``awsv4``: AWS Signature Version 4 in the ``Authorization`` header.

    Signs every header except hop-by-hop ones, the SHA-256 of the body, and the canonical query. S3 gets its
    single-encoded path and an ``x-amz-content-sha256`` header, as S3 requires.

    ``postman=True`` signs as Postman does: of the request's headers only its own ones (``OWN_HEADERS``;
    Postman signs before its client adds Accept-Encoding, Content-Length and the like) besides Host and the
    ``X-Amz-*`` ones, and any non-empty body gets an ``X-Amz-Content-Sha256`` header, whatever the service.
    """

    requires_request_body = True

    def __init__(
        self,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        service: str = "execute-api",
        session_token: str = "",
        *,
        clock: Callable[[], datetime] = _utc_now,
        postman: bool = False,
    ) -> None:
        self.access_key = access_key
        self._secret_key = secret_key
        self.region = region
        self.service = service
        self._session_token = session_token
        self._clock = clock
        self.postman = postman

    def auth_flow(self, request: httpx.Request) -> Flow:
        stamp = self._clock().strftime("%Y%m%dT%H%M%SZ")
        payload_hash = hashlib.sha256(request.content).hexdigest()
        request.headers.pop("authorization", None)
        request.headers["X-Amz-Date"] = stamp
        if self._session_token:
            request.headers["X-Amz-Security-Token"] = self._session_token
        if self.service == "s3" or (self.postman and request.content):
            request.headers["X-Amz-Content-SHA256"] = payload_hash
        own = request.extensions.get(OWN_HEADERS) if self.postman else None
        signed, canonical_headers = _sigv4_headers(request.headers, own)
        canonical_request = "\n".join(
            (
                request.method.upper(),
                self._canonical_path(request.url),
                _sigv4_query(request.url),
                canonical_headers + "\n",
                signed,
                payload_hash,
            )
        )
        scope = f"{stamp[:8]}/{self.region}/{self.service}/aws4_request"
        to_sign = "\n".join(
            ("AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical_request.encode()).hexdigest())
        )
        signature = hmac.new(self._signing_key(stamp[:8]), to_sign.encode(), hashlib.sha256).hexdigest()
        request.headers["Authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
            f"SignedHeaders={signed}, Signature={signature}"
        )
        yield request

    def _signing_key(self, day: str) -> bytes:
        key = f"AWS4{self._secret_key}".encode()
        for part in (day, self.region, self.service, "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        return key

    def _canonical_path(self, url: httpx.URL) -> str:
        path = _path_only(url)
        if self.service == "s3":
            return path
        # Other services want dot segments and empty segments removed, then every segment encoded again.
        segments: list[str] = []
        for segment in path.split("/"):
            if segment == "..":
                if segments:
                    segments.pop()
            elif segment and segment != ".":
                segments.append(segment)
        trailing = "/" if path.endswith("/") and segments else ""
        return quote("/" + "/".join(segments) + trailing, safe="/~")


def _sigv4_headers(headers: httpx.Headers, own: Iterable[str] | None = None) -> tuple[str, str]:
    """(signed header names, canonical headers); with ``own``, only those (Content-Length never), Host and
    the ``x-amz-*`` headers are signed."""
    only = None if own is None else {name.lower() for name in own} - {"content-length"} | {"host"}
    values: dict[str, list[str]] = {}
    for name, value in headers.multi_items():
        lowered = name.lower()
        if only is not None and lowered not in only and not lowered.startswith("x-amz-"):
            continue
        if lowered not in _SIGV4_UNSIGNED:
            values.setdefault(lowered, []).append(" ".join(value.split()))
    names = sorted(values)
    canonical = "\n".join(f"{name}:{','.join(values[name])}" for name in names)
    return ";".join(names), canonical


def _sigv4_query(url: httpx.URL) -> str:
    pairs = []
    for pair in _query_text(url).split("&"):
        if pair:
            name, _, value = pair.partition("=")
            pairs.append((_percent_encode(unquote(name)), _percent_encode(unquote(value))))
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


# ---------------------------------------------------------------------------------------------------------
# Hawk


class HawkAuth(httpx.Auth):
    """Postman ``hawk``: a Hawk ``Authorization`` header, MAC over ts, nonce, method, resource and host."""

    requires_request_body = True

    def __init__(
        self,
        auth_id: str,
        auth_key: str,
        algorithm: str = "sha256",
        *,
        ext: str = "",
        app: str = "",
        dlg: str = "",
        include_payload_hash: bool = False,
        nonce: str = "",
        timestamp: str = "",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.auth_id = auth_id
        self._auth_key = auth_key
        self.algorithm = _check_choice("algorithm", algorithm, ("sha256", "sha1"))
        self.ext, self.app, self.dlg = ext, app, dlg
        self.include_payload_hash = include_payload_hash
        self.nonce, self.timestamp = nonce, timestamp
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Flow:
        ts = self.timestamp or str(int(self._clock()))
        nonce = self.nonce or secrets.token_hex(4)
        # As Postman: no hash of an empty body or of a multipart one (which it does not hash).
        hashed = (
            self.include_payload_hash and request.content and _mime_type(request) != "multipart/form-data"
        )
        payload_hash = self._payload_hash(request) if hashed else ""
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        lines = [
            "hawk.1.header",
            ts,
            nonce,
            request.method.upper(),
            url.raw_path.decode("ascii"),
            url.raw_host.decode("ascii").lower(),
            str(port),
            payload_hash,
            self.ext.replace("\\", "\\\\").replace("\n", "\\n"),
        ]
        if self.app:
            lines += [self.app, self.dlg]
        normalized = "\n".join(lines) + "\n"
        mac = _b64(hmac.new(self._auth_key.encode(), normalized.encode(), self.algorithm).digest())
        fields = [("id", self.auth_id), ("ts", ts), ("nonce", nonce), ("hash", payload_hash)]
        fields += [("ext", self.ext), ("mac", mac), ("app", self.app), ("dlg", self.dlg if self.app else "")]
        quoted = (f'{name}="{_hawk_escape(value)}"' for name, value in fields if value)
        request.headers["Authorization"] = "Hawk " + ", ".join(quoted)
        yield request

    def _payload_hash(self, request: httpx.Request) -> str:
        digest = hashlib.new(self.algorithm)
        digest.update(f"hawk.1.payload\n{_mime_type(request)}\n".encode())
        digest.update(request.content + b"\n")
        return _b64(digest.digest())


def _hawk_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


# ---------------------------------------------------------------------------------------------------------
# Akamai EdgeGrid (EG1-HMAC-SHA256)


def _edgegrid_timestamp() -> str:
    return _utc_now().strftime("%Y%m%dT%H:%M:%S+0000")


class EdgeGridAuth(httpx.Auth):
    """Postman ``edgegrid``: Akamai's EG1-HMAC-SHA256 ``Authorization`` header.

    ``host`` overrides the signed host (Postman's ``baseURL``); ``headers_to_sign`` are signed in the given
    order; POST bodies are hashed up to ``max_body`` bytes.
    """

    requires_request_body = True

    def __init__(
        self,
        client_token: str,
        client_secret: str,
        access_token: str,
        *,
        headers_to_sign: Iterable[str] = (),
        max_body: int = 131072,
        host: str = "",
        nonce: str = "",
        timestamp: str = "",
        clock: Callable[[], str] = _edgegrid_timestamp,
    ) -> None:
        self.client_token = client_token
        self._client_secret = client_secret
        self._access_token = access_token
        self.headers_to_sign = [name.strip().lower() for name in headers_to_sign if name.strip()]
        self.max_body = max_body
        self.host = host
        self.nonce, self.timestamp = nonce, timestamp
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Flow:
        ts = self.timestamp or self._clock()
        nonce = self.nonce or str(uuid.uuid4())
        prefix = (
            f"EG1-HMAC-SHA256 client_token={self.client_token};access_token={self._access_token};"
            f"timestamp={ts};nonce={nonce};"
        )
        data = "\t".join(
            (
                request.method.upper(),
                request.url.scheme,
                self.host or request.headers.get("host") or request.url.netloc.decode("ascii"),
                request.url.raw_path.decode("ascii"),
                self._canonical_headers(request.headers),
                self._content_hash(request),
                prefix,
            )
        )
        signing_key = _b64(hmac.new(self._client_secret.encode(), ts.encode(), hashlib.sha256).digest())
        signature = _b64(hmac.new(signing_key.encode(), data.encode(), hashlib.sha256).digest())
        request.headers["Authorization"] = f"{prefix}signature={signature}"
        yield request

    def _canonical_headers(self, headers: httpx.Headers) -> str:
        lines = []
        for name in self.headers_to_sign:
            value = headers.get(name, "")
            if value.strip():
                lines.append(f"{name}:{' '.join(value.split())}")
        return "\t".join(lines)

    def _content_hash(self, request: httpx.Request) -> str:
        if request.method.upper() != "POST" or not request.content:
            return ""
        return _b64(hashlib.sha256(request.content[: self.max_body]).digest())


# ---------------------------------------------------------------------------------------------------------
# RSA private keys and PKCS#1 v1.5 signatures, without third-party code

# DER prefixes of DigestInfo for each hash (RFC 8017, section 9.2, note 1).
_DIGEST_INFO = {
    "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}
_RSA_ENCRYPTION_OID = bytes.fromhex("2a864886f70d010101")  # 1.2.840.113549.1.1.1
_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.DOTALL)
_PEM_ENCRYPTED = re.compile(rb"^Proc-Type:\s*4,\s*ENCRYPTED", re.MULTILINE)


@dataclass(frozen=True)
class _RSAKey:
    n: int
    e: int
    d: int
    p: int
    q: int
    dp: int
    dq: int
    qinv: int

    def sign(self, message: bytes, hash_name: str = "sha256") -> bytes:
        """RSASSA-PKCS1-v1_5: pad the DigestInfo, then exponentiate with the CRT."""
        digest_info = _DIGEST_INFO[hash_name] + hashlib.new(hash_name, message).digest()
        size = (self.n.bit_length() + 7) // 8
        if size < len(digest_info) + 11:
            raise ValueError("RSA key is too short for this hash")
        padded = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
        m = int.from_bytes(padded, "big")
        s_p, s_q = pow(m, self.dp, self.p), pow(m, self.dq, self.q)
        s = s_q + self.q * ((self.qinv * (s_p - s_q)) % self.p)
        # A wrong CRT part would leak the key through a bad signature: check before letting it out.
        if pow(s, self.e, self.n) != m:
            raise ValueError("RSA private key is inconsistent (signature check failed)")
        return s.to_bytes(size, "big")


class _DERReader:
    """Reads the few ASN.1 DER shapes an RSA private key is made of."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def read(self, tag: int) -> bytes:
        try:
            found = self._data[self._pos]
            length = self._data[self._pos + 1]
            self._pos += 2
            if length & 0x80:
                count = length & 0x7F
                length = int.from_bytes(self._data[self._pos : self._pos + count], "big")
                self._pos += count
        except IndexError:
            raise ValueError("truncated DER data in private key") from None
        value = self._data[self._pos : self._pos + length]
        if found != tag or len(value) != length:
            raise ValueError(f"malformed private key: expected DER tag {tag:#04x}, found {found:#04x}")
        self._pos += length
        return value

    def integer(self) -> int:
        return int.from_bytes(self.read(0x02), "big", signed=True)


def _parse_pkcs1(der: bytes) -> _RSAKey:
    fields = _DERReader(_DERReader(der).read(0x30))
    if fields.integer() != 0:
        raise ValueError("multi-prime RSA keys are not supported")
    n, e, d, p, q, dp, dq, qinv = (fields.integer() for _ in range(8))
    return _RSAKey(n=n, e=e, d=d, p=p, q=q, dp=dp, dq=dq, qinv=qinv)


def _parse_pkcs8(der: bytes) -> _RSAKey:
    fields = _DERReader(_DERReader(der).read(0x30))
    fields.integer()
    algorithm = _DERReader(fields.read(0x30))
    if algorithm.read(0x06) != _RSA_ENCRYPTION_OID:
        raise ValueError("the private key is not an RSA key; only RSA keys can sign here")
    return _parse_pkcs1(fields.read(0x04))


def _load_rsa_key(pem: str | bytes, passphrase: str | bytes | None) -> _RSAKey:
    """Read an RSA private key from PEM: PKCS#1 or PKCS#8, encrypted ones through ``cryptography``."""
    data = pem.encode() if isinstance(pem, str) else pem
    block = _PEM_BLOCK.search(data)
    if block is None:
        raise ValueError("private key must be PEM text (-----BEGIN RSA PRIVATE KEY----- or PRIVATE KEY)")
    label, body = block.group(1), block.group(2)
    if label == b"ENCRYPTED PRIVATE KEY" or _PEM_ENCRYPTED.search(body):
        return _load_encrypted_rsa_key(block.group(0), passphrase)
    # PEM header lines (Proc-Type, DEK-Info) hold colons, which base64 never does.
    base64_lines = [line for line in body.split() if b":" not in line]
    try:
        der = base64.b64decode(b"".join(base64_lines), validate=True)
    except binascii.Error as exc:
        raise ValueError("private key PEM has invalid base64") from exc
    if label == b"RSA PRIVATE KEY":
        return _parse_pkcs1(der)
    if label == b"PRIVATE KEY":
        return _parse_pkcs8(der)
    raise ValueError(f"unsupported PEM block {label.decode()!r}; expected an RSA private key")


def _load_encrypted_rsa_key(pem: bytes, passphrase: str | bytes | None) -> _RSAKey:
    try:
        serialization = importlib.import_module("cryptography.hazmat.primitives.serialization")
    except ImportError:
        raise ImportError(
            "this private key is encrypted; reading it needs the 'cryptography' package: "
            "pip install cryptography"
        ) from None
    if passphrase is None:
        raise ValueError("the private key is encrypted: give its passphrase")
    password = passphrase.encode() if isinstance(passphrase, str) else passphrase
    try:
        numbers = serialization.load_pem_private_key(pem, password=password).private_numbers()
        public = numbers.public_numbers
        return _RSAKey(
            n=int(public.n),
            e=int(public.e),
            d=int(numbers.d),
            p=int(numbers.p),
            q=int(numbers.q),
            dp=int(numbers.dmp1),
            dq=int(numbers.dmq1),
            qinv=int(numbers.iqmp),
        )
    except (TypeError, ValueError) as exc:
        raise ValueError("could not decrypt the private key: is the passphrase right?") from exc
    except AttributeError:
        raise ValueError("the private key is not an RSA key; only RSA keys can sign here") from None


# ---------------------------------------------------------------------------------------------------------
# JWT (Postman's ``jwt`` auth: the client makes and signs the token itself)

_JWT_HASHES = {"256": "sha256", "384": "sha384", "512": "sha512"}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _compact_json(value: str | Mapping[str, object]) -> dict[str, object]:
    parsed = json.loads(value) if isinstance(value, str) else dict(value)
    if not isinstance(parsed, dict):
        raise ValueError("a JWT header or payload must be a JSON object")
    return parsed


class JWTAuth(httpx.Auth):
    """Postman ``jwt``: an HS256/384/512 or RS256/384/512 token made from ``payload``, sent as
    ``<prefix> <token>`` or as a query parameter. The header is ``{"alg": ...}`` plus ``header``, as Postman
    builds it."""

    def __init__(
        self,
        algorithm: str = "HS256",
        secret: str = "",
        payload: str | Mapping[str, object] = "{}",
        *,
        header: str | Mapping[str, object] = "{}",
        is_secret_base64_encoded: bool = False,
        private_key: str | bytes = "",
        passphrase: str | bytes | None = None,
        add_token_to: str = "header",
        header_prefix: str = "Bearer",
        query_param_key: str = "token",
    ) -> None:
        self.add_token_to = _check_choice("add_token_to", add_token_to, ("header", "query"))
        self.header_prefix = header_prefix
        self.query_param_key = query_param_key
        self._token = _make_jwt(
            algorithm,
            _compact_json(header or "{}"),
            _compact_json(payload or "{}"),
            base64.b64decode(secret) if is_secret_base64_encoded else secret.encode(),
            private_key,
            passphrase,
        )

    def auth_flow(self, request: httpx.Request) -> Flow:
        _attach_token(
            request,
            self._token,
            prefix=self.header_prefix,
            add_to=self.add_token_to,
            query_key=self.query_param_key,
        )
        yield request


def _make_jwt(
    algorithm: str,
    header: dict[str, object],
    payload: dict[str, object],
    secret: bytes,
    private_key: str | bytes,
    passphrase: str | bytes | None,
) -> str:
    family, hash_name = algorithm[:2], _JWT_HASHES.get(algorithm[2:])
    if family not in ("HS", "RS") or hash_name is None:
        raise ValueError(
            f"JWT algorithm {algorithm!r} is not supported here (HS256/384/512 and RS256/384/512 are); "
            "make the token yourself and use BearerAuth"
        )
    fields = {**header, "alg": algorithm}  # as Postman: a saved "alg" keeps its place, else it comes last
    signing_input = ".".join(
        _b64url(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode())
        for part in (fields, payload)
    )
    if family == "HS":
        if not secret:
            raise MissingAuthParam("jwt auth needs the 'secret' parameter: HS algorithms need a secret")
        signature = hmac.new(secret, signing_input.encode(), hash_name).digest()
    else:
        if not private_key:
            raise MissingAuthParam("jwt auth needs the 'privateKey' parameter for RS algorithms")
        signature = _load_rsa_key(private_key, passphrase).sign(signing_input.encode(), hash_name)
    return f"{signing_input}.{_b64url(signature)}"


# ---------------------------------------------------------------------------------------------------------
# Oracle Cloud Infrastructure request signatures


class OCISigner(httpx.Auth):
    """Signs requests the way OCI requires (draft-cavage HTTP Signatures, rsa-sha256).

    Sets ``date`` and, for POST/PUT/PATCH, ``x-content-sha256``, ``content-length`` and a default
    ``content-type``; then signs ``date (request-target) host`` plus those three body headers.
    ``clock`` (seconds since the epoch) fixes the date in tests.
    """

    requires_request_body = True
    BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

    def __init__(
        self,
        *,
        tenancy: str,
        user: str,
        fingerprint: str,
        private_key: str | bytes,
        passphrase: str | bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.key_id = f"{tenancy}/{user}/{fingerprint}"
        self._key = _load_rsa_key(private_key, passphrase)
        self._clock = clock

    @classmethod
    def from_config(
        cls, path: str = "~/.oci/config", profile: str = "DEFAULT", *, clock: Callable[[], float] = time.time
    ) -> OCISigner:
        """Build a signer from an OCI config file (tenancy, user, fingerprint, key_file, pass_phrase)."""
        file = os.path.expanduser(path)
        parser = configparser.ConfigParser(interpolation=None)
        if not parser.read(file):
            raise ValueError(f"OCI config file not found: {file}")
        if profile != "DEFAULT" and not parser.has_section(profile):
            raise ValueError(f"profile [{profile}] not found in {file}")
        section = parser[profile]
        missing = [key for key in ("tenancy", "user", "fingerprint", "key_file") if not section.get(key)]
        if missing:
            raise ValueError(f"profile [{profile}] in {file} lacks {', '.join(missing)}")
        with open(os.path.expanduser(section["key_file"]), "rb") as key_file:
            private_key = key_file.read()
        return cls(
            tenancy=section["tenancy"],
            user=section["user"],
            fingerprint=section["fingerprint"],
            private_key=private_key,
            passphrase=section.get("pass_phrase") or None,
            clock=clock,
        )

    def auth_flow(self, request: httpx.Request) -> Flow:
        headers = request.headers
        headers["date"] = email.utils.formatdate(self._clock(), usegmt=True)
        names = ["date", "(request-target)", "host"]
        if request.method.upper() in self.BODY_METHODS:
            body = request.content
            headers.pop("transfer-encoding", None)
            headers["content-length"] = str(len(body))
            headers.setdefault("content-type", "application/json")
            headers["x-content-sha256"] = _b64(hashlib.sha256(body).digest())
            names += ["content-length", "content-type", "x-content-sha256"]
        target = f"{request.method.lower()} {request.url.raw_path.decode('ascii')}"
        lines = [f"{name}: {target if name == '(request-target)' else headers[name]}" for name in names]
        signature = _b64(self._key.sign("\n".join(lines).encode(), "sha256"))
        headers["authorization"] = (
            f'Signature algorithm="rsa-sha256",headers="{" ".join(names)}",keyId="{self.key_id}",'
            f'signature="{signature}",version="1"'
        )
        yield request


# ---------------------------------------------------------------------------------------------------------
# Postman auth type -> httpx.Auth


class UnresolvedParam(Exception):
    """An auth parameter that was read has a variable without a value; ``error`` says which."""

    def __init__(self, key: str, error: Exception) -> None:
        super().__init__(f"auth parameter {key!r}: {error}")
        self.error = error


class ResolvedParams(Mapping[str, str]):
    """Postman auth parameters with their variables filled in. ``unresolved`` holds the error each
    parameter whose variables had no value gave; reading one raises ``UnresolvedParam``, so a parameter
    the auth type never reads (an OAuth 2 ``authUrl``, say) needs no value."""

    def __init__(self, resolved: Mapping[str, str], unresolved: Mapping[str, Exception]) -> None:
        self._resolved = dict(resolved)
        self._unresolved = dict(unresolved)

    def __getitem__(self, key: str) -> str:
        if key in self._unresolved:
            raise UnresolvedParam(key, self._unresolved[key])
        return self._resolved[key]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._resolved, *self._unresolved])

    def __len__(self) -> int:
        return len(self._resolved) + len(self._unresolved)


def _get(params: Mapping[str, str], *keys: str, default: str = "") -> str:
    """The first non-empty value among ``keys`` (Postman renamed some keys between versions)."""
    for key in keys:
        value = params.get(key)
        if value is not None and str(value).strip():
            return str(value)
    return default


def _flag(params: Mapping[str, str], key: str, default: bool = False) -> bool:
    value = _get(params, key)
    return value.strip().lower() in ("true", "1", "yes", "on") if value else default


def _prefix(params: Mapping[str, str], strip: bool) -> str:
    """A token's ``headerPrefix``: ``Bearer`` when none is saved; one saved empty means none (the token
    alone), as Postman sends it (its OAuth 2 trims the saved prefix, its JWT does not)."""
    if "headerPrefix" not in params:
        return "Bearer"
    value = str(params["headerPrefix"])
    return value.strip() if strip else value


def _required(params: Mapping[str, str], auth_type: str, key: str) -> str:
    value = _get(params, key)
    if not value:
        raise MissingAuthParam(f"{auth_type} auth needs the {key!r} parameter")
    return value


def _build_apikey(params: Mapping[str, str]) -> httpx.Auth:
    # As Postman: "query" puts the key in the query; any other saved "in" (or none) makes it a header.
    location = "query" if _get(params, "in") == "query" else "header"
    return APIKeyAuth(_required(params, "apikey", "key"), _get(params, "value"), location)


def _build_oauth1(params: Mapping[str, str]) -> httpx.Auth:
    # Saved nonce and timestamp are Postman's helper data from an earlier send: reusing them would replay.
    method = _get(params, "signatureMethod", default="HMAC-SHA1")
    if method.startswith("RSA"):
        _required(params, "oauth1", "privateKey")
    return OAuth1Auth(
        _required(params, "oauth1", "consumerKey"),
        _get(params, "consumerSecret"),
        token=_get(params, "token") if "token" in params else None,
        token_secret=_get(params, "tokenSecret"),
        signature_method=method,
        add_params_to="header" if _flag(params, "addParamsToHeader") else "query",
        realm=_get(params, "realm"),
        version=_get(params, "version") if "version" in params else None,
        callback=_get(params, "callback"),
        verifier=_get(params, "verifier"),
        include_body_hash=_flag(params, "includeBodyHash"),
        add_empty_params_to_sign=_flag(params, "addEmptyParamsToSign"),
        private_key=_get(params, "privateKey"),
    )


def _build_oauth2(params: Mapping[str, str]) -> httpx.Auth:
    prefix = _prefix(params, strip=True)
    add_to = "query" if _get(params, "addTokenTo") in ("queryParams", "query", "url") else "header"
    grant = _get(params, "grant_type", "grantType")
    grant = {"password_credentials": "password"}.get(grant, grant)
    token_url = _get(params, "accessTokenUrl")
    if token_url and grant in ("client_credentials", "password"):
        return OAuth2ClientCredentials(
            token_url,
            _get(params, "clientId"),
            _get(params, "clientSecret"),
            scope=_get(params, "scope"),
            grant_type=grant,
            username=_get(params, "username"),
            password=_get(params, "password"),
            client_authentication=_get(params, "client_authentication", "clientAuth", default="header"),
            header_prefix=prefix,
            add_token_to=add_to,
        )
    token = _get(params, "accessToken")
    if not token:
        raise MissingAuthParam(
            f"oauth2 auth needs 'accessToken' (grant type {grant or 'unknown'!r} cannot be fetched "
            "without a browser; client_credentials and password_credentials with accessTokenUrl can)"
        )
    return OAuth2Auth(token, header_prefix=prefix, add_token_to=add_to)


def _build_awsv4(params: Mapping[str, str]) -> httpx.Auth:
    return AWSSigV4Auth(
        _required(params, "awsv4", "accessKey"),
        _required(params, "awsv4", "secretKey"),
        region=_get(params, "region", default="us-east-1"),
        service=_get(params, "service", default="execute-api"),
        session_token=_get(params, "sessionToken"),
        postman=True,
    )


def _build_hawk(params: Mapping[str, str]) -> httpx.Auth:
    return HawkAuth(
        _required(params, "hawk", "authId"),
        _required(params, "hawk", "authKey"),
        algorithm=_get(params, "algorithm", default="sha256"),
        ext=_get(params, "extraData"),
        app=_get(params, "app"),
        dlg=_get(params, "delegation"),
        include_payload_hash=_flag(params, "includePayloadHash"),
    )


def _build_edgegrid(params: Mapping[str, str]) -> httpx.Auth:
    base_url = _get(params, "baseURL")
    host = urlsplit(base_url).netloc if "://" in base_url else base_url.split("/")[0]
    return EdgeGridAuth(
        _required(params, "edgegrid", "clientToken"),
        _required(params, "edgegrid", "clientSecret"),
        _required(params, "edgegrid", "accessToken"),
        headers_to_sign=_get(params, "headersToSign").split(","),
        max_body=int(_get(params, "maxBodySize", default="131072")),
        host=host,
    )


def _build_jwt(params: Mapping[str, str]) -> httpx.Auth:
    return JWTAuth(
        _get(params, "algorithm", default="HS256"),
        _get(params, "secret"),
        _get(params, "payload", default="{}"),
        header=_get(params, "header", default="{}"),
        is_secret_base64_encoded=_flag(params, "isSecretBase64Encoded"),
        private_key=_get(params, "privateKey"),
        passphrase=_get(params, "passphrase") or None,
        add_token_to="query" if _get(params, "addTokenTo") in ("queryParam", "query") else "header",
        header_prefix=_prefix(params, strip=False),
        query_param_key=_get(params, "queryParamKey", default="token"),
    )


_BUILDERS: dict[str, Callable[[Mapping[str, str]], httpx.Auth]] = {
    "basic": lambda p: BasicAuth(_get(p, "username"), _get(p, "password")),
    "bearer": lambda p: BearerAuth(_required(p, "bearer", "token")),
    "apikey": _build_apikey,
    "digest": lambda p: digest_auth(
        _get(p, "username"),
        _get(p, "password"),
        realm=_get(p, "realm"),
        nonce=_get(p, "nonce"),
        algorithm=_get(p, "algorithm"),
        qop=_get(p, "qop"),
        nonce_count=_get(p, "nonceCount"),
        client_nonce=_get(p, "clientNonce"),
        opaque=_get(p, "opaque"),
    ),
    "oauth1": _build_oauth1,
    "oauth2": _build_oauth2,
    "awsv4": _build_awsv4,
    "hawk": _build_hawk,
    "edgegrid": _build_edgegrid,
    "jwt": _build_jwt,
}


def build_auth(auth_type: str, params: Mapping[str, str]) -> httpx.Auth | None:
    """The ``httpx.Auth`` for a Postman auth type and its (already resolved) Postman parameters.

    ``noauth`` gives None; an unknown type or option raises ValueError, so the caller can ask for its own
    ``auth=``; a missing required parameter raises ``MissingAuthParam`` (a ValueError), where Postman would
    send the request unsigned. ``params`` is only read with ``.get``, so it may resolve values lazily.
    """
    kind = auth_type.strip().lower()
    if kind == "noauth":
        return None
    builder = _BUILDERS.get(kind)
    if builder is None:
        known = ", ".join(["noauth", *_BUILDERS])
        raise ValueError(
            f"Postman auth type {auth_type!r} is not supported (supported: {known}); "
            "pass your own httpx.Auth as auth= instead"
        )
    return builder(params)
