"""Operations of "Store" (Petstore Lite)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .. import models
from .._runtime import (
    Auth,
    Body,
    Header,
    Operation,
)
from .._transport import AsyncRuntime, SyncRuntime

_STORE_INVENTORY = Operation(
    name="store.inventory",
    method="GET",
    origin="{{baseUrl}}",
    path=("store", "inventory"),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
)


_STORE_ORDERS_PLACE_ORDER = Operation(
    name="store.orders.place_order",
    method="POST",
    origin="{{baseUrl}}",
    path=("store", "orders"),
    headers=(Header("Content-Type", "application/json", True, "content_type"),),
    body=Body(
        "raw",
        raw='{"petId": 12, "quantity": 1, "shipDate": "2026-01-01T00:00:00Z", "complete": false}',
        content_type="application/json",
    ),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
)


_STORE_ORDERS_GET_ORDER = Operation(
    name="store.orders.get_order",
    method="GET",
    origin="{{baseUrl}}",
    path=("store", "orders", ":orderId"),
    path_params=(("orderId", "5", "order_id"),),
    auth=Auth("bearer", (("token", "{{apiToken}}"),)),
    base_variable="baseUrl",
    errors={
        404: models.Error.from_json,
    },
)


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
        return self._runtime.call(
            _STORE_INVENTORY,
            {},
            body,
            models.Inventory.from_json,
            variables,
            timeout,
            max_retries,
        )


class AsyncStore:
    """Operations of "Store"."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime
        self.orders = AsyncOrders(runtime)

    async def inventory(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Inventory:
        """GET Inventory"""
        return await self._runtime.call(
            _STORE_INVENTORY,
            {},
            body,
            models.Inventory.from_json,
            variables,
            timeout,
            max_retries,
        )


class Orders:
    """Orders placed in the store."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def place_order(
        self,
        *,
        body: models.PlaceOrderDetails | models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Order:
        """POST Place order"""
        return self._runtime.call(
            _STORE_ORDERS_PLACE_ORDER,
            {
                "content_type": content_type,
            },
            body,
            models.Order.from_json,
            variables,
            timeout,
            max_retries,
        )

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
        return self._runtime.call(
            _STORE_ORDERS_GET_ORDER,
            {
                "order_id": order_id,
            },
            body,
            models.GetOrderResponse.from_json,
            variables,
            timeout,
            max_retries,
        )


class AsyncOrders:
    """Orders placed in the store."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def place_order(
        self,
        *,
        body: models.PlaceOrderDetails | models.JSON | str | bytes | None = None,
        content_type: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.Order:
        """POST Place order"""
        return await self._runtime.call(
            _STORE_ORDERS_PLACE_ORDER,
            {
                "content_type": content_type,
            },
            body,
            models.Order.from_json,
            variables,
            timeout,
            max_retries,
        )

    async def get_order(
        self,
        *,
        body: models.JSON | str | bytes | None = None,
        order_id: str | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> models.GetOrderResponse:
        """GET Get order"""
        return await self._runtime.call(
            _STORE_ORDERS_GET_ORDER,
            {
                "order_id": order_id,
            },
            body,
            models.GetOrderResponse.from_json,
            variables,
            timeout,
            max_retries,
        )
