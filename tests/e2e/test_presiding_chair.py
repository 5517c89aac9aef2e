"""The chair changes hands in the log; the console, the casting vote and the signature follow."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
import websockets
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as, ticket_for
from tests.support.hubs import HubProcess
from voting_server.audit import minutes_report
from voting_server.client import HubClient, login
from voting_server.store.archive import Archive
from voting_server.store.directory import Directory


async def test_a_handover_moves_the_console_and_the_casting_vote(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    vice_ticket_before = await ticket_for(hub.url, demo_engine, "m27")  # a delegate's, for now
    assert vice_ticket_before
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(2, 37)]
    await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
    # The vice ordförande may not open a console while the ordförande presides.
    http = await login(hub.url, Directory(demo_engine).mint_login_link("m27"))
    try:
        refused = await http.get("/api/ticket", params={"meeting": "demo", "role": "chair"})
        assert refused.status_code == 403 and refused.json()["error"] == "chair.not_presiding"
        await chair.command("agenda.start_item", item="3")
        await chair.command("chair.hand_over", to="m27")
        # The old console is closed at once; its ticket opens no console again.
        closed = await chair.wait_closed()
        assert closed is not None and closed.rcvd is not None and closed.rcvd.code == 4403
        said = [f.get("code") for f in chair.frames if f["type"] == "error"]
        assert said == ["chair.not_presiding"]
        with pytest.raises(websockets.InvalidStatus):
            await chair.connect()
        granted = await http.get("/api/ticket", params={"meeting": "demo", "role": "chair"})
        assert granted.status_code == 200, granted.text
        vice = HubClient(hub.url, granted.json()["ticket"])
        await vice.connect()
        await vice.wait_for(lambda c: c.view.get("meeting", {}).get("presiding") == "m27")
    finally:
        await http.aclose()

    # The casting vote is the presiding member's: m27 votes nej and breaks the tie.
    await vice.command("vote.open", question="Bifall till budgeten?")
    await vice.wait_for(lambda c: "current_vote" in c.view)
    vote = vice.view["current_vote"]
    ja = [m for m in members if m.welcome["person"] in {f"m{i}" for i in range(2, 19)}]
    nej = [m for m in members if m.welcome["person"] in {f"m{i}" for i in range(19, 27)}]
    nej += [m for m in members if m.welcome["person"] in {f"m{i}" for i in range(28, 36)}]
    [m36] = [m for m in members if m.welcome["person"] == "m36"]
    await m36.command("vote.cast", vote=vote, choice="avstar")  # 17 ja, 17 nej with the chair's
    await asyncio.gather(*(m.command("vote.cast", vote=vote, choice="ja") for m in ja))
    await asyncio.gather(*(m.command("vote.cast", vote=vote, choice="nej") for m in nej))
    await vice.command("vote.cast", vote=vote, choice="nej")
    await vice.command("vote.close", vote=vote)
    await vice.wait_for(lambda c: c.view["votes"]["votes"][vote]["status"] == "closed")
    result = vice.view["votes"]["votes"][vote]["result"]
    assert result == {"status": "decided", "decided_by": "casting_vote", "choice": "nej"}
    await vice.command("agenda.finish_item")
    await vice.command("meeting.adjourn")

    document = minutes_report.render(minutes_report.pairs_of(Archive(demo_engine).read("demo")))
    assert document.status.chairs == ("m1", "m27")  # each who presided signs as chair
    assert 'class="ordforande" data-person="m27"' in document.document.decode()
    for client in (vice, *members):
        await client.close()


async def test_an_alderspresident_outside_the_presidium_gets_the_console(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(2, 37)]
    await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
    await chair.command("chair.hand_over", to="m5")  # none of the presidium: the eldest
    assert await chair.wait_closed() is not None  # the old console closes at once
    http = await login(hub.url, Directory(demo_engine).mint_login_link("m5"))
    try:
        granted = await http.get("/api/ticket", params={"meeting": "demo", "role": "chair"})
        assert granted.status_code == 200, granted.text
    finally:
        await http.aclose()
    eldest = HubClient(hub.url, granted.json()["ticket"])
    await eldest.connect()
    await eldest.command("agenda.start_item", item="1")
    for client in (eldest, *members):
        await client.close()
