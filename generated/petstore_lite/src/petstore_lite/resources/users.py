"""Operations of "Users" (Petstore Lite)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._transport import AsyncRuntime, SyncRuntime
from . import asynced, invoke, operations

_OPS = operations(__name__)


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
        return invoke(_OPS["users.log_in"], models.as_str, locals())

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
        return invoke(_OPS["users.create_user"], models.as_json, locals())


class AsyncUsers:
    """Operations of "Users"."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    log_in = asynced(Users.log_in)
    create_user = asynced(Users.create_user)
