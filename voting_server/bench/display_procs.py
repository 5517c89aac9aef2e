"""Idle displays in a process of their own: the receiving side of the
10,000-screen fan-out, so that the figure is the hub's and not one client
process's. ``python -m voting_server.bench.display_procs URL MEETING COUNT``
(with the hub's ``ORDET_SECRET``) connects COUNT public screens and answers
lines on stdin: ``watch VOTE`` (note when each screen gets the patch that
shows VOTE closed), ``report`` (``{"arrived": [...]}``, ``perf_counter()``
values, comparable across processes on Linux) and ``rss`` (its own memory).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

from ..auth.tickets import Ticket, TicketSigner
from ..domain.base import Role
from .driver import Conn, close_all
from .limits import raise_open_files, rss_bytes

PER_PROCESS = 2500


def closed_in(frame: dict[str, Any], vote: str) -> bool:
    patch = frame.get("patch") or {}
    seen = patch.get("votes", {}).get("votes", {}).get(vote, {})
    return isinstance(seen, dict) and seen.get("status") == "closed"


async def _displays(url: str, meeting: str, count: int) -> None:
    raise_open_files()
    signer = TicketSigner(os.environ["ORDET_SECRET"])
    watched: list[str] = []
    arrived: list[float] = []

    def on_frame(frame: dict[str, Any]) -> None:
        if watched and frame.get("type") == "patch" and closed_in(frame, watched[0]):
            arrived.append(time.perf_counter())

    gate = asyncio.Semaphore(128)

    async def one() -> Conn:
        async with gate:
            ticket = signer.mint(Ticket("", "public", Role.PUBLIC, None, meeting))
            return await Conn.open(url.replace("http", "ws", 1) + f"/ws?ticket={ticket}", on_frame)

    screens = await asyncio.gather(*(one() for _ in range(count)))
    print("ready", flush=True)
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().split():
        if line[0] == "watch":
            watched[:] = [line[1]]
            print(json.dumps({"watching": line[1]}), flush=True)
        elif line[0] == "report":
            print(json.dumps({"arrived": arrived}), flush=True)
        elif line[0] == "rss":
            print(json.dumps({"rss": rss_bytes(os.getpid())}), flush=True)
    await close_all(list(screens))


if __name__ == "__main__":
    asyncio.run(_displays(sys.argv[1], sys.argv[2], int(sys.argv[3])))
