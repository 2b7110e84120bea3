"""Retries, timeouts and idempotency tokens of a generated SDK, against a local server injecting faults."""

from __future__ import annotations

import email.utils
import time
from types import ModuleType

import pytest
from faults import RESET, Driver, FaultServer, slow, status

ORDERS = "/v1/orders"
ITEMS = "/v1/items"


def _gap(server: FaultServer, method: str, path: str) -> float:
    first, second = server.received(method, path)[:2]
    return second.at - first.at


# ---------------------------------------------------------------------------------------------- statuses
def test_503_then_200_is_retried(call: Driver, server: FaultServer) -> None:
    server.plan("GET", ITEMS, status(503))
    raw = call("items.list_items", raw=True)
    assert raw.status_code == 200 and raw.attempts == 2
    assert [item.id for item in raw.parsed] == [1]
    assert len(server.received("GET", ITEMS)) == 2


@pytest.mark.parametrize(
    ("client_retries", "call_retries", "sent"), [(2, None, 3), (2, 0, 1), (0, 4, 5), (5, 1, 2)]
)
def test_retries_stay_within_max_retries(
    call: Driver,
    server: FaultServer,
    sdk: ModuleType,
    client_retries: int,
    call_retries: int | None,
    sent: int,
) -> None:
    server.plan("GET", ITEMS, *[status(503)] * 10)
    with pytest.raises(sdk.InternalServerError) as info:
        call("items.list_items", client={"max_retries": client_retries}, max_retries=call_retries)
    assert info.value.status_code == 503
    assert len(server.received("GET", ITEMS)) == sent


@pytest.mark.parametrize("code", [408, 429, 500, 502, 504])
def test_retryable_statuses(call: Driver, server: FaultServer, code: int) -> None:
    server.plan("GET", ITEMS, status(code))
    assert len(call("items.list_items")) == 1
    assert len(server.received("GET", ITEMS)) == 2


@pytest.mark.parametrize("code", [400, 401, 404, 501])
def test_final_statuses_are_not_retried(
    call: Driver, server: FaultServer, sdk: ModuleType, code: int
) -> None:
    server.plan("GET", ITEMS, status(code))
    with pytest.raises(sdk.APIStatusError) as info:
        call("items.list_items")
    assert info.value.status_code == code
    assert len(server.received("GET", ITEMS)) == 1


