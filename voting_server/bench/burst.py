"""``ordet bench burst``: the vote burst of shared/bench/vote_burst.py, on Ordet and beside it
on the reference hub, measured by the same driver.

Each round: the chair closes the previous vote and opens a new one; then all
N delegates send their ballot at once. Measured: the time to connect the N
sockets, each ballot's ack latency, and the time from the first ballot sent
until the display's view counts N votes. Figures are medians over the rounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..embedded_redis import free_port
from .chamber import Chamber, vote_of
from .databases import NoDatabase
from .driver import Conn, Follower, follow_reference, median, ms, open_many, p50, p99
from .limits import raise_open_files
from .stack import Stack


@dataclass
class Round:
    burst_s: float  # first ballot sent -> display shows all N
    last_ack_s: float  # first ballot sent -> last ack received
    ack_p50_s: float
    ack_p99_s: float
    errors: int


async def burst(
    voters: Sequence[Conn],
    requests: Sequence[tuple[dict[str, Any], Any]],
    display: Follower,
    done: Callable[[Follower], bool],
) -> Round:
    """Every voter sends its request at once; wait for the acks and the display."""
    latencies = [0.0] * len(voters)
    errors = 0
    seen = display.watch(done)

    async def one(i: int) -> None:
        nonlocal errors
        frame, key = requests[i]
        sent = time.perf_counter()
        answer = await voters[i].request(frame, key)
        latencies[i] = time.perf_counter() - sent
        if answer.get("type", answer.get("t")) != "ack":
            errors += 1

    start = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(len(voters))))
    last_ack = time.perf_counter()
    shown = await asyncio.wait_for(seen, 60)
    return Round(shown - start, last_ack - start, p50(latencies), p99(latencies), errors)


def summary(rounds: list[Round], connect_s: float, n: int) -> dict[str, Any]:
    full = median([r.burst_s for r in rounds])
    return {
        "connect_s": round(connect_s, 3),
        "burst_to_display_ms": ms(full),
        "last_ack_ms": ms(median([r.last_ack_s for r in rounds])),
        "ack_p50_ms": ms(median([r.ack_p50_s for r in rounds])),
        "ack_p99_ms": ms(median([r.ack_p99_s for r in rounds])),
        "votes_per_s": round(n / full) if full else None,
        "errors": sum(r.errors for r in rounds),
        "rounds_ms": [ms(r.burst_s) for r in rounds],
    }


async def ordet_round(chamber: Chamber, label: str) -> Round:
    vote = await chamber.open_vote()
    await asyncio.sleep(0.2)  # let the vote's patch reach every tablet first
    n = chamber.n
    return await burst(
        chamber.voters,
        chamber.ballots(vote, label),
        chamber.display,
        lambda f: vote_of(f, vote).get("voted") == n,
    )


# --- the reference hub -------------------------------------------------------------------
@contextlib.contextmanager
def reference_hub(script: Path, redis_url: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "voting_server.bench.reference", str(script), str(port), redis_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"reference hub did not start: {script}") from None
                time.sleep(0.05)
        yield f"ws://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@dataclass
class Reference:
    url: str
    n: int
    display: Follower
    display_conn: Conn | None = None
    voters: Sequence[Conn] = ()
    connect_s: float = 0.0

    async def connect(self) -> None:
        self.display_conn = await Conn.open(self.url + "/display", self.display.on_frame)
        started = time.perf_counter()
        self.voters = await open_many([self.url + "/delegate"] * self.n)
        self.connect_s = time.perf_counter() - started

    async def round(self) -> Round:
        await self.voters[0].request({"t": "reset"}, "ok")
        requests = [
            ({"t": "vote", "who": f"d{i}", "c": ("yes", "no", "abstain")[i % 3], "seq": i}, i)
            for i in range(self.n)
        ]
        n = self.n
        return await burst(self.voters, requests, self.display, lambda f: f.state.get("n") == n)

    async def close(self) -> None:
        conns = [*self.voters, *([self.display_conn] if self.display_conn else [])]
        await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)


# --- one size ----------------------------------------------------------------------------
async def measure_size(
    n: int, rounds: int, reference: Path | None, http_max: int, database: str = "sqlite"
) -> dict[str, Any]:
    try:
        stack = Stack(seats=n, database=database)
    except NoDatabase as missing:
        return {"n": n, "database": database, "skipped": str(missing)}
    with stack:
        hub = stack.start_hub()
        chamber = Chamber(stack, [hub])
        ref: Reference | None = None
        with contextlib.ExitStack() as later:
            try:
                await chamber.connect(http_max)
                await chamber.check_in_all()
                if reference is not None:
                    url = later.enter_context(reference_hub(reference, stack.redis_url))
                    ref = Reference(url, n, Follower(follow_reference))
                    await ref.connect()
                ours: list[Round] = []
                theirs: list[Round] = []
                for r in range(rounds):  # interleaved, so both see the same machine
                    ours.append(await ordet_round(chamber, f"r{r}"))
                    if ref is not None:
                        theirs.append(await ref.round())
            finally:
                await chamber.close()
                if ref is not None:
                    await ref.close()
        line: dict[str, Any] = {"n": n, "database": database, "rounds": rounds}
        line["ordet"] = summary(ours, chamber.connect_s, n)
        line["ordet"]["tickets_s"] = round(chamber.tickets_s, 3)
        line["ordet"]["tickets_via"] = "http" if n <= http_max else "bulk"
        if ref is not None:
            line["reference"] = summary(theirs, ref.connect_s, n)
            a, b = line["ordet"], line["reference"]
            line["ratio_burst"] = round(a["burst_to_display_ms"] / b["burst_to_display_ms"], 2)
            line["ratio_ack_p50"] = round(a["ack_p50_ms"] / b["ack_p50_ms"], 2)
        return line


def default_reference(repo_root: Path) -> Path | None:
    path = (repo_root / ".." / "shared" / "bench" / "ref_hub.py").resolve()
    return path if path.exists() else None


async def run(
    sizes: list[int],
    rounds: int,
    reference: Path | None,
    http_max: int,
    displays: int,
    scale: int,
    kinds: tuple[str, ...] = ("sqlite",),
) -> None:
    for n in sizes:
        for kind in kinds:  # the embedded default and the production database, side by side
            line = await measure_size(n, rounds, reference, http_max, kind)
            print(json.dumps(line), flush=True)
    for kind in kinds if displays else ():
        from .displays import measure_displays

        try:
            result = await measure_displays(displays, database=kind)
        except NoDatabase as missing:
            result = {"displays": displays, "database": kind, "skipped": str(missing)}
        print(json.dumps(result), flush=True)
    for kind in kinds if scale else ():
        from .scale import measure_scale

        try:
            for line in await measure_scale(scale, rounds, database=kind):
                print(json.dumps(line), flush=True)
        except NoDatabase as missing:
            print(json.dumps({"scale": scale, "database": kind, "skipped": str(missing)}))


def main(
    sizes: list[int],
    rounds: int,
    reference: Path | None,
    http_max: int,
    displays: int = 0,
    scale: int = 0,
    kinds: tuple[str, ...] = ("sqlite",),
) -> int:
    raise_open_files()
    asyncio.run(run(sizes, rounds, reference, http_max, displays, scale, kinds))
    return 0
