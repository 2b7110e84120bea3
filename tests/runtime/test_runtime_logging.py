"""The SDK's logger: one DEBUG line per attempt, and no secret in any of them."""

from __future__ import annotations

import logging
from types import ModuleType

import pytest
from faults import RESET, SECRETS, Driver, FaultServer, status


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_one_line_per_attempt_and_no_secret(
    mode: str, sdk: ModuleType, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    call = Driver(sdk, mode, server)
    caplog.set_level(logging.DEBUG, logger="fault_lab")
    server.plan("GET", "/v1/items", status(503, ("x-request-id", "req-503")))
    server.plan("POST", "/v1/orders", RESET)
    call("items.list_items")  # API key header (collection auth): 503, then 200
    call("items.search_items")  # API key in the query
    call("orders.get_profile")  # bearer token and a cookie
    call("orders.place_order")  # reset, then 200
    with pytest.raises(sdk.AuthenticationError):
        server.plan("GET", "/v1/me", status(401))
        call("orders.get_profile", client={"auth": sdk.BasicAuth("user", "pw-BASIC-0123456789")})

    records = [r for r in caplog.records if r.name == "fault_lab"]
    lines = [r.getMessage() for r in records]
    assert all(r.levelno == logging.DEBUG for r in records)
    assert len(lines) == len(server.received()) == 7
    text = "\n".join(lines)
    for secret in [*SECRETS.values(), "pw-BASIC-0123456789", "dXNlcjpwdy1CQVNJQy0wMTIzNDU2Nzg5"]:
        assert secret not in text
    assert "[REDACTED]" in text

    first, second = lines[:2]
    assert "-> 503" in first and "attempt 1 of 3" in first and "retrying in" in first and "req-503" in first
    assert "-> 200" in second and "attempt 2 of 3" in second and "retrying" not in second
    assert "api_key=[REDACTED]" in lines[2]
    token = server.received("POST", "/v1/orders")[0].headers["idempotency-key"]
    order_lines = [line for line in lines if "/v1/orders" in line]
    assert len(order_lines) == 2 and all(token in line for line in order_lines)  # a token is no secret
    assert "ReadError" in order_lines[0] or "RemoteProtocolError" in order_lines[0]


def test_silent_unless_debug_is_on(
    sdk: ModuleType, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="fault_lab")
    Driver(sdk, "sync", server)("items.list_items")
    assert [r for r in caplog.records if r.name == "fault_lab"] == []
