"""Idle display connections: memory per connection in the hub, and result fan-out time.

K public screens (public tickets need no login) connect to one hub while a
vote is open, from worker processes of their own (``display_procs``). The
hub's resident memory is read before and after they connect. Then the chair
closes the vote, and the run times how long it takes until every screen has
received the patch that shows the result.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from . import display_procs
from .chamber import Chamber, vote_of
from .driver import ms, p50
from .limits import raise_open_files, rss_bytes
from .screen_procs import ScreenProcesses
from .stack import Stack


async def measure_displays(count: int, seats: int = 71, database: str = "sqlite") -> dict[str, Any]:
    raise_open_files()
    with Stack(seats=seats, database=database) as stack:
        hub = stack.start_hub()
        chamber = Chamber(stack, [hub])
        workers = ScreenProcesses(display_procs.__name__, display_procs.PER_PROCESS)
        try:
            await chamber.connect()
            await chamber.check_in_all()
            vote = await chamber.open_vote()
            await chamber.command(chamber.chair, "vote.cast", vote=vote, choice="ja")
            await asyncio.sleep(1)
            before = rss_bytes(hub.pid)
            started = time.perf_counter()
            await workers.start(hub.url, stack.meeting, count, stack.env)
            connect_s = time.perf_counter() - started
            await asyncio.sleep(2)  # let every welcome and snapshot go out
            after = rss_bytes(hub.pid)
            client_rss = sum(a["rss"] for a in await workers.ask("rss"))
            await workers.ask(f"watch {vote}")
            sent = time.perf_counter()
            await chamber.command(chamber.chair, "vote.close", vote=vote)
            await chamber.display.until(lambda f: vote_of(f, vote).get("status") == "closed")
            deadline = time.monotonic() + 60
            while True:
                arrived = [t for a in await workers.ask("report") for t in a["arrived"]]
                if len(arrived) >= count or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.5)
            reached = [t - sent for t in arrived]
        finally:
            await workers.stop()
            await chamber.close()
    return {
        "displays": count,
        "client_processes": len(workers.workers),
        "connect_s": round(connect_s, 2),
        "hub_rss_before_mb": round(before / 2**20, 1),
        "hub_rss_after_mb": round(after / 2**20, 1),
        "hub_bytes_per_display": round((after - before) / count),
        "client_bytes_per_display": round(client_rss / count),
        "received": len(reached),
        "result_to_all_ms": ms(max(reached)) if reached else None,
        "result_to_half_ms": ms(p50(reached)) if reached else None,
        "seats": seats,
    }
