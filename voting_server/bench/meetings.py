"""``ordet bench meetings``: a region's bodies meeting at once. K meetings of N
members each, in one database and one Redis, on one or more hub processes
with every meeting's tablets spread over them. Each round every chair opens a
vote and then every member of every meeting votes at once.

Printed per number of processes: the burst to each meeting's display (p50
and the slowest meeting, medians over the rounds), the votes per second over
all meetings, and every refusal.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..auth.tickets import TicketSigner
from ..domain.base import Role
from ..hub_process import HubProcess
from ..store.models import AgendaItemRow, AssemblyRow, DeviceRow, MeetingRow, PartyRow, PersonRow
from .assembly import PARTIES, TicketBook, log_in_over_http, open_sessions
from .chamber import CHOICES, checked, vote_of, ws_url
from .databases import NoDatabase
from .driver import Conn, Follower, follow_ordet, median, ms, open_many
from .limits import raise_open_files
from .stack import Stack


def seed_region(engine: Engine, meetings: int, seats: int) -> list[str]:
    """Bodies r1..rK, each with members r<k>m1..r<k>m<N> (the first its chair), a display
    and one meeting of the same id."""
    ids = [f"r{k}" for k in range(1, meetings + 1)]
    with Session(engine) as s:
        for body in ids:
            s.add(AssemblyRow(id=body, name=f"Nämnd {body}", settings="{}"))
            s.flush()
            for position, (pid, color) in enumerate(PARTIES):
                s.add(PartyRow(id=pid, assembly_id=body, name=pid, color=color, position=position))
            s.flush()
            s.add_all(
                PersonRow(
                    id=f"{body}m{i}",
                    assembly_id=body,
                    name=f"Ledamot {i}",
                    kind="member",
                    party_id=PARTIES[i % len(PARTIES)][0],
                    seat=i,
                )
                for i in range(1, seats + 1)
            )
            s.add(DeviceRow(id=f"{body}-display", assembly_id=body, name="Skärm", role="display"))
            s.add(MeetingRow(id=body, assembly_id=body, title=body, chair_id=f"{body}m1"))
            s.flush()
            s.add(AgendaItemRow(meeting_id=body, position=0, item_id="1", title="Beslut"))
        s.commit()
    return ids


class Meeting:
    def __init__(self, meeting: str, seats: int, signer: TicketSigner) -> None:
        self.id, self.seats = meeting, seats
        self.book = TicketBook(signer, meeting)
        self.display = Follower(follow_ordet)
        self.voters: list[Conn] = []
        self.display_conn: Conn | None = None
        self.rids = 0

    def person(self, i: int) -> str:
        return f"{self.id}m{i}"

    async def command(self, conn: Conn, type_: str, **fields: Any) -> int:
        self.rids += 1
        rid = f"{self.id}-{self.rids}"
        return checked(await conn.request({"type": type_, "rid": rid, **fields}, rid))

    async def connect(self, engine: Engine, hubs: list[HubProcess], k: int) -> None:
        chair = {self.person(1): "chair"}
        tickets = await log_in_over_http(hubs[0].url, engine, chair, self.book)
        rest = [self.person(i) for i in range(2, self.seats + 1)] + [f"{self.id}-display"]
        await asyncio.to_thread(open_sessions, engine, rest, self.book)
        display = self.book.ticket(f"{self.id}-display", Role.DISPLAY)
        self.display_conn = await Conn.open(
            ws_url(hubs[k % len(hubs)], display), self.display.on_frame
        )
        await self.display.until(lambda f: f.seq > 0)

        def url(i: int) -> Callable[[], str]:
            """Minted right before its handshake: a ticket lives 60 s."""
            person = self.person(i)
            hub = hubs[(i + k) % len(hubs)]
            return lambda: ws_url(hub, tickets.get(person) or self.book.ticket(person))

        self.voters = await open_many([url(i) for i in range(1, self.seats + 1)])
        await asyncio.gather(*(self.command(c, "attendance.check_in") for c in self.voters))
        await self.command(self.voters[0], "agenda.start_item", item="1")

    async def open_vote(self) -> str:
        previous = self.display.state.get("current_vote")
        if previous is not None:
            await self.command(self.voters[0], "vote.close", vote=previous)
        await self.command(self.voters[0], "vote.open", question="Bifall?")
        await self.display.until(lambda f: f.state.get("current_vote") not in (None, previous))
        return str(self.display.state["current_vote"])

    async def burst(self, vote: str, label: str) -> tuple[float, int]:
        """All vote at once; the seconds until the display counts them, and the refusals."""
        seen = self.display.watch(lambda f: vote_of(f, vote).get("voted") == self.seats)
        started = time.perf_counter()

        async def one(i: int, conn: Conn) -> int:
            rid = f"{label}-{self.id}-{i}"
            frame = {"type": "vote.cast", "rid": rid, "vote": vote, "choice": CHOICES[i % 3]}
            answer = await conn.request(frame, rid)
            return int(answer.get("type") != "ack")

        refused = sum(await asyncio.gather(*(one(i, c) for i, c in enumerate(self.voters))))
        shown = await asyncio.wait_for(seen, 120)
        return shown - started, refused


async def measure(
    meetings: int, seats: int, processes: int, rounds: int, database: str
) -> dict[str, Any]:
    with Stack(1, database=database) as stack:
        ids = seed_region(stack.engine, meetings, seats)
        hubs = [stack.start_hub() for _ in range(processes)]
        signer = TicketSigner(stack.secret)
        region = [Meeting(m, seats, signer) for m in ids]
        started = time.perf_counter()
        for k, meeting in enumerate(region):  # chairs open their meetings one by one
            await meeting.connect(stack.engine, hubs, k)
        connect_s = time.perf_counter() - started
        bursts: list[list[float]] = []
        totals: list[float] = []
        refused = 0
        for r in range(rounds):
            votes = await asyncio.gather(*(m.open_vote() for m in region))
            await asyncio.sleep(0.3)  # every tablet has the vote
            started = time.perf_counter()
            results = await asyncio.gather(
                *(m.burst(v, f"r{r}") for m, v in zip(region, votes, strict=True))
            )
            totals.append(time.perf_counter() - started)
            bursts.append(sorted(b for b, _ in results))
            refused += sum(n for _, n in results)
        for meeting in region:
            conns = [*meeting.voters, *filter(None, [meeting.display_conn])]
            await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)
    all_in = median(totals)
    return {
        "meetings": meetings,
        "seats": seats,
        "hub_processes": processes,
        "database": database,
        "connect_s": round(connect_s, 1),
        "burst_to_display_p50_ms": ms(median([b[len(b) // 2] for b in bursts])),
        "burst_to_display_slowest_ms": ms(median([b[-1] for b in bursts])),
        "all_meetings_ms": ms(all_in),
        "votes_per_s": round(meetings * seats / all_in) if all_in else None,
        "refused": refused,
        "rounds": rounds,
    }


def main(
    meetings: int, seats: int, processes: list[int], rounds: int, databases: tuple[str, ...]
) -> int:
    raise_open_files()
    for database in databases:
        for count in processes:
            try:
                line = asyncio.run(measure(meetings, seats, count, rounds, database))
            except NoDatabase as missing:
                line = {"meetings": meetings, "database": database, "skipped": str(missing)}
            print(json.dumps(line), flush=True)
    return 0
