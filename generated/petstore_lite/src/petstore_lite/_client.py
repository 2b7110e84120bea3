"""The Petstore Lite clients: ``Client`` (sync) and ``AsyncClient``, with the same surface."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import httpx

from ._transport import AsyncRuntime, Config, RawResponse, SyncRuntime, acapture, capture

if TYPE_CHECKING:
    from .resources.pets import AsyncPets, Pets
    from .resources.store import AsyncStore, Store
    from .resources.users import AsyncUsers, Users

P = ParamSpec("P")
T = TypeVar("T")

# Postman variables with their saved values (secrets are never saved here).
DEFAULTS: dict[str, str] = {
    "baseUrl": "https://petstore.example.com/v2",
    "petId": "12",
}
# The environment variable each Postman variable can also be read from.
ENVIRONMENT: dict[str, str] = {
    "baseUrl": "PETSTORE_LITE_BASE_URL",
    "apiToken": "PETSTORE_LITE_API_TOKEN",
    "petId": "PETSTORE_LITE_PET_ID",
    "password": "PETSTORE_LITE_PASSWORD",
}


def _config(
    base_url: str | None,
    variables: Mapping[str, str] | None,
    auth: httpx.Auth | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
) -> Config:
    return Config(
        package="petstore_lite",
        defaults=DEFAULTS,
        env_names=ENVIRONMENT,
        base_url=base_url,
        variables=dict(variables or {}),
        auth=auth,
        timeout=timeout,
        max_retries=max_retries,
        signer_headers=False,
    )


class Client:
    """Synchronous client for Petstore Lite.

    Args:
        base_url: Replaces the ``{{baseUrl}}`` variable.
        variables: Values for Postman ``{{variables}}``, by name; they win over the environment and defaults.
        auth: Any ``httpx.Auth``; replaces the auth saved in the collection.
        timeout: Seconds (or an ``httpx.Timeout``) for each attempt; ``None`` waits forever. Each operation
            takes ``timeout=`` too, for that call.
        max_retries: How many times a failed call is sent again (each operation takes ``max_retries=`` too):
            on connection errors, 408, 429 and 5xx (409 when the server marks it retryable), with
            exponential backoff and jitter, honouring ``Retry-After``. A POST or PATCH is sent again only
            when nothing reached the server or it carries an idempotency token, which stays the same.
        http_client: The ``httpx.Client`` to send with (e.g. one with a test transport); it stays
            open when this client closes.

    Use it as a context manager (or call ``close()``) to close its connection pool. One client may be
    shared by many threads.
    Logging: the logger ``petstore_lite`` writes one DEBUG line per attempt, with secrets redacted.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        variables: Mapping[str, str] | None = None,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout | None = 60.0,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
    ) -> None:
        config = _config(base_url, variables, auth, timeout, max_retries)
        self._runtime = SyncRuntime(config, http_client)

    @cached_property
    def pets(self) -> Pets:
        """Pets"""
        from .resources.pets import Pets

        return Pets(self._runtime)

    @cached_property
    def store(self) -> Store:
        """Store"""
        from .resources.store import Store

        return Store(self._runtime)

    @cached_property
    def users(self) -> Users:
        """Users"""
        from .resources.users import Users

        return Users(self._runtime)

    def with_raw_response(self, call: Callable[P, T]) -> Callable[P, RawResponse[T]]:
        """Wrap an operation so it returns a ``RawResponse``: ``.parsed`` and the HTTP ``.status_code``, ``.headers``.

        An error status still raises: the exception's ``response``, ``status_code``, ``headers``, ``body`` and
        ``request_id`` give the raw response.
        """

        def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            return capture(lambda: call(*args, **kwargs))

        return wrapper

    def close(self) -> None:
        """Close the connection pool (only when this client created it)."""
        self._runtime.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient:
    """Asynchronous client for Petstore Lite.

    Args:
        base_url: Replaces the ``{{baseUrl}}`` variable.
        variables: Values for Postman ``{{variables}}``, by name; they win over the environment and defaults.
        auth: Any ``httpx.Auth``; replaces the auth saved in the collection.
        timeout: Seconds (or an ``httpx.Timeout``) for each attempt; ``None`` waits forever. Each operation
            takes ``timeout=`` too, for that call.
        max_retries: How many times a failed call is sent again (each operation takes ``max_retries=`` too):
            on connection errors, 408, 429 and 5xx (409 when the server marks it retryable), with
            exponential backoff and jitter, honouring ``Retry-After``. A POST or PATCH is sent again only
            when nothing reached the server or it carries an idempotency token, which stays the same.
        http_client: The ``httpx.AsyncClient`` to send with (e.g. one with a test transport); it stays
            open when this client closes.

    Use it as a context manager (or call ``aclose()``) to close its connection pool.
    Logging: the logger ``petstore_lite`` writes one DEBUG line per attempt, with secrets redacted.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        variables: Mapping[str, str] | None = None,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout | None = 60.0,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        config = _config(base_url, variables, auth, timeout, max_retries)
        self._runtime = AsyncRuntime(config, http_client)

    @cached_property
    def pets(self) -> AsyncPets:
        """Pets"""
        from .resources.pets import AsyncPets

        return AsyncPets(self._runtime)

    @cached_property
    def store(self) -> AsyncStore:
        """Store"""
        from .resources.store import AsyncStore

        return AsyncStore(self._runtime)

    @cached_property
    def users(self) -> AsyncUsers:
        """Users"""
        from .resources.users import AsyncUsers

        return AsyncUsers(self._runtime)

    def with_raw_response(self, call: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
        """Wrap an operation so it returns a ``RawResponse``: ``.parsed`` and the HTTP ``.status_code``, ``.headers``.

        An error status still raises: the exception's ``response``, ``status_code``, ``headers``, ``body`` and
        ``request_id`` give the raw response.
        """

        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            return await acapture(lambda: call(*args, **kwargs))

        return wrapper

    async def aclose(self) -> None:
        """Close the connection pool (only when this client created it)."""
        await self._runtime.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
