"""Operations of "volumeGroupBackups" (CreateVolumeGroupBackup)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._transport import AsyncRuntime, SyncRuntime
from . import asynced, invoke, operations

_OPS = operations(__name__)


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
        volume_group_id: str | None = None,
        compartment_id: str | None = None,
        defined_tags: dict[str, models.JSON] | None = None,
        display_name: str | None = None,
        freeform_tags: dict[str, models.JSON] | None = None,
        body_type: str | None = None,
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
            x_content_sha256: (Required) Content sha256 for POST, PUT and PATCH operations
            volume_group_id: Sets "volumeGroupId" in the JSON body (default: the saved body's value).
            compartment_id: Sets "compartmentId" in the JSON body (default: the saved body's value).
            defined_tags: Sets "definedTags" in the JSON body (default: the saved body's value).
            display_name: Sets "displayName" in the JSON body (default: the saved body's value).
            freeform_tags: Sets "freeformTags" in the JSON body (default: the saved body's value).
            body_type: Sets "type" in the JSON body (default: the saved body's value)."""
        return invoke(
            _OPS["volume_group_backups.create_volume_group_backup"],
            models.VolumeGroupBackup.from_json,
            locals(),
        )


class AsyncVolumeGroupBackups:
    """Operations of "volumeGroupBackups"."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    create_volume_group_backup = asynced(VolumeGroupBackups.create_volume_group_backup)
