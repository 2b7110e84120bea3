"""Sending: timeouts, retries with backoff, error mapping, redacted logs, raw responses (by gen-client).

Retries. A call is sent once, then again up to ``max_retries`` times (the client's, or the call's own):

- when the connection could not be made (connect error or timeout, no free pooled connection): nothing
  reached the server, so any request is sent again;
- when the connection broke or timed out after the request went out, or the server answered 408, 429 or a
  5xx other than 501 and 505, only if sending twice is safe: the method is GET, HEAD, PUT, DELETE, OPTIONS
  or TRACE, or the operation carries an idempotency token (``opc-retry-token``, ``Idempotency-Key``, ...).
  A token is made once per call when none is given and is the same on every attempt;
- 409 Conflict only where the server says it is worth retrying (``Retry-After`` or ``x-should-retry: true``
  on the response), and only if sending twice is safe as above;
- never when the response says ``x-should-retry: false``.

Between attempts the runtime waits what ``Retry-After`` (seconds or an HTTP-date) or ``retry-after-ms``
asks; when that is more than ``RetryPolicy.max_retry_after`` the error is raised at once instead. Without
them it backs off exponentially (``base_delay * 2**retry``, at most ``max_delay``) with jitter (a random 50
to 100% of that). Tune it through ``DEFAULT_RETRY_POLICY`` (read when a client is made) or a client's
``_runtime.config.retry``.

Logging: the logger named after the package writes one DEBUG line per attempt, with secrets redacted.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import functools
import json
import logging
import random
import re
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timezone
from typing import Generic, TypeVar
from urllib.parse import unquote

import httpx

from . import errors
from ._auth import (
    OWN_HEADERS,
    MissingAuthParam,
    ResolvedParams,
    UnresolvedParam,
    build_auth,
    redact_headers,
    with_target,
)
from ._runtime import Operation, Variables, build_request, explicit_host, request_target

T = TypeVar("T")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
# httpx keeps only 20 idle connections by default: more concurrent calls than that would open and close a
# connection per request. Keep as many as may be open (idle ones still expire after 5 s).
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)
# 5xx statuses that a retry cannot fix.
FINAL_SERVER_STATUSES = frozenset({501, 505})
# ASCII outside RFC 3986's reg-name, and "%": httpx escapes some of them in a host and keeps others ("\\",
# "|", "{"); a host holding any names no server.
NOT_IN_HOST_NAME = re.compile(r"[\x00-\x20\"#%/<>?@\[\\\]^`{|}\x7f]")


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait between attempts, and which statuses are retried (see the module docstring)."""

    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    statuses: frozenset[int] = frozenset({408, 429, *range(500, 600)}) - FINAL_SERVER_STATUSES

    def backoff(self, retry: int) -> float:
        return min(self.base_delay * 2.0**retry, self.max_delay) * random.uniform(0.5, 1.0)


DEFAULT_RETRY_POLICY = RetryPolicy()


# -------------------------------------------------------------------------------------------- responses
@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """A call's typed result together with the HTTP response it came from."""

    parsed: T
    http_response: httpx.Response
    attempts: int = 1

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    @property
    def request_id(self) -> str | None:
        return errors.request_id(self.http_response.headers)


_captured: contextvars.ContextVar[list[RawResponse[object]] | None] = contextvars.ContextVar(
    "captured", default=None
)


def decode(response: httpx.Response) -> object:
    """A response body as JSON data when it is JSON, else its text; None when empty."""
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):
        return response.text


def _describe(op: Operation, response: httpx.Response) -> str:
    message = f"{op.name}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
    rid = errors.request_id(response.headers)
    return message + (f" (request id {rid})" if rid else "")


def status_error(op: Operation, response: httpx.Response) -> errors.APIStatusError:
    """The exception for an error response, its body parsed into the error model where one is known."""
    data = decode(response)
    parse = op.errors.get(response.status_code)
    body: object = data
    if parse is not None and data is not None:
        try:
            body = parse(data)
        except (TypeError, ValueError, KeyError, RecursionError):
            body = data
    return errors.error_for_status(response.status_code)(
        _describe(op, response), response=response, body=body
    )


