"""Idle display connections: memory per connection in the hub, and result fan-out time.

K public screens (public tickets need no login) connect to one hub while a
vote is open. The hub's resident memory is read before and after they
connect. Then the chair closes the vote, and the run times how long it takes
until every screen has received the patch that shows the result.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import httpx

from ..client import fetch_ticket
from .chamber import Chamber, vote_of
from .driver import Conn, close_all, ms, p50
from .limits import raise_open_files, rss_bytes
from .stack import Stack

TICKET_BATCH = 500  # tickets live 60 s: fetch a fresh one for every batch of screens


def closed_in(frame: dict[str, Any], vote: str) -> bool:
    patch = frame.get("patch") or {}
    seen = patch.get("votes", {}).get("votes", {}).get(vote, {})
    return isinstance(seen, dict) and seen.get("status") == "closed"


async def measure_displays(count: int, seats: int = 71) -> dict[str, Any]:
    raise_open_files()
    with Stack(seats=seats) as stack:
        hub = stack.start_hub()
        chamber = Chamber(stack, [hub])
        screens: list[Conn] = []
        try:
            await chamber.connect()
            await chamber.check_in_all()
            vote = await chamber.open_vote()
            await chamber.command(chamber.chair, "vote.cast", vote=vote, choice="ja")
            await asyncio.sleep(1)
            before = rss_bytes(hub.pid)
            client_before = rss_bytes(os.getpid())
            arrived: list[float] = []

            def on_frame(frame: dict[str, Any]) -> None:
                if frame.get("type") == "patch" and closed_in(frame, vote):
                    arrived.append(time.perf_counter())

            started = time.perf_counter()
            async with httpx.AsyncClient(base_url=hub.url) as http:
                gate = asyncio.Semaphore(256)
                for first in range(0, count, TICKET_BATCH):
                    ticket = await fetch_ticket(http, stack.meeting, "public")
                    url = hub.url.replace("http", "ws", 1) + f"/ws?ticket={ticket}"

                    async def one(url: str = url) -> Conn:
                        async with gate:
                            return await Conn.open(url, on_frame)

                    batch = min(TICKET_BATCH, count - first)
                    screens += await asyncio.gather(*(one() for _ in range(batch)))
            connect_s = time.perf_counter() - started
            await asyncio.sleep(2)  # let every welcome and snapshot go out
            after = rss_bytes(hub.pid)
            client_after = rss_bytes(os.getpid())
            sent = time.perf_counter()
            await chamber.command(chamber.chair, "vote.close", vote=vote)
            deadline = time.monotonic() + 60
            while len(arrived) < count and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            await chamber.display.until(lambda f: vote_of(f, vote).get("status") == "closed")
            reached = [t - sent for t in arrived]
        finally:
            await close_all(screens)
            await chamber.close()
    return {
        "displays": count,
        "connect_s": round(connect_s, 2),
        "hub_rss_before_mb": round(before / 2**20, 1),
        "hub_rss_after_mb": round(after / 2**20, 1),
        "hub_bytes_per_display": round((after - before) / count),
        "client_bytes_per_display": round((client_after - client_before) / count),
        "received": len(reached),
        "result_to_all_ms": ms(max(reached)) if reached else None,
        "result_to_half_ms": ms(p50(reached)) if reached else None,
        "seats": seats,
    }
