"""A throwaway assembly of any size, and the tickets its people connect with.

``seed_assembly`` is the demo seed scaled to N seats: members m1..mN on seats
1..N in four parties, chair m1, a chamber display device. Tickets come either
the way a tablet gets them (login link, session cookie, ``/api/ticket`` over
HTTP) or, for thousands of people, minted in bulk: one real session row per
person in the database, and the ticket signed with the hub's ORDET_SECRET,
exactly what ``/api/ticket`` would sign for that session.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..auth.origins import SESSION_COOKIE
from ..auth.tickets import Ticket, TicketSigner
from ..client import fetch_ticket, login
from ..clock import CLOCK
from ..domain.base import Role
from ..store.directory import SESSION_TTL, Directory, token_hash
from ..store.models import (
    AgendaItemRow,
    AssemblyRow,
    DeviceRow,
    MeetingRow,
    PartyRow,
    PersonRow,
    SessionRow,
)

MEETING = "bench"
DISPLAY = "display"
PARTIES = (("A", "#b5121b"), ("B", "#1d5a9e"), ("C", "#006a3a"), ("D", "#8f7300"))


def member(i: int) -> str:
    return f"m{i}"


def seed_assembly(engine: Engine, seats: int, meeting: str = MEETING) -> None:
    """An assembly of ``seats`` members, all on their own seat, and one meeting."""
    with Session(engine) as s:
        s.add(AssemblyRow(id=meeting, name=f"Bench assembly ({seats})", settings=json.dumps({})))
        s.flush()
        for position, (pid, color) in enumerate(PARTIES):
            s.add(
                PartyRow(
                    id=pid, assembly_id=meeting, name=f"Party {pid}", color=color, position=position
                )
            )
        s.flush()
        s.add_all(
            PersonRow(
                id=member(i),
                assembly_id=meeting,
                name=f"Ledamot {i}",
                kind="member",
                party_id=PARTIES[i % len(PARTIES)][0],
                seat=i,
                gender="fm"[i % 2],
            )
            for i in range(1, seats + 1)
        )
        s.add(DeviceRow(id=DISPLAY, assembly_id=meeting, name="Salsskärm", role="display"))
        s.add(
            MeetingRow(
                id=meeting,
                assembly_id=meeting,
                title=f"Benchmark, {seats} platser",
                starts_at="2026-11-23T09:00",
                chair_id=member(1),
            )
        )
        s.flush()  # the meeting before its items: PostgreSQL checks the foreign key
        for position, title in enumerate(("Öppnande / Opening", "Beslut / Decisions")):
            s.add(
                AgendaItemRow(
                    meeting_id=meeting, position=position, item_id=str(position + 1), title=title
                )
            )
        s.commit()


@dataclass
class TicketBook:
    """Fresh tickets for people who hold a live session (tickets live 60 s)."""

    signer: TicketSigner
    meeting: str = MEETING
    sessions: dict[str, str] = field(default_factory=dict)  # principal -> session id hash

    def ticket(self, principal: str, role: Role = Role.DELEGATE) -> str:
        person = None if role in (Role.DISPLAY, Role.PUBLIC) else principal
        session = self.sessions[principal]
        return self.signer.mint(Ticket(session, principal, role, person, self.meeting))

    def public(self) -> str:
        return self.signer.mint(Ticket("", "public", Role.PUBLIC, None, self.meeting))


def open_sessions(engine: Engine, principals: Iterable[str], book: TicketBook) -> None:
    """Bulk path: one real session row per principal, as a login would create."""
    now = int(CLOCK.now())
    rows = []
    for principal in principals:
        id_hash = token_hash(secrets.token_urlsafe(32))
        rows.append(
            SessionRow(
                id_hash=id_hash, principal=principal, created_at=now, expires_at=now + SESSION_TTL
            )
        )
        book.sessions[principal] = id_hash
    with Session(engine) as s:
        s.add_all(rows)
        s.commit()


async def log_in_over_http(
    base_url: str,
    engine: Engine,
    principals: dict[str, str],
    book: TicketBook,
    concurrency: int = 32,
) -> dict[str, str]:
    """Client path: login link, session cookie, ``/api/ticket``; principal -> ticket.

    ``principals`` maps each principal to the role it asks for ("" for its
    default). Everyone logs in first and fetches tickets after, because
    tickets live 60 s and logging in a thousand people takes longer. Tickets
    are fetched in the order given: put the chair first, who opens the meeting.
    """
    directory = Directory(engine)
    gate = asyncio.Semaphore(concurrency)
    cookies: dict[str, str] = {}

    async def log_in(principal: str) -> None:
        async with gate:
            link = await asyncio.to_thread(directory.mint_login_link, principal)
            http = await login(base_url, link)
            try:
                cookies[principal] = http.cookies[SESSION_COOKIE]
                book.sessions[principal] = token_hash(cookies[principal])
            finally:
                await http.aclose()

    await asyncio.gather(*(log_in(p) for p in principals))
    tickets: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        for principal, role in principals.items():
            http.cookies.clear()
            http.cookies.set(SESSION_COOKIE, cookies[principal])
            tickets[principal] = await fetch_ticket(http, book.meeting, role)
    return tickets