def test_server_can_forbid_a_retry(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    server.plan("GET", ITEMS, status(503, ("x-should-retry", "false")))
    with pytest.raises(sdk.InternalServerError):
        call("items.list_items")
    assert len(server.received("GET", ITEMS)) == 1


# ---------------------------------------------------------------------------------------------- 409
def test_409_is_final_unless_the_server_marks_it_retryable(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    path = "/v1/items/7"
    server.plan("PUT", path, status(409))
    with pytest.raises(sdk.ConflictError) as info:
        call("items.replace_item", item_id=7)
    assert info.value.body.code == "409"  # parsed into the operation's error model
    assert len(server.received("PUT", path)) == 1

    server.reset()
    server.plan("PUT", path, status(409, ("Retry-After", "0")), status(409, ("x-should-retry", "true")))
    assert call("items.replace_item", item_id=7).id == 1
    assert len(server.received("PUT", path)) == 3


def test_retryable_409_on_a_post_without_token_is_not_resent(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    server.plan("POST", ITEMS, status(409, ("Retry-After", "0")))
    with pytest.raises(sdk.ConflictError):
        call("items.create_item")
    assert len(server.received("POST", ITEMS)) == 1


# ------------------------------------------------------------------------------------------ POST and tokens
def test_500_on_post_without_idempotency_header_is_not_resent(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    server.plan("POST", ITEMS, status(500))
    with pytest.raises(sdk.InternalServerError):
        call("items.create_item", body={"name": "x"})
    assert len(server.received("POST", ITEMS)) == 1


@pytest.mark.parametrize(
    ("operation", "method", "path", "header"),
    [
        ("orders.place_order", "POST", ORDERS, "idempotency-key"),
        ("orders.launch_instance", "POST", "/v1/instances", "opc-retry-token"),
        ("items.update_item", "PATCH", "/v1/items/7", "x-idempotency-key"),
    ],
)
def test_500_on_post_with_token_is_resent_with_the_same_token(
    call: Driver, server: FaultServer, operation: str, method: str, path: str, header: str
) -> None:
    server.plan(method, path, status(500), status(502))
    assert call(operation).id == 1
    seen = server.received(method, path)
    assert len(seen) == 3
    tokens = {s.headers.get(header) for s in seen}
    assert len(tokens) == 1 and None not in tokens and "saved" not in str(tokens)
    assert len({s.body for s in seen}) == 1
    # A new call is a new operation: a fresh token.
    call(operation)
    assert server.received(method, path)[-1].headers[header] not in tokens


def test_a_given_token_is_the_one_resent(call: Driver, server: FaultServer) -> None:
    server.plan("POST", ORDERS, status(503), status(503))
    call("orders.place_order", idempotency_key="my-key-1")
    assert [s.headers["idempotency-key"] for s in server.received("POST", ORDERS)] == ["my-key-1"] * 3


# ---------------------------------------------------------------------------------------------- connections
def test_reset_connection_is_retried_for_get(call: Driver, server: FaultServer) -> None:
    server.plan("GET", ITEMS, RESET, RESET)
    assert len(call("items.list_items")) == 1
    assert len(server.received("GET", ITEMS)) == 3


def test_reset_connection_on_post_without_token_is_an_error_not_a_resend(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    server.plan("POST", ITEMS, RESET)
    with pytest.raises(sdk.APIConnectionError) as info:
        call("items.create_item")
    assert not isinstance(info.value, sdk.APITimeoutError)
    assert info.value.request.method == "POST"
    assert len(server.received("POST", ITEMS)) == 1


def test_reset_connection_on_post_with_token_is_resent(call: Driver, server: FaultServer) -> None:
    server.plan("POST", ORDERS, RESET)
    assert call("orders.place_order").id == 1
    seen = server.received("POST", ORDERS)
    assert len(seen) == 2 and seen[0].headers["idempotency-key"] == seen[1].headers["idempotency-key"]


def test_refused_connection_is_retried_then_raised(call: Driver, sdk: ModuleType) -> None:
    with pytest.raises(sdk.APIConnectionError) as info:
        call("items.create_item", client={"base_url": "http://127.0.0.1:9/v1"})
    assert "3 attempt" in str(info.value)  # nothing reached a server, so even a plain POST is tried again


# ---------------------------------------------------------------------------------------------- timeouts
def test_slow_response_times_out_and_get_is_retried(call: Driver, server: FaultServer) -> None:
    server.plan("GET", ITEMS, slow(3.0))
    assert len(call("items.list_items", client={"timeout": 0.2})) == 1
    assert len(server.received("GET", ITEMS)) == 2
    assert _gap(server, "GET", ITEMS) < 2.0  # the retry did not wait for the slow answer


def test_per_call_timeout_overrides_the_clients(call: Driver, server: FaultServer, sdk: ModuleType) -> None:
    server.plan("GET", ITEMS, slow(3.0))
    started = time.monotonic()
    with pytest.raises(sdk.APITimeoutError):
        call("items.list_items", client={"timeout": 30.0}, timeout=0.2, max_retries=0)
    assert time.monotonic() - started < 2.5
    server.plan("GET", ITEMS, slow(0.4))
    assert len(call("items.list_items", client={"timeout": 0.1}, timeout=5.0)) == 1


def test_post_without_token_is_not_resent_after_a_read_timeout(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    server.plan("POST", ITEMS, slow(3.0))
    with pytest.raises(sdk.APITimeoutError) as info:
        call("items.create_item", client={"timeout": 0.2, "max_retries": 3})
    assert isinstance(info.value, sdk.APIConnectionError)
    assert len(server.received("POST", ITEMS)) == 1


def test_post_with_token_is_resent_after_a_read_timeout(call: Driver, server: FaultServer) -> None:
    server.plan("POST", ORDERS, slow(3.0))
    assert call("orders.place_order", client={"timeout": 0.2}).id == 1
    seen = server.received("POST", ORDERS)
    assert len(seen) == 2 and seen[0].headers["idempotency-key"] == seen[1].headers["idempotency-key"]


# ---------------------------------------------------------------------------------------------- Retry-After
def test_429_retry_after_seconds_is_honoured(call: Driver, server: FaultServer) -> None:
    server.plan("GET", ITEMS, status(429, ("Retry-After", "1")))
    assert len(call("items.list_items")) == 1
    assert 1.0 <= _gap(server, "GET", ITEMS) < 5.0  # backoff alone would be under 0.05 s


def test_429_retry_after_http_date_is_honoured(call: Driver, server: FaultServer) -> None:
    when = email.utils.formatdate(time.time() + 2, usegmt=True)  # whole seconds: a wait of about 1 to 2 s
    server.plan("POST", ORDERS, status(429, ("Retry-After", when)))
    assert call("orders.place_order").id == 1
    assert 0.5 <= _gap(server, "POST", ORDERS) < 5.0  # backoff alone would be under 0.05 s


def test_retry_after_beyond_the_cap_raises_at_once(
    call: Driver, server: FaultServer, sdk: ModuleType
) -> None:
    server.plan("GET", ITEMS, status(429, ("Retry-After", "3600")))
    started = time.monotonic()
    with pytest.raises(sdk.RateLimitError) as info:
        call("items.list_items")
    assert time.monotonic() - started < 5.0
    assert info.value.headers["retry-after"] == "3600"
    assert len(server.received("GET", ITEMS)) == 1
