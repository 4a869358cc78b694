"""bench/load.py's open-loop client: arrivals keep their pace whatever the server's, and
a request's latency runs from its arrival, so a server that falls behind shows it."""

from __future__ import annotations

import asyncio

from aiohttp import web

from tests.bench_modules import load_bench

load = load_bench("load")


async def _serve_and_drive(
    pause: float, *, rate: float, concurrency: int, seconds: float
) -> tuple[dict[str, object], float]:
    async def page(_request: web.Request) -> web.Response:
        await asyncio.sleep(pause)
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/p", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    mix = [load.Page("p", 1, lambda _rng: load.Request("GET", "/p", cookies=""))]
    try:
        return await load.drive_rate(
            f"http://127.0.0.1:{port}", mix, seconds=seconds, rate=rate,
            concurrency=concurrency, seed=3,
        )  # fmt: skip
    finally:
        await runner.cleanup()


def test_open_loop_keeps_the_arrival_rate_of_a_fast_server() -> None:
    tallies, elapsed = asyncio.run(_serve_and_drive(0.0, rate=100, concurrency=10, seconds=2))
    tally = tallies["p"]
    assert 140 <= len(tally.latencies) <= 260  # Poisson, 200 expected
    assert tally.errors == 0
    assert load._percentile(tally.latencies, 0.5) < 50


def test_open_loop_counts_the_wait_for_a_free_connection() -> None:
    # One connection, 50 ms a request, 40 arrivals a second: the server keeps up with 20,
    # so the queue grows and the latencies with it, far past the 50 ms of service.
    tallies, _elapsed = asyncio.run(_serve_and_drive(0.05, rate=40, concurrency=1, seconds=1.5))
    latencies = tallies["p"].latencies
    assert len(latencies) >= 40
    assert max(latencies) > 0.5
    assert load._percentile(latencies, 0.5) > 200
