"""``ordet bench faults``: kill the hub and Redis in the middle of votes; count the damage.

Against the real stack (hub subprocess, private Redis with persistence off,
SQLite), seeded and bounded in time:

- SIGKILL the hub while a vote's ballots are in flight, ``kills`` times, and
  start it again on the same port; clients resume with ``since=seq`` and send
  unanswered ballots again with the same rid;
- kill Redis mid-vote and start it again empty;
- a reconnect storm: ``storm`` screens and every tablet reconnect at once;
- duplicated frames: every ballot sent twice at once and once more after its ack;
- ballots racing the chair's close.

The SQL archive is the judge: every ``vote.ballot_cast`` in it is counted
against what the clients were told.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from ..domain.aggregate import EVENTS
from ..domain.base import Role
from ..domain.votes.events import BallotCast, VoteClosed
from ..hub_process import HubProcess
from ..log.chain import decode_envelope, verify
from ..store.archive import Archive
from .assembly import log_in_over_http, member
from .chamber import CHOICES
from .databases import NoDatabase
from .driver import ms, p50, p99
from .limits import raise_open_files
from .resilient import Resilient
from .screen_procs import ScreenProcesses
from .stack import Stack


@dataclass
class Ledger:
    """What the clients were told, to hold against what the archive holds."""

    faults: Counter[str] = field(default_factory=Counter)
    acked: dict[tuple[str, str], int] = field(default_factory=dict)  # (vote, person) -> seq
    refused: Counter[str] = field(default_factory=Counter)
    answers_disagree: int = 0  # copies of one rid answered differently
    closed_before: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class Run:
    stack: Stack
    hub: HubProcess
    chair: Resilient
    voters: list[Resilient]
    rng: random.Random
    ledger: Ledger = field(default_factory=Ledger)
    votes: list[str] = field(default_factory=list)
    rids: int = 0
    backs: list[float] = field(default_factory=list)  # when each restarted hub answered
    restarts: list[float] = field(default_factory=list)  # seconds from each kill to that
    kills: list[float] = field(default_factory=list)

    def rid(self, prefix: str) -> str:
        self.rids += 1
        return f"{prefix}{self.rids}"

    async def chair_says(self, type_: str, **fields: Any) -> dict[str, Any]:
        answer = await self.chair.request({"type": type_, "rid": self.rid("c"), **fields})
        if answer.get("type") != "ack":
            raise RuntimeError(f"the chair's {type_} was refused: {answer}")
        return answer

    async def open_vote(self) -> str:
        previous = self.votes[-1] if self.votes else None
        await self.chair_says("vote.open", question="Bifall?")
        await self.chair.view.until(
            lambda f: f.state.get("current_vote") not in (None, previous), timeout=30
        )
        vote = str(self.chair.view.state["current_vote"])
        self.votes.append(vote)
        return vote

    async def close_vote(self, vote: str) -> None:
        answer = await self.chair.request(
            {"type": "vote.close", "rid": self.rid("c"), "vote": vote}
        )
        if answer.get("type") != "ack" and answer.get("code") != "vote.closed":
            raise RuntimeError(f"could not close {vote}: {answer}")

    async def cast(self, voter: Resilient, vote: str, copies: int = 1) -> None:
        """One ballot; ``copies`` > 1 sends the same frame that often at once, and again later."""
        rid = f"{vote}:{voter.principal}"
        frame = {
            "type": "vote.cast",
            "rid": rid,
            "vote": vote,
            "choice": CHOICES[self.rng.randrange(3)],
        }
        if copies > 1:
            await voter.ensure()
            assert voter.conn is not None
            for _ in range(copies - 1):
                await voter.conn.send(frame)
        answer = await voter.request(frame)
        if copies > 1:
            await voter.request(frame)  # a late retry after the ack
            await _eventually(lambda: len(voter.answers.get(rid, ())) >= copies + 1)
            seen = {(a.get("type"), a.get("seq"), a.get("code")) for a in voter.answers[rid]}
            if len(seen) != 1:
                self.ledger.answers_disagree += 1
        if answer.get("type") == "ack":
            self.ledger.acked[(vote, voter.principal)] = int(answer["seq"])
        else:
            self.ledger.refused[str(answer.get("code"))] += 1

    async def ballots(self, vote: str, copies: int = 1) -> list[asyncio.Task[None]]:
        return [asyncio.create_task(self.cast(v, vote, copies)) for v in self.voters]

    async def acks_reach(self, vote: str, count: int, tasks: list[asyncio.Task[None]]) -> None:
        while sum(1 for v, _ in self.ledger.acked if v == vote) < count:
            if all(t.done() for t in tasks):
                return
            await asyncio.sleep(0.001)

    async def restart_hub(self) -> None:
        port = self.hub.port
        killed = time.perf_counter()
        self.hub.kill()
        self.ledger.faults["hub_sigkill"] += 1
        await asyncio.to_thread(self.hub.start, port)
        # Back: the new process listens (it prints its port once bound), the
        # first moment a client can reconnect.
        self.kills.append(killed)
        self.backs.append(time.perf_counter())
        self.restarts.append(self.backs[-1] - killed)

    # --- the scenarios ---------------------------------------------------------------
    async def vote_with(self, fault: Callable[[], Awaitable[None]]) -> None:
        """A vote during which ``fault`` strikes after a random number of acks."""
        vote = await self.open_vote()
        tasks = await self.ballots(vote)
        await self.acks_reach(vote, self.rng.randint(1, len(self.voters) - 1), tasks)
        await fault()
        await asyncio.gather(*tasks)
        await self.close_vote(vote)

    async def redis_restart(self) -> None:
        await asyncio.to_thread(self.stack.restart_redis)
        self.ledger.faults["redis_restart"] += 1

    async def duplicated_frames(self) -> None:
        vote = await self.open_vote()
        await asyncio.gather(*(self.cast(v, vote, copies=2) for v in self.voters))
        self.ledger.faults["duplicated_frames"] += 2 * len(self.voters)
        await self.close_vote(vote)

    async def race_the_close(self) -> None:
        """Ballots trickle in over 40 ms; the chair closes somewhere in between."""
        vote = await self.open_vote()

        async def late(voter: Resilient, delay: float) -> None:
            await asyncio.sleep(delay)
            await self.cast(voter, vote)

        tasks = [asyncio.create_task(late(v, self.rng.uniform(0, 0.04))) for v in self.voters]
        await asyncio.sleep(self.rng.uniform(0.01, 0.03))
        await self.close_vote(vote)
        self.ledger.faults["close_race"] += 1
        await asyncio.gather(*tasks)

    async def storm(self, screens: ScreenProcesses) -> list[float]:
        """Kill the hub under every screen and tablet; all reconnect at once; then a vote.

        The screens live in processes of their own and reconnect by themselves;
        each one's resync counts from the moment the restarted hub answered.
        """
        killed = time.perf_counter()
        await self.restart_hub()
        await asyncio.to_thread(_wait_healthy, self.hub.url)
        back = time.perf_counter()
        self.ledger.faults["reconnect_storm"] += 1
        await asyncio.gather(*(c.ensure() for c in [*self.voters, self.chair]))
        vote = await self.open_vote()
        await asyncio.gather(*await self.ballots(vote))
        await self.close_vote(vote)
        voted = sum(1 for v, _ in self.ledger.acked if v == vote)
        checked = await screens.ask(f"check {vote} {voted}")
        self.ledger.faults["storm_screens_wrong"] += sum(int(a["wrong"]) for a in checked)
        reports = await screens.ask("report")
        done = [d for r in reports for d in r["done"] if d > killed]
        return [max(0.0, d - back) for d in done]


def since_hub_back(
    kills: list[float], backs: list[float], spans: list[tuple[float, float]]
) -> list[float]:
    """For each resync after a hub kill: seconds from the new hub listening (or
    from the drop being noticed, if later) to caught up; 0 if it was sooner."""
    out = []
    for started, done in spans:
        after = [i for i, killed in enumerate(kills) if killed <= started]
        if after:
            out.append(max(0.0, done - max(backs[after[-1]], started)))
    return out


def _wait_healthy(url: str) -> None:
    """Until the restarted hub answers (it binds its port before it serves)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.02)