def _result(op: Operation, response: httpx.Response, cast: Callable[[object], T], attempts: int) -> T:
    if response.status_code >= 400:
        raise status_error(op, response)
    data = response.text if op.text_response else decode(response)
    try:
        parsed = cast(data)
    except (TypeError, ValueError, KeyError, RecursionError) as exc:
        message = f"{_describe(op, response)}: unexpected response body: {exc}"
        raise errors.APIResponseValidationError(message, response=response, body=data) from exc
    box = _captured.get()
    if box is not None:
        box.append(RawResponse(parsed, response, attempts))
    return parsed


# -------------------------------------------------------------------------------------------- waits
def retry_after(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds the server asks to wait (``retry-after-ms``, ``Retry-After`` seconds or HTTP-date), if any."""
    millis = response.headers.get("retry-after-ms")
    if millis:
        try:
            return max(float(millis) / 1000.0, 0.0)
        except ValueError:
            pass
    header = response.headers.get("retry-after", "").strip()
    if not header:
        return None
    try:
        return max(float(header), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


# -------------------------------------------------------------------------------------------- redaction
SECRET_NAME = re.compile(
    r"auth|token|secret|passw|signature|credential|session|cookie|private|api-?key"
    r"|(?:^|[-_.])(?:key|sig|code)$",
    re.IGNORECASE,
)
# Headers an auth flow may set that hold no secret; any other header it adds or changes is hidden.
PLAIN_SIGNED_HEADERS = frozenset(
    {"date", "x-date", "x-amz-date", "host", "content-length", "content-type", "x-content-sha256"}
)
REDACTED = "[REDACTED]"
_USERINFO = re.compile(r"//[^/?#@]*@")


def _redact_url(url: httpx.URL, secret_params: Iterable[str]) -> str:
    """The URL for a log line: no user info, no fragment, secret-looking query values hidden."""
    names = {name.lower() for name in secret_params}
    try:
        clean = url.copy_with(userinfo=b"", fragment=None) if url.userinfo else url.copy_with(fragment=None)
        text = str(clean)
    except httpx.InvalidURL:  # a URL httpx cannot rebuild ("http:////"): cut the same parts from its text
        text = _USERINFO.sub("//", str(url).partition("#")[0], count=1)
    base, sep, query = text.partition("?")
    if not sep:
        return text
    parts = []
    for pair in query.split("&"):
        name, eq, _ = pair.partition("=")
        plain = unquote(name)
        parts.append(
            f"{name}={REDACTED}" if eq and (SECRET_NAME.search(plain) or plain.lower() in names) else pair
        )
    return base + "?" + "&".join(parts)


def _redacted_headers(
    headers: httpx.Headers, before: frozenset[tuple[str, str]], keep: str | None
) -> dict[str, str]:
    hidden = [
        name
        for name, value in headers.multi_items()
        if name != keep
        and (SECRET_NAME.search(name) or ((name, value) not in before and name not in PLAIN_SIGNED_HEADERS))
    ]
    return redact_headers(headers.multi_items(), extra=hidden)


def _auth_names(op: Operation) -> list[str]:
    """Header or query names an operation's saved API key auth puts its key in."""
    if op.auth is None or op.auth.type != "apikey":
        return []
    return [value for key, value in op.auth.params if key == "key"]


# -------------------------------------------------------------------------------------------- configuration
@dataclass
class Config:
    """What a client was configured with; shared by the sync and async clients, safe across threads."""

    package: str
    defaults: Mapping[str, str]
    env_names: Mapping[str, str]
    base_url: str | None
    variables: Mapping[str, str]
    auth: httpx.Auth | None
    timeout: float | httpx.Timeout | None
    max_retries: int
    signer_headers: bool = False
    retry: RetryPolicy = field(default_factory=lambda: DEFAULT_RETRY_POLICY)
    auth_cache: dict[tuple[str, tuple[tuple[str, str], ...]], httpx.Auth | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @functools.cached_property
    def logger(self) -> logging.Logger:
        return logging.getLogger(self.package)  # the same logger every time: getLogger takes a lock

    def scope(self, op: Operation, call: Mapping[str, str] | None) -> Variables:
        # Read while the request is built, before the call returns or awaits: no copies needed.
        client = self.variables
        if self.base_url is not None and op.base_variable and op.base_variable not in client:
            client = {**client, op.base_variable: self.base_url}
        return Variables((call or {}, client, self.defaults), self.env_names)

    def prepare(
        self,
        http: httpx.Client | httpx.AsyncClient,
        op: Operation,
        args: Mapping[str, object],
        body: object,
        call_variables: Mapping[str, str] | None,
        timeout: float | httpx.Timeout | None,
    ) -> tuple[httpx.Request, httpx.Auth | None]:
        """The request to send (built once: every attempt resends it, idempotency token included)."""
        if http.is_closed:
            raise errors.InvalidRequestError(f"{op.name}: the client has been closed")
        variables = self.scope(op, call_variables)
        signer = self.auth is not None and self.signer_headers
        built = build_request(op, args, body, variables, signer)
        try:
            if self.base_url is not None and not op.base_variable:
                built.url = _rebase(built.url, self.base_url)
            url, sendable = _parsed(built.url)
            if not sendable:
                shown = _redact_url(url, _auth_names(op))
                raise errors.InvalidRequestError(
                    f"{op.name}: not an http(s) URL with a host and port: {shown}"
                )
            host = explicit_host(built.url)
            if host and not any(name.lower() == "host" for name, _ in built.headers):
                built.headers.insert(0, ("Host", host))  # as Postman: ":443" or ":0080" stays in Host
            request = http.build_request(
                built.method,
                url,
                headers=built.headers,
                content=built.content,
                files=built.files,
                timeout=timeout if timeout is not None else self.timeout,
                extensions={OWN_HEADERS: built.own_headers},  # for signers
            )
        except httpx.InvalidURL as exc:
            raise errors.InvalidRequestError(f"{op.name}: invalid URL: {exc}") from exc
        except UnicodeEncodeError as exc:
            names = [k for k, v in built.headers if not (k + v).isascii()]
            raise errors.InvalidRequestError(f"{op.name}: header {names[:1]} is not ASCII: {exc}") from exc
        return request, self.auth if self.auth is not None else self._op_auth(op, variables)

    def _op_auth(self, op: Operation, variables: Variables) -> httpx.Auth | None:
        """The operation's saved auth with its variables filled in, one instance per distinct set of values
        (so an OAuth 2 token is fetched once). Only parameters its type reads need values. A required one
        that is empty (``{{token}}`` set to ``""``) sends the request unsigned, as Postman does."""
        if op.auth is None:
            return None
        resolved: dict[str, str] = {}
        unresolved: dict[str, Exception] = {}
        for name, template in op.auth.params:
            try:
                resolved[name] = variables.expand(template)
            except errors.MissingVariableError as exc:
                unresolved[name] = exc
        key = (op.auth.type, (*resolved.items(), *((name, "\0") for name in unresolved)))
        cached = self.auth_cache.get(key, _NOT_CACHED)  # one dict read needs no lock; changing it does
        if cached is not _NOT_CACHED:
            return cached
        try:
            auth = build_auth(op.auth.type, ResolvedParams(resolved, unresolved))
        except UnresolvedParam as exc:
            raise exc.error from None
        except MissingAuthParam as exc:
            self.logger.warning("%s: %s; sending it unsigned, as Postman does", op.name, exc)
            auth = None
        except ValueError as exc:
            raise errors.InvalidRequestError(f"{op.name}: {exc}") from exc
        with self._lock:
            while len(self.auth_cache) >= 64:  # dynamic variables ({{$timestamp}}) make every key new
                del self.auth_cache[next(iter(self.auth_cache))]
            return self.auth_cache.setdefault(key, auth)


_NOT_CACHED = httpx.Auth()  # what no entry of ``Config.auth_cache`` holds


# A client sends to the same URLs again and again, and an httpx.URL never changes: each is parsed once.
@functools.lru_cache(maxsize=256)
def _parsed(url: str) -> tuple[httpx.URL, bool]:
    """``url`` (as ``build_request`` made it) parsed once for httpx, with the request target Postman sends
    kept byte for byte (``request_target``); and whether it can be sent: an http(s) URL with a host and a
    port. A host with a character no host name has ("[[x", "a\\b") cannot, whatever httpx's version
    escapes or keeps (an IPv6 address, the only host with ":", was checked by httpx)."""
    parsed = httpx.URL(url)
    target = request_target(url)
    if target is not None and target.encode("ascii") != parsed.raw_path:
        parsed = with_target(parsed, target)
    hostname = parsed.host
    bad_host = ":" not in hostname and NOT_IN_HOST_NAME.search(hostname) is not None
    sendable = parsed.scheme in ("http", "https") and bool(hostname) and not bad_host
    return parsed, sendable and (parsed.port or 0) <= 65535


def _rebase(url: str, base_url: str) -> str:
    """Replace scheme, host and port of ``url`` with ``base_url`` (which may carry a path prefix)."""
    parsed = httpx.URL(url)
    tail = url.split(parsed.host, 1)[1] if parsed.host and parsed.host in url else url
    if parsed.port is not None and tail.startswith(f":{parsed.port}"):
        tail = tail[len(f":{parsed.port}") :]
    return base_url.rstrip("/") + tail


# ------------------------------------------------------------------------------------ one call's attempts
class Attempts:
    """The retry state of one call: decides, after each attempt, whether to send again and after how long."""

    def __init__(
        self, config: Config, op: Operation, request: httpx.Request, max_retries: int | None
    ) -> None:
        self.config = config
        self.op = op
        self.request = request
        self.limit = config.max_retries if max_retries is None else max(max_retries, 0)
        self.count = 0
        self.started = time.monotonic()
        # The headers before auth signs: put back for each attempt, compared in the log. Kept raw (bytes, as
        # httpx holds them), which costs a fraction of a copy; each use rebuilds them.
        self._raw_headers = request.headers.raw
        token = op.idempotency_header
        self._safe = request.method in IDEMPOTENT_METHODS or (token is not None and token in request.headers)

    def rewind(self) -> None:
        """Undo what auth did to the request's headers, so the next attempt is signed afresh."""
        self.request.headers = httpx.Headers(self._raw_headers)

    def after_error(self, exc: Exception) -> float:
        """The wait before resending after ``exc``; raises the SDK's error when the call is over."""
        self.count += 1
        not_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
        if isinstance(exc, (httpx.UnsupportedProtocol, httpx.LocalProtocolError)):
            self._log(type(exc).__name__, None, None)
            raise errors.InvalidRequestError(f"{self.op.name}: {type(exc).__name__}: {exc}") from exc
        retry = (
            isinstance(exc, httpx.TransportError) and self.count <= self.limit and (not_sent or self._safe)
        )
        delay = self.config.retry.backoff(self.count - 1) if retry else None
        self._log(type(exc).__name__, None, delay)
        if delay is not None:
            return delay
        if isinstance(exc, httpx.TimeoutException):
            message = f"{self.op.name}: timed out ({type(exc).__name__}) after {self.count} attempt(s)"
            raise errors.APITimeoutError(message, request=self.request) from exc
        message = f"{self.op.name}: {type(exc).__name__}: {exc} (after {self.count} attempt(s))"
        raise errors.APIConnectionError(message, request=self.request) from exc

    def after_response(self, response: httpx.Response) -> float | None:
        """The wait before resending after ``response``, or None when it is the call's answer."""
        self.count += 1
        delay = self._response_delay(response)
        self._log(str(response.status_code), response, delay)
        return delay

    def _response_delay(self, response: httpx.Response) -> float | None:
        status, policy = response.status_code, self.config.retry
        if self.count > self.limit or not self._safe or (status != 409 and status not in policy.statuses):
            return None  # decided without reading headers, as for every answer that is not retried
        should = response.headers.get("x-should-retry", "").strip().lower()
        if should == "false":
            return None
        asked = retry_after(response)
        if status == 409 and asked is None and should != "true":
            return None
        if asked is None:
            return policy.backoff(self.count - 1)
        return asked if asked <= policy.max_retry_after else None

    def _log(self, outcome: str, response: httpx.Response | None, delay: float | None) -> None:
        logger = self.config.logger
        if not logger.isEnabledFor(logging.DEBUG):
            return
        rid = errors.request_id(response.headers) if response is not None else None
        logger.debug(
            "%s %s -> %s in %.0f ms (attempt %d of %d%s)%s headers=%s",
            self.request.method,
            _redact_url(self.request.url, _auth_names(self.op)),
            outcome,
            (time.monotonic() - self.started) * 1000.0,
            self.count,
            self.limit + 1,
            f", request id {rid}" if rid else "",
            f"; retrying in {delay:.2f}s" if delay is not None else "",
            _redacted_headers(
                self.request.headers,
                frozenset(httpx.Headers(self._raw_headers).multi_items()),
                self.op.idempotency_header,
            ),
        )


# Everything httpx raises while sending: transport errors, unreadable bodies, redirect loops, bad redirects.
SEND_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


class SyncRuntime:
    """Sends operations through an ``httpx.Client`` with retries and error mapping."""

    def __init__(self, config: Config, http_client: httpx.Client | None) -> None:
        self.config = config
        self.http = http_client if http_client is not None else httpx.Client(limits=DEFAULT_LIMITS)
        self._owns_http = http_client is None

    def call(
        self,
        op: Operation,
        args: Mapping[str, object],
        body: object,
        cast: Callable[[object], T],
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> T:
        request, auth = self.config.prepare(self.http, op, args, body, variables, timeout)
        attempts = Attempts(self.config, op, request, max_retries)
        follow = op.follow_redirects if op.follow_redirects is not None else True
        while True:
            try:
                response = self.http.send(
                    request,
                    auth=auth if auth is not None else httpx.USE_CLIENT_DEFAULT,
                    follow_redirects=follow,
                )
            except SEND_ERRORS as exc:
                time.sleep(attempts.after_error(exc))
                attempts.rewind()
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return _result(op, response, cast, attempts.count)
            response.close()
            time.sleep(delay)
            attempts.rewind()

    def close(self) -> None:
        if self._owns_http:
            self.http.close()


class AsyncRuntime:
    """Sends operations through an ``httpx.AsyncClient`` with retries and error mapping."""

    def __init__(self, config: Config, http_client: httpx.AsyncClient | None) -> None:
        self.config = config
        self.http = http_client if http_client is not None else httpx.AsyncClient(limits=DEFAULT_LIMITS)
        self._owns_http = http_client is None

    async def call(
        self,
        op: Operation,
        args: Mapping[str, object],
        body: object,
        cast: Callable[[object], T],
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> T:
        request, auth = self.config.prepare(self.http, op, args, body, variables, timeout)
        attempts = Attempts(self.config, op, request, max_retries)
        follow = op.follow_redirects if op.follow_redirects is not None else True
        while True:
            try:
                response = await self.http.send(
                    request,
                    auth=auth if auth is not None else httpx.USE_CLIENT_DEFAULT,
                    follow_redirects=follow,
                )
            except SEND_ERRORS as exc:
                await asyncio.sleep(attempts.after_error(exc))
                attempts.rewind()
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return _result(op, response, cast, attempts.count)
            await response.aclose()
            await asyncio.sleep(delay)
            attempts.rewind()

    async def aclose(self) -> None:
        if self._owns_http:
            await self.http.aclose()


def capture(fn: Callable[[], T]) -> RawResponse[T]:
    """Run a call and keep the HTTP response it got."""
    box: list[RawResponse[object]] = []
    token = _captured.set(box)
    try:
        parsed = fn()
    finally:
        _captured.reset(token)
    return RawResponse(parsed, box[-1].http_response, box[-1].attempts)


async def acapture(fn: Callable[[], Awaitable[T]]) -> RawResponse[T]:
    box: list[RawResponse[object]] = []
    token = _captured.set(box)
    try:
        parsed = await fn()
    finally:
        _captured.reset(token)
    return RawResponse(parsed, box[-1].http_response, box[-1].attempts)
