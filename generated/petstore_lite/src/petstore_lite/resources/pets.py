"""Operations of "Pets" (Petstore Lite)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._transport import AsyncRuntime, SyncRuntime
from . import asynced, invoke, operations

_OPS = operations(__name__)


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
        return invoke(_OPS["pets.list_pets"], models.list_of(models.PetItem.from_json), locals())

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
        return invoke(_OPS["pets.get_pet_by_id"], models.Pet.from_json, locals())

    def add_pet(
        self,
        *,
        body: models.AddPetDetails | models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        name: str | None = None,
        tag: str | None = None,
        photo_urls: list[models.JSON] | None = None,
        status: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Pet:
        """POST Add pet

        Args:
            name: Sets "name" in the JSON body (default: the saved body's value).
            tag: Sets "tag" in the JSON body (default: the saved body's value).
            photo_urls: Sets "photoUrls" in the JSON body (default: the saved body's value).
            status: Sets "status" in the JSON body (default: the saved body's value)."""
        return invoke(_OPS["pets.add_pet"], models.Pet.from_json, locals())

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
        return invoke(_OPS["pets.update_pet_with_form"], models.as_json, locals())

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
        return invoke(_OPS["pets.delete_pet"], models.as_none, locals())


class AsyncPets:
    """Everything about your pets."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    list_pets = asynced(Pets.list_pets)
    get_pet_by_id = asynced(Pets.get_pet_by_id)
    add_pet = asynced(Pets.add_pet)
    update_pet_with_form = asynced(Pets.update_pet_with_form)
    delete_pet = asynced(Pets.delete_pet)
