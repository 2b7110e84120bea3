"""Under load: 2,000 async calls 50 at a time, and one sync client shared by many threads; nothing leaks."""

from __future__ import annotations

import asyncio
import threading
import time
from types import ModuleType

import pytest
from faults import RESET, Driver, FaultServer, Reply, open_sockets, status

CALLS = 2000
CONCURRENCY = 50


def pool_size(client: object) -> int | None:
    """Connections held by an SDK client's httpx pool (None if httpx's internals are not as expected)."""
    pool = getattr(getattr(client._runtime.http, "_transport", None), "_pool", None)  # type: ignore[attr-defined]
    connections = getattr(pool, "connections", None)
    return None if connections is None else len(connections)


def test_async_load_with_faults(
    sdk: ModuleType, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert server.wait_idle()
    sockets_before = open_sockets()
    # A fault every 40th request of two routes: all retried (GET by method, POST by its idempotency token).
    server.plan("GET", "/v1/items", *[status(503) if n % 40 == 0 else Reply() for n in range(1000)])
    server.plan("POST", "/v1/orders", *[RESET if n % 40 == 0 else Reply(201) for n in range(1000)])
    errors: list[BaseException] = []
    done = 0
    peak_pool = 0

    async def main() -> float:
        nonlocal done, peak_pool
        options = Driver(sdk, "async", server).options(max_retries=5, timeout=10.0)
        async with sdk.AsyncClient(**options) as client:
            gate = asyncio.Semaphore(CONCURRENCY)

            async def one(n: int) -> None:
                nonlocal done, peak_pool
                async with gate:
                    try:
                        if n % 2:
                            await client.orders.place_order()
                        else:
                            await client.items.list_items()
                        done += 1
                    except Exception as exc:  # noqa: BLE001 - collected and asserted on below
                        errors.append(exc)
                    peak_pool = max(peak_pool, pool_size(client) or 0)

            started = time.perf_counter()
            await asyncio.gather(*(one(n) for n in range(CALLS)))
            elapsed = time.perf_counter() - started
            assert pool_size(client) in (None, *range(CONCURRENCY + 1))
        assert pool_size(client) in (None, 0)  # closing emptied the pool
        return elapsed

    elapsed = asyncio.run(main())
    assert errors == [] and done == CALLS
    faults = sum(1 for s in server.received() if s.path in ("/v1/items", "/v1/orders")) - CALLS
    assert faults == 50  # 25 503s + 25 resets, each answered by exactly one retry
    assert server.peak_connections <= CONCURRENCY
    assert server.wait_idle(), "the server still has connections open after the client closed"
    if sockets_before is not None:
        assert open_sockets() == sockets_before
    with capsys.disabled():
        print(
            f"\nload: {CALLS} calls, {CONCURRENCY} concurrent, {elapsed:.2f}s ({CALLS / elapsed:.0f}/s),"
            f" {len(errors)} errors, {faults} injected faults retried,"
            f" {server.connections} connections opened (peak {server.peak_connections} open,"
            f" pool peak {peak_pool}), 0 left open"
        )


def test_sync_client_shared_by_threads(sdk: ModuleType, server: FaultServer) -> None:
    assert server.wait_idle()
    sockets_before = open_sockets()
    server.plan("GET", "/v1/items", *[status(503)] * 20)
    errors: list[BaseException] = []
    options = Driver(sdk, "sync", server).options(max_retries=25)
    with sdk.Client(**options) as client:

        def work() -> None:
            for n in range(25):
                try:
                    [client.items.list_items, client.orders.place_order, client.orders.get_profile][n % 3]()
                except Exception as exc:  # noqa: BLE001 - collected and asserted on below
                    errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # One auth object per distinct auth, built once even when threads race for it.
        assert len(client._runtime.config.auth_cache) == 2
    assert errors == []
    assert len(server.received()) == 16 * 25 + 20
    assert server.wait_idle()
    if sockets_before is not None:
        assert open_sockets() == sockets_before
