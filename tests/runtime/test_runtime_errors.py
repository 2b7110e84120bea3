"""Errors and raw responses: SDK exceptions only (never httpx's), request ids, the response behind errors."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import cast

import httpx
import pytest
from faults import SECRETS, Driver, FaultServer, Reply, status

ITEMS = "/v1/items"


def sdk_error(sdk: ModuleType, info: pytest.ExceptionInfo[BaseException]) -> BaseException:
    """The raised error is the SDK's own, whatever httpx raised underneath."""
    assert isinstance(info.value, sdk.APIError)
    assert not isinstance(info.value, httpx.HTTPError)
    return cast(BaseException, info.value)


# ---------------------------------------------------------------------------------------------- statuses
def test_status_error_names_the_request_id_and_keeps_the_response(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    body = {"code": "NotFound", "message": "no such item"}
    server.plan("GET", "/v1/items/7", status(404, ("opc-request-id", "req-404"), body=body))
    with pytest.raises(sdk.NotFoundError) as info:
        call("items.get_item", item_id=7)
    error = info.value
    assert "req-404" in str(error) and error.request_id == "req-404"
    assert error.status_code == 404 and error.response.status_code == 404
    assert error.headers["opc-request-id"] == "req-404"
    assert error.body.code == "NotFound" and error.body.message == "no such item"  # the error model
    assert error.response.json() == body


def test_error_after_retries_reports_the_last_response(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    server.plan("GET", ITEMS, *[status(503, ("x-request-id", f"req-{n}")) for n in range(3)])
    with pytest.raises(sdk.InternalServerError) as info:
        call("items.list_items")
    assert info.value.request_id == "req-2" and "req-2" in str(info.value)


@pytest.mark.parametrize(
    ("code", "name"), [(400, "BadRequestError"), (401, "AuthenticationError"), (418, None)]
)
def test_status_classes(
    call: Driver, server: FaultServer, sdk: ModuleType, code: int, name: str | None
) -> None:
    server.plan("GET", ITEMS, status(code))
    with pytest.raises(sdk.APIStatusError) as info:
        call("items.list_items")
    assert type(info.value) is (getattr(sdk, name) if name else sdk.APIStatusError)


# ---------------------------------------------------------------------------------------------- raw responses
def test_raw_response_keeps_the_typed_result(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    raw = call("items.list_items", raw=True)
    assert isinstance(raw, sdk.RawResponse)
    assert raw.status_code == 200 and raw.headers["x-request-id"] == "req-ok" and raw.request_id == "req-ok"
    assert isinstance(raw.parsed[0], sdk.models.Item) and raw.parsed[0].name == "a"
    assert raw.http_response.json() == [{"id": 1, "name": "a"}] and raw.attempts == 1


def test_raw_response_on_error_is_the_exceptions(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    server.plan("POST", ITEMS, status(422, ("x-request-id", "req-422")))
    with pytest.raises(sdk.UnprocessableEntityError) as info:
        call("items.create_item", raw=True)
    assert info.value.response.status_code == 422 and info.value.request_id == "req-422"


# ----------------------------------------------------------------------------------------- no usable response
def test_body_of_the_wrong_shape(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    server.plan("GET", ITEMS, Reply(200, (("x-request-id", "req-bad"),), b'{"not": "a list"}'))
    with pytest.raises(sdk.errors.APIResponseValidationError) as info:
        call("items.list_items")
    error = sdk_error(sdk, info)
    assert error.response.status_code == 200 and error.body == {"not": "a list"}  # type: ignore[attr-defined]
    assert "req-bad" in str(error)


def test_undecodable_body(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    server.plan("GET", ITEMS, Reply(200, (("Content-Encoding", "gzip"),), b"this is not gzip"))
    with pytest.raises(sdk.APIConnectionError) as info:
        call("items.list_items")
    assert isinstance(sdk_error(sdk, info).__cause__, httpx.DecodingError)


def test_truncated_body_is_retried_for_get(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    cut = Reply(200, (("Content-Length", "100"), ("Connection", "close")), b'[{"id": 1')
    server.plan("GET", ITEMS, cut)
    assert len(call("items.list_items")) == 1
    server.plan("POST", ITEMS, cut)
    with pytest.raises(sdk.APIConnectionError) as info:
        call("items.create_item")
    sdk_error(sdk, info)
    assert len(server.received("POST", ITEMS)) == 1


def test_redirect_loop(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    loop = Reply(302, (("Location", "/v1/items"),), b"")
    server.plan("GET", ITEMS, *[loop] * 30)
    with pytest.raises(sdk.APIConnectionError) as info:
        call("items.list_items")
    assert isinstance(sdk_error(sdk, info).__cause__, httpx.TooManyRedirects)


# ---------------------------------------------------------------------------------------------- bad requests
@pytest.mark.parametrize(
    "base_url", ["http://[::1/v1", "http://127.0.0.1:99999/v1", "ftp://127.0.0.1/v1", "http:///v1"]
)
def test_invalid_url_from_variables(
    call: Driver, server: FaultServer, sdk: ModuleType, base_url: str
) -> None:
    with pytest.raises(sdk.errors.InvalidRequestError) as info:
        call("items.list_items", client={"base_url": base_url})
    assert isinstance(sdk_error(sdk, info), ValueError)


def test_non_ascii_header_value(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    with pytest.raises(sdk.errors.InvalidRequestError) as info:
        call("orders.place_order", idempotency_key="ключ")
    assert isinstance(sdk_error(sdk, info), ValueError)
    assert server.received() == []


def test_missing_variable(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    variables = {k: v for k, v in SECRETS.items() if k != "apiKey"}
    with pytest.raises(sdk.MissingVariableError) as info:
        call("items.list_items", client={"variables": variables})
    assert "apiKey" in str(sdk_error(sdk, info)) and server.received() == []


# ---------------------------------------------------------------------------------------------- closing
def test_context_manager_closes_the_pool_and_a_closed_client_says_so(
    sdk: ModuleType, server: FaultServer
) -> None:
    options = Driver(sdk, "sync", server).options()
    with sdk.Client(**options) as client:
        client.items.list_items()
    assert client._runtime.http.is_closed
    with pytest.raises(sdk.errors.InvalidRequestError, match="closed"):
        client.items.list_items()

    async def run() -> object:
        async with sdk.AsyncClient(**options) as async_client:
            await async_client.items.list_items()
        assert async_client._runtime.http.is_closed
        return async_client

    asyncio.run(run())
    assert server.wait_idle()


def test_close_leaves_a_given_http_client_open(sdk: ModuleType, server: FaultServer) -> None:
    options = Driver(sdk, "sync", server).options()
    with httpx.Client() as http:
        client = sdk.Client(http_client=http, **options)
        client.items.list_items()
        client.close()
        assert not http.is_closed
        client.items.list_items()
