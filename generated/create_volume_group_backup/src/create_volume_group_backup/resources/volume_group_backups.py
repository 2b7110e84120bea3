"""Operations of "volumeGroupBackups" (CreateVolumeGroupBackup)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._runtime import (
    Body,
    Header,
    Operation,
)
from .._transport import AsyncRuntime, SyncRuntime

_VOLUME_GROUP_BACKUPS_CREATE_VOLUME_GROUP_BACKUP = Operation(
    name="volume_group_backups.create_volume_group_backup",
    method="POST",
    origin="{{baseUrl}}",
    path=("volumeGroupBackups",),
    headers=(
        Header("opc-retry-token", "aliqua enim i", False, "opc_retry_token"),
        Header("Content-Type", "application/json", True, "content_type"),
        Header("Date", "{{date}}", True, "date", signed=True),
        Header("Authorization", "{{signature}}", True, "authorization", signed=True),
        Header("x-content-sha256", "{{content_sha256}}", True, "x_content_sha256", signed=True),
    ),
    body=Body(
        "raw",
        raw='{\n    "volumeGroupId": "elit dolor irure in consectetur",\n    "compartmentId": "{{compartment_ocid}}",\n    "definedTags": {},\n    "displayName": "laboris pariatur",\n    "freeformTags": {},\n    "type": "FULL"\n}',
        content_type="text/plain",
    ),
    base_variable="baseUrl",
    idempotency_header="opc-retry-token",
    errors={
        400: models.Error.from_json,
        401: models.Error.from_json,
        404: models.Error.from_json,
        409: models.Error.from_json,
        500: models.Error.from_json,
    },
)


class VolumeGroupBackups:
    """Operations of "volumeGroupBackups"."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def create_volume_group_backup(
        self,
        *,
        body: models.CreateVolumeGroupBackupDetails | models.JSON | str | bytes | None = None,
        opc_retry_token: str | None = None,
        content_type: str | None = None,
        date: str | None = None,
        authorization: str | None = None,
        x_content_sha256: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.VolumeGroupBackup:
        """Creates a new backup volume group of the specified volume group.
        For more information, see [Volume Groups](/iaas/Content/Block/Concepts/volumegroups.htm).

        Args:
            opc_retry_token: A token that uniquely identifies a request so it can be retried in case of a timeout or server error without risk of executing that same action again. Retry tokens expire after 24 hours, but can be invalidated before then due to conflicting operations (for example, if a resource has been deleted and purged from the system, then a retry of the original creation request may be rejected).
            date: (Required) Current Date
            authorization: (Required) Signature Authentication on Authorization header
            x_content_sha256: (Required) Content sha256 for POST, PUT and PATCH operations"""
        return self._runtime.call(
            _VOLUME_GROUP_BACKUPS_CREATE_VOLUME_GROUP_BACKUP,
            {
                "opc_retry_token": opc_retry_token,
                "content_type": content_type,
                "date": date,
                "authorization": authorization,
                "x_content_sha256": x_content_sha256,
            },
            body,
            models.VolumeGroupBackup.from_json,
            variables,
            timeout,
            max_retries,
        )


class AsyncVolumeGroupBackups:
    """Operations of "volumeGroupBackups"."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def create_volume_group_backup(
        self,
        *,
        body: models.CreateVolumeGroupBackupDetails | models.JSON | str | bytes | None = None,
        opc_retry_token: str | None = None,
        content_type: str | None = None,
        date: str | None = None,
        authorization: str | None = None,
        x_content_sha256: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.VolumeGroupBackup:
        """Creates a new backup volume group of the specified volume group.
        For more information, see [Volume Groups](/iaas/Content/Block/Concepts/volumegroups.htm).

        Args:
            opc_retry_token: A token that uniquely identifies a request so it can be retried in case of a timeout or server error without risk of executing that same action again. Retry tokens expire after 24 hours, but can be invalidated before then due to conflicting operations (for example, if a resource has been deleted and purged from the system, then a retry of the original creation request may be rejected).
            date: (Required) Current Date
            authorization: (Required) Signature Authentication on Authorization header
            x_content_sha256: (Required) Content sha256 for POST, PUT and PATCH operations"""
        return await self._runtime.call(
            _VOLUME_GROUP_BACKUPS_CREATE_VOLUME_GROUP_BACKUP,
            {
                "opc_retry_token": opc_retry_token,
                "content_type": content_type,
                "date": date,
                "authorization": authorization,
                "x_content_sha256": x_content_sha256,
            },
            body,
            models.VolumeGroupBackup.from_json,
            variables,
            timeout,
            max_retries,
        )
