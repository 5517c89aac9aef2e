"""Public screens in processes of their own, for the reconnect storm.

With a thousand screens in the driver's own process, a storm measures how
fast one Python process unpacks a thousand snapshots, not the hub. Each
worker (``python -m voting_server.bench.screen_procs URL MEETING COUNT``, with
the hub's ``ORDET_SECRET``) keeps COUNT screens connected, reconnects each as
soon as it drops, and answers lines on stdin:

- ``report``: ``{"done": [...]}``, the ``perf_counter()`` of every resync
  (a system-wide monotonic clock on Linux, so the driver can compare);
- ``check VOTE N``: ``{"wrong": K}``, screens that do not show VOTE closed
  with N ballots within 30 s.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

from ..auth.tickets import TicketSigner
from ..domain.base import Role
from .assembly import TicketBook
from .chamber import vote_of
from .resilient import Resilient

PER_PROCESS = 250


@dataclass(frozen=True)
class _Hub:
    url: str


async def _screens(url: str, meeting: str, count: int) -> None:
    book = TicketBook(TicketSigner(os.environ["ORDET_SECRET"]), meeting)
    screens = [Resilient(_Hub(url), book, "public", Role.PUBLIC) for _ in range(count)]
    gate = asyncio.Semaphore(64)

    async def up(screen: Resilient) -> None:
        async with gate:
            await screen.ensure()

    await asyncio.gather(*(up(s) for s in screens))
    done: list[float] = []

    async def keep(screen: Resilient) -> None:
        while True:
            assert screen.conn is not None
            await screen.conn.closed.wait()
            await screen.ensure()
            done.append(time.perf_counter())

    keepers = [asyncio.create_task(keep(s)) for s in screens]
    print("ready", flush=True)
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().split():
        if line[0] == "report":
            print(json.dumps({"done": done}), flush=True)
        elif line[0] == "check":
            print(json.dumps({"wrong": await _wrong(screens, line[1], int(line[2]))}), flush=True)
    for task in keepers:
        task.cancel()
    await asyncio.gather(*(s.close() for s in screens), return_exceptions=True)


async def _wrong(screens: list[Resilient], vote: str, voted: int) -> int:
    """Screens that do not show ``vote`` closed with ``voted`` ballots."""

    def closed(view: Any) -> bool:
        return vote_of(view, vote).get("status") == "closed"

    await asyncio.gather(*(s.view.until(closed, 30) for s in screens), return_exceptions=True)
    return sum(1 for s in screens if vote_of(s.view, vote).get("voted") != voted)


class ScreenProcesses:
    """The driver's side: start the workers, ask them, stop them.

    ``module`` is the worker's (this one, or ``display_procs`` for idle displays).
    """

    def __init__(self, module: str = __name__, per_process: int = PER_PROCESS) -> None:
        self.module = module
        self.per_process = per_process
        self.workers: list[asyncio.subprocess.Process] = []

    async def start(self, url: str, meeting: str, count: int, env: dict[str, str]) -> None:
        left = count
        while left > 0:
            size = min(self.per_process, left)
            worker = await asyncio.create_subprocess_exec(
                sys.executable, "-m", self.module, url, meeting, str(size),
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
            )  # fmt: skip
            self.workers.append(worker)
            left -= size
        for worker in self.workers:
            assert worker.stdout is not None
            if (await worker.stdout.readline()).strip() != b"ready":
                raise RuntimeError("a screen worker did not connect its screens")

    async def ask(self, line: str) -> list[dict[str, Any]]:
        answers = []
        for worker in self.workers:
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(f"{line}\n".encode())
            await worker.stdin.drain()
        for worker in self.workers:
            assert worker.stdout is not None
            answers.append(json.loads(await worker.stdout.readline()))
        return answers

    async def stop(self) -> None:
        for worker in self.workers:
            if worker.stdin is not None and not worker.stdin.is_closing():
                worker.stdin.close()
        for worker in self.workers:
            try:
                await asyncio.wait_for(worker.wait(), 10)
            except TimeoutError:
                worker.kill()


if __name__ == "__main__":
    asyncio.run(_screens(sys.argv[1], sys.argv[2], int(sys.argv[3])))
