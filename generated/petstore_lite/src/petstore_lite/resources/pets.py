"""Operations of "Pets" (Petstore Lite)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._runtime import (
    Auth,
    Body,
    Field,
    Header,
    Operation,
    Query,
)
from .._transport import AsyncRuntime, SyncRuntime

_PETS_LIST_PETS = Operation(
    name="pets.list_pets",
    method="GET",
    origin="{{baseUrl}}",
    path=("pets",),
    query=(
        Query("status", "available", True, "status"),
        Query("limit", "20", True, "limit"),
        Query("tags", "", False, "tags"),
    ),
    headers=(Header("Accept", "application/json", True, "accept"),),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
)


_PETS_GET_PET_BY_ID = Operation(
    name="pets.get_pet_by_id",
    method="GET",
    origin="{{baseUrl}}",
    path=("pets", ":petId"),
    path_params=(("petId", "{{petId}}", "pet_id"),),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
    errors={
        404: models.Error.from_json,
    },
)


_PETS_ADD_PET = Operation(
    name="pets.add_pet",
    method="POST",
    origin="{{baseUrl}}",
    path=("pets",),
    headers=(
        Header("Content-Type", "application/json", True, "content_type"),
        Header("Idempotency-Key", "abc-123", False, "idempotency_key"),
    ),
    body=Body(
        "raw",
        raw='{\n  "name": "Rex",\n  "tag": "dog",\n  "photoUrls": [],\n  "status": "available"\n}',
        content_type="application/json",
    ),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
    idempotency_header="idempotency-key",
    errors={
        422: models.Error.from_json,
    },
)


_PETS_UPDATE_PET_WITH_FORM = Operation(
    name="pets.update_pet_with_form",
    method="POST",
    origin="{{baseUrl}}",
    path=("pets", ":petId"),
    path_params=(("petId", "12", "pet_id"),),
    body=Body(
        "urlencoded",
        content_type="application/x-www-form-urlencoded",
        fields=(
            Field("name", "Rex II", "text", True, None, None, "name"),
            Field("status", "sold", "text", True, None, None, "status"),
            Field("note", "", "text", False, None, None, "note"),
        ),
    ),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
)


_PETS_DELETE_PET = Operation(
    name="pets.delete_pet",
    method="DELETE",
    origin="{{baseUrl}}",
    path=("pets", ":petId"),
    path_params=(("petId", "12", "pet_id"),),
    headers=(Header("api_key", "", False, "api_key"),),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
)


class Pets:
    """Everything about your pets."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def list_pets(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        status: str | None = None,
        limit: str | None = None,
        tags: str | None = None,
        accept: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> list[models.PetItem]:
        """Lists pets, filtered by status."""
        return self._runtime.call(
            _PETS_LIST_PETS,
            {
                "status": status,
                "limit": limit,
                "tags": tags,
                "accept": accept,
            },
            body,
            models.list_of(models.PetItem.from_json),
            variables,
            timeout,
            max_retries,
        )

    def get_pet_by_id(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        pet_id: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Pet:
        """GET Get pet by id

        Args:
            pet_id: ID of the pet"""
        return self._runtime.call(
            _PETS_GET_PET_BY_ID,
            {
                "pet_id": pet_id,
            },
            body,
            models.Pet.from_json,
            variables,
            timeout,
            max_retries,
        )

    def add_pet(
        self,
        *,
        body: models.AddPetDetails | models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Pet:
        """POST Add pet"""
        return self._runtime.call(
            _PETS_ADD_PET,
            {
                "content_type": content_type,
                "idempotency_key": idempotency_key,
            },
            body,
            models.Pet.from_json,
            variables,
            timeout,
            max_retries,
        )

    def update_pet_with_form(
        self,
        *,
        body: Mapping[str, str] | None = None,
        pet_id: str | None = None,
        name: str | None = None,
        status: str | None = None,
        note: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.JSON:
        """POST Update pet with form"""
        return self._runtime.call(
            _PETS_UPDATE_PET_WITH_FORM,
            {
                "pet_id": pet_id,
                "name": name,
                "status": status,
                "note": note,
            },
            body,
            models.as_json,
            variables,
            timeout,
            max_retries,
        )

    def delete_pet(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        pet_id: str | None = None,
        api_key: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> None:
        """DELETE Delete pet"""
        return self._runtime.call(
            _PETS_DELETE_PET,
            {
                "pet_id": pet_id,
                "api_key": api_key,
            },
            body,
            models.as_none,
            variables,
            timeout,
            max_retries,
        )


class AsyncPets:
    """Everything about your pets."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def list_pets(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        status: str | None = None,
        limit: str | None = None,
        tags: str | None = None,
        accept: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> list[models.PetItem]:
        """Lists pets, filtered by status."""
        return await self._runtime.call(
            _PETS_LIST_PETS,
            {
                "status": status,
                "limit": limit,
                "tags": tags,
                "accept": accept,
            },
            body,
            models.list_of(models.PetItem.from_json),
            variables,
            timeout,
            max_retries,
        )

    async def get_pet_by_id(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        pet_id: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Pet:
        """GET Get pet by id

        Args:
            pet_id: ID of the pet"""
        return await self._runtime.call(
            _PETS_GET_PET_BY_ID,
            {
                "pet_id": pet_id,
            },
            body,
            models.Pet.from_json,
            variables,
            timeout,
            max_retries,
        )

    async def add_pet(
        self,
        *,
        body: models.AddPetDetails | models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Pet:
        """POST Add pet"""
        return await self._runtime.call(
            _PETS_ADD_PET,
            {
                "content_type": content_type,
                "idempotency_key": idempotency_key,
            },
            body,
            models.Pet.from_json,
            variables,
            timeout,
            max_retries,
        )

    async def update_pet_with_form(
        self,
        *,
        body: Mapping[str, str] | None = None,
        pet_id: str | None = None,
        name: str | None = None,
        status: str | None = None,
        note: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.JSON:
        """POST Update pet with form"""
        return await self._runtime.call(
            _PETS_UPDATE_PET_WITH_FORM,
            {
                "pet_id": pet_id,
                "name": name,
                "status": status,
                "note": note,
            },
            body,
            models.as_json,
            variables,
            timeout,
            max_retries,
        )

    async def delete_pet(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        pet_id: str | None = None,
        api_key: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> None:
        """DELETE Delete pet"""
        return await self._runtime.call(
            _PETS_DELETE_PET,
            {
                "pet_id": pet_id,
                "api_key": api_key,
            },
            body,
            models.as_none,
            variables,
            timeout,
            max_retries,
        )