async def _eventually(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.005)


def audit(stack: Stack, ledger: Ledger) -> dict[str, Any]:
    """Hold the clients' acks against the SQL archive."""
    entries = Archive(stack.engine).read(stack.meeting)
    verify(entries)
    ballots: dict[tuple[str, str], list[int]] = defaultdict(list)
    closed: dict[str, int] = {}
    for entry in entries:
        event = decode_envelope(entry.data, EVENTS).event
        if isinstance(event, BallotCast):
            ballots[(event.vote, event.person)].append(entry.seq)
        elif isinstance(event, VoteClosed):
            closed[event.vote] = entry.seq
    lost = [key for key in ledger.acked if key not in ballots]
    mismatched = [k for k, seq in ledger.acked.items() if k in ballots and ballots[k][0] != seq]
    return {
        "votes_acknowledged": len(ledger.acked),
        "ballots_persisted": sum(len(s) for s in ballots.values()),
        "lost": len(lost),
        "duplicated": sum(len(s) - 1 for s in ballots.values()),
        "accepted_after_close": sum(
            1 for (vote, _), seqs in ballots.items() for s in seqs if s > closed.get(vote, s)
        ),
        "ack_seq_mismatch": len(mismatched),
        "log_entries": len(entries),
    }


async def run_faults(
    seed: int = 1, kills: int = 5, voters: int = 71, storm: int = 1000, database: str = "sqlite"
) -> dict[str, Any]:
    """Run every fault once (hub kills ``kills`` times); return the report."""
    raise_open_files()
    rng = random.Random(seed)
    started = time.perf_counter()
    with Stack(seats=voters + 1, private_redis=True, database=database) as stack:
        hub = stack.start_hub()
        people = {member(1): "chair", **{member(i): "" for i in range(2, voters + 2)}}
        await log_in_over_http(hub.url, stack.engine, people, stack.book)
        chair = Resilient(hub, stack.book, member(1), Role.CHAIR)
        tablets = [
            Resilient(hub, stack.book, member(i), Role.DELEGATE) for i in range(2, voters + 2)
        ]
        screens = ScreenProcesses()
        run = Run(stack, hub, chair, tablets, rng)
        everyone = [chair, *tablets]
        try:
            await asyncio.gather(*(c.ensure() for c in [chair, *tablets]))
            for tablet in tablets:
                await tablet.request({"type": "attendance.check_in", "rid": "in"})
            await run.chair_says("agenda.start_item", item="1")
            if storm:
                await screens.start(hub.url, stack.meeting, storm, stack.env)
            for _ in range(kills):
                await run.vote_with(run.restart_hub)
            await run.vote_with(run.redis_restart)
            await run.duplicated_frames()
            await run.race_the_close()
            storm_resyncs = await run.storm(screens) if storm else []
        finally:
            await asyncio.gather(*(c.close() for c in everyone), return_exceptions=True)
            await screens.stop()
        report = audit(stack, run.ledger)
    tablet_resyncs = [t for c in [chair, *tablets] for t in c.resyncs]
    spans = [s for c in [chair, *tablets] for s in c.spans]
    after_back = since_hub_back(run.kills, run.backs, spans)
    ledger = run.ledger
    return {
        "seed": seed,
        "database": database,
        "voters": voters,
        "faults": dict(ledger.faults),
        **report,
        "refused": dict(ledger.refused),
        "duplicate_answers_disagree": ledger.answers_disagree,
        "gaps": sum(c.view.gaps for c in everyone),
        "retries": sum(c.retries for c in everyone),
        "resync_ms": {
            "p50": ms(p50(tablet_resyncs)),
            "p99": ms(p99(tablet_resyncs)),
            "count": len(tablet_resyncs),
        },
        # From each SIGKILL to the new process listening on the port.
        "hub_restart_ms": {"p50": ms(p50(run.restarts)), "max": ms(max(run.restarts, default=0.0))},
        # From the moment the killed hub listened again to each tablet caught up.
        "resync_after_hub_back_ms": {
            "p50": ms(p50(after_back)),
            "p99": ms(p99(after_back)),
            "count": len(after_back),
        },
        "storm_resync_ms": {
            "clients": storm,
            "resynced": len(storm_resyncs),
            "p50": ms(p50(storm_resyncs)),
            "p99": ms(p99(storm_resyncs)),
        },
        "elapsed_s": round(time.perf_counter() - started, 1),
    }


def main(
    seed: int, kills: int, voters: int, storm: int, databases: tuple[str, ...] = ("sqlite",)
) -> int:
    bad = ("lost", "duplicated", "accepted_after_close", "gaps", "ack_seq_mismatch")
    failed = False
    for database in databases:
        try:
            report = asyncio.run(run_faults(seed, kills, voters, storm, database))
        except NoDatabase as missing:
            print(json.dumps({"seed": seed, "database": database, "skipped": str(missing)}))
            continue
        print(json.dumps(report), flush=True)
        failed |= any(report[k] for k in bad) or bool(report["duplicate_answers_disagree"])
    return 1 if failed else 0
