"""Operations of "Store" (Petstore Lite)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._transport import AsyncRuntime, SyncRuntime
from . import asynced, invoke, operations

_OPS = operations(__name__)


class Store:
    """Operations of "Store"."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime
        self.orders = Orders(runtime)

    def inventory(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Inventory:
        """GET Inventory"""
        return invoke(_OPS["store.inventory"], models.Inventory.from_json, locals())


class AsyncStore:
    """Operations of "Store"."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime
        self.orders = AsyncOrders(runtime)

    inventory = asynced(Store.inventory)


class Orders:
    """Orders placed in the store."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def place_order(
        self,
        *,
        body: models.PlaceOrderDetails | models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        pet_id: int | None = None,
        quantity: int | None = None,
        ship_date: str | None = None,
        complete: bool | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Order:
        """POST Place order

        Args:
            pet_id: Sets "petId" in the JSON body (default: the saved body's value).
            quantity: Sets "quantity" in the JSON body (default: the saved body's value).
            ship_date: Sets "shipDate" in the JSON body (default: the saved body's value).
            complete: Sets "complete" in the JSON body (default: the saved body's value)."""
        return invoke(_OPS["store.orders.place_order"], models.Order.from_json, locals())

    def get_order(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        order_id: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.GetOrderResponse:
        """GET Get order"""
        return invoke(_OPS["store.orders.get_order"], models.GetOrderResponse.from_json, locals())


class AsyncOrders:
    """Orders placed in the store."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    place_order = asynced(Orders.place_order)
    get_order = asynced(Orders.get_order)
