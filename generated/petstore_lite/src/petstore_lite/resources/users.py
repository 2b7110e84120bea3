"""Operations of "Users" (Petstore Lite)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._runtime import (
    Body,
    Header,
    Operation,
    Query,
)
from .._transport import AsyncRuntime, SyncRuntime

_USERS_LOG_IN = Operation(
    name="users.log_in",
    method="GET",
    origin="{{baseUrl}}",
    path=("users", "login"),
    query=(
        Query("username", "alice", True, "username"),
        Query("password", "{{password}}", True, "password"),
    ),
    base_variable="baseUrl",
    text_response=True,
)


_USERS_CREATE_USER = Operation(
    name="users.create_user",
    method="POST",
    origin="{{baseUrl}}",
    path=("users",),
    headers=(Header("Content-Type", "application/xml", True, "content_type"),),
    body=Body(
        "raw",
        raw="<user><name>alice</name></user>",
        content_type="application/xml",
    ),
    base_variable="baseUrl",
)


class Users:
    """Operations of "Users"."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def log_in(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        username: str | None = None,
        password: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> str:
        """GET Log in"""
        return self._runtime.call(
            _USERS_LOG_IN,
            {
                "username": username,
                "password": password,
            },
            body,
            models.as_str,
            variables,
            timeout,
            max_retries,
        )

    def create_user(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.JSON:
        """POST Create user"""
        return self._runtime.call(
            _USERS_CREATE_USER,
            {
                "content_type": content_type,
            },
            body,
            models.as_json,
            variables,
            timeout,
            max_retries,
        )


class AsyncUsers:
    """Operations of "Users"."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def log_in(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        username: str | None = None,
        password: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> str:
        """GET Log in"""
        return await self._runtime.call(
            _USERS_LOG_IN,
            {
                "username": username,
                "password": password,
            },
            body,
            models.as_str,
            variables,
            timeout,
            max_retries,
        )

    async def create_user(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.JSON:
        """POST Create user"""
        return await self._runtime.call(
            _USERS_CREATE_USER,
            {
                "content_type": content_type,
            },
            body,
            models.as_json,
            variables,
            timeout,
            max_retries,
        )
