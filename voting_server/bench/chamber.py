"""A chamber of N delegates, a chair and a display, connected to real Ordet hubs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..domain.base import Role
from ..hub_process import HubProcess
from .assembly import DISPLAY, log_in_over_http, member, open_sessions
from .driver import Conn, Follower, follow_ordet, open_many
from .errors import BenchError
from .stack import Stack

CHOICES = ("ja", "nej", "avstar")


class Refused(BenchError, RuntimeError):
    pass


class Address(Protocol):
    """Where a hub answers: a HubProcess, or only its URL."""

    @property
    def url(self) -> str: ...


def ws_url(hub: Address, ticket: str, since: int | None = None) -> str:
    url = hub.url.replace("http", "ws", 1) + f"/ws?ticket={ticket}"
    return url if since is None else f"{url}&since={since}"


def checked(answer: dict[str, Any]) -> int:
    if answer.get("type") != "ack":
        raise Refused(f"{answer.get('code')}: {answer.get('message')}")
    return int(answer["seq"])


def vote_of(follower: Follower, vote: str) -> dict[str, Any]:
    votes: dict[str, Any] = follower.state.get("votes", {}).get("votes", {})
    return votes.get(vote, {})  # type: ignore[no-any-return]


@dataclass
class Chamber:
    """m1 is the chair (and votes from the chair's console); m2..mN are delegates."""

    stack: Stack
    hubs: list[HubProcess]
    display: Follower = field(default_factory=lambda: Follower(follow_ordet))
    display_conn: Conn | None = None
    voters: list[Conn] = field(default_factory=list)  # voters[0] is the chair
    tickets_s: float = 0.0
    connect_s: float = 0.0
    rids: int = 0

    @property
    def n(self) -> int:
        return self.stack.seats

    @property
    def chair(self) -> Conn:
        return self.voters[0]

    def rid(self) -> str:
        self.rids += 1
        return f"b{self.rids}"

    async def command(self, conn: Conn, type_: str, **fields: Any) -> int:
        rid = self.rid()
        return checked(await conn.request({"type": type_, "rid": rid, **fields}, rid))

    async def connect(self, http_max: int = 1000) -> None:
        """Tickets (over HTTP up to ``http_max`` people, else in bulk), then sockets."""
        n, book = self.n, self.stack.book
        started = time.perf_counter()
        wanted = {member(1): "chair", **{member(i): "" for i in range(2, n + 1)}}
        wanted[DISPLAY] = "display"
        tickets: dict[str, str] = {}
        if n <= http_max:
            tickets = await log_in_over_http(self.hubs[0].url, self.stack.engine, wanted, book)
        else:
            # The chair opens the meeting over HTTP (nobody else may); the rest in bulk.
            chair = {member(1): "chair"}
            tickets = await log_in_over_http(self.hubs[0].url, self.stack.engine, chair, book)
            rest = {p: r for p, r in wanted.items() if p not in chair}
            await asyncio.to_thread(open_sessions, self.stack.engine, rest, book)

        def url(principal: str, hub: HubProcess) -> Callable[[], str]:
            role = wanted[principal]
            return lambda: ws_url(
                hub, tickets.get(principal) or book.ticket(principal, Role(role or "delegate"))
            )

        self.tickets_s = time.perf_counter() - started
        self.display_conn = await Conn.open(url(DISPLAY, self.hubs[0])(), self.display.on_frame)
        await self.display.until(lambda f: f.seq > 0)
        urls = [url(member(i), self.hubs[(i - 1) % len(self.hubs)]) for i in range(1, n + 1)]
        started = time.perf_counter()
        self.voters = await open_many(urls)
        self.connect_s = time.perf_counter() - started

    async def check_in_all(self, item: str = "1") -> None:
        await asyncio.gather(*(self.command(c, "attendance.check_in") for c in self.voters))
        await self.command(self.chair, "agenda.start_item", item=item)
        await self.display.until(lambda f: f.state["attendance"]["present"] == self.n)

    async def open_vote(self, question: str = "Bifall till förslaget?") -> str:
        previous = self.display.state.get("current_vote")
        if previous is not None:
            await self.command(self.chair, "vote.close", vote=previous)
        await self.command(self.chair, "vote.open", question=question)
        await self.display.until(lambda f: f.state.get("current_vote") not in (None, previous))
        return str(self.display.state["current_vote"])

    def ballots(self, vote: str, label: str) -> list[tuple[dict[str, Any], Any]]:
        return [
            (
                {
                    "type": "vote.cast",
                    "rid": f"{label}-{i}",
                    "vote": vote,
                    "choice": CHOICES[i % 3],
                },
                f"{label}-{i}",
            )
            for i in range(self.n)
        ]

    async def close(self) -> None:
        conns: Sequence[Conn] = [*self.voters, *([self.display_conn] if self.display_conn else [])]
        await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)
