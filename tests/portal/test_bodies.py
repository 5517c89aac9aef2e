"""A person in several bodies: the secretary gives a fullmäktige member a place in
a nämnd; the member's page, tickets and the nämnd's roster follow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.portal.web import enrolled_session
from tests.support.actors import connect_as, open_meeting
from tests.support.hubs import HubProcess
from voting_server.client import fetch_ticket
from voting_server.store.models import PersonRow
from voting_server.store.seed import NAMND

NAMND_PEOPLE = f"/portal/api/admin/assemblies/{NAMND}/people"
M27_IN_NAMND = {"id": "m27", "name": "ignored", "kind": "substitute", "party": "M", "order": 5}


@pytest.mark.any_day
async def test_a_fullmaktige_member_gets_a_place_in_a_namnd_and_sees_both_bodies(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    member, _ = await enrolled_session(hub.url, demo_engine, "m27")
    try:
        bodies = [a["id"] for a in (await secretary.get("/portal/api/admin/assemblies")).json()]
        before = (await member.get("/portal/api/me")).json()
        with pytest.raises(PermissionError):
            await fetch_ticket(member, NAMND)  # no place in the nämnd yet
        saved = await secretary.post(NAMND_PEOPLE, json=M27_IN_NAMND)
        after = (await member.get("/portal/api/me")).json()
        await open_meeting(hub.url, demo_engine, NAMND)
        client = await connect_as(hub.url, demo_engine, "m27", meeting=NAMND)
        try:
            welcome = client.welcome
            roster_entry = client.view["roster"]["people"]["m27"]
        finally:
            await client.close()
        own_body = await secretary.post("/portal/api/admin/assemblies/demo/people/m27/remove-place")
        removed = await secretary.post(f"{NAMND_PEOPLE}/m27/remove-place")
        gone = (await member.get("/portal/api/me")).json()
    finally:
        await secretary.aclose()
        await member.aclose()

    assert bodies == ["demo", NAMND]  # sekr is the nämnd's secretary too
    assert [b["id"] for b in before["me"]["bodies"]] == ["demo"]
    assert NAMND not in {m["id"] for m in before["meetings"]}  # a nämnd meets behind closed doors
    assert saved.status_code == 200, saved.text
    listed = {p["id"]: p for p in saved.json()}
    assert listed["m27"]["kind"] == "substitute" and listed["m27"]["home"] == "demo"
    assert listed["m27"]["name"] != "ignored"  # the name stays as the own body has it
    with Session(demo_engine) as s:
        own = s.get(PersonRow, "m27")
        assert own is not None and (own.assembly_id, own.kind, own.seat) == ("demo", "member", 27)
    places = {b["id"]: b for b in after["me"]["bodies"]}
    assert places["demo"]["kind"] == "member" and places["demo"]["seat"] == 27
    assert places[NAMND]["kind"] == "substitute" and places[NAMND]["body_kind"] == "namnd"
    nämnd_meeting = next(m for m in after["meetings"] if m["id"] == NAMND)
    assert nämnd_meeting["body"].startswith("Hälso- och sjukvårdsnämnden")
    assert nämnd_meeting["chamber"] == f"/m/{NAMND}/tablet"
    assert welcome["role"] == "delegate"
    assert roster_entry["kind"] == "substitute" and roster_entry["party"] == "M"
    assert own_body.status_code == 409 and own_body.json()["error"] == "person.own_body"
    assert removed.status_code == 200 and "m27" not in {p["id"] for p in removed.json()}
    assert [b["id"] for b in gone["me"]["bodies"]] == ["demo"]


async def test_a_secretary_of_one_body_cannot_seat_people_in_another(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    """n1 chairs the nämnd but is nobody's secretary; the demo's secretary is not the
    e-board's: a place is given only by the secretary of the body it is in."""
    hub = start_hub()
    with Session(demo_engine) as s:
        n2 = s.get(PersonRow, "n2")
        assert n2 is not None
        n2.roles = "secretary"  # the nämnd's own secretary, with no place in fullmäktige
        s.add(n2)
        s.commit()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "n2")
    try:
        into_fullmaktige = await secretary.post(
            "/portal/api/admin/assemblies/demo/people",
            json={"id": "n2", "name": "N", "kind": "member", "party": "S", "seat": 72},
        )
        into_namnd = await secretary.post(NAMND_PEOPLE, json=M27_IN_NAMND)
    finally:
        await secretary.aclose()
    assert into_fullmaktige.status_code == 403
    assert into_fullmaktige.json()["error"] == "auth.other_assembly"
    assert into_namnd.status_code == 200  # the nämnd's secretary seats m27 in the nämnd
