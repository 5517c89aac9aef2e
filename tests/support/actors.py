"""Log in as anyone of the demo assembly and connect to a hub."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy.engine import Engine

from voting_server.client import HubClient, fetch_ticket, login
from voting_server.store.directory import Directory


async def ticket_for(
    url: str, engine: Engine, principal: str, role: str = "", meeting: str = "demo"
) -> str:
    """A ticket for ``principal``; the meeting is opened first if it is not yet."""
    try:
        return await login_ticket(url, engine, principal, role, meeting)
    except PermissionError as refused:
        if refused.args[0] != "meeting.not_opened":
            raise
    await open_meeting(url, engine, meeting)
    return await login_ticket(url, engine, principal, role, meeting)


async def open_meeting(url: str, engine: Engine, meeting: str = "demo") -> None:
    """Open the meeting as its chair (or whoever else may): its log begins."""
    opener = Directory(engine).openers(meeting)[0]
    await login_ticket(url, engine, opener, "", meeting)


async def login_ticket(url: str, engine: Engine, principal: str, role: str, meeting: str) -> str:
    token = Directory(engine).mint_login_link(principal)
    http = await login(url, token)
    try:
        return await fetch_ticket(http, meeting, role)
    finally:
        await http.aclose()


async def connect_as(
    url: str,
    engine: Engine,
    principal: str,
    role: str = "",
    meeting: str = "demo",
    origin: str | None = None,
) -> HubClient:
    client = HubClient(url, await ticket_for(url, engine, principal, role, meeting), origin)
    await client.connect()
    await client.wait_for(lambda c: c.seq > 0)
    return client


@contextlib.asynccontextmanager
async def item_under_debate(
    url: str, engine: Engine, member: str = "m2", item: str = "3"
) -> AsyncIterator[tuple[HubClient, HubClient]]:
    """The chair and a checked-in member, with ``item`` under way; both closed after."""
    chair = await connect_as(url, engine, "m1", role="chair")
    person = await connect_as(url, engine, member)
    try:
        await person.command("attendance.check_in")
        await chair.command("agenda.start_item", item=item)
        yield chair, person
    finally:
        await chair.close()
        await person.close()
