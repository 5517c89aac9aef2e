"""The member's page lists what the log says: my meetings, my ballots, and what is left to do."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from tests.portal.web import enrolled_session
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.clock import CLOCK
from voting_server.domain.deadlines import deadline
from voting_server.portal.overview import overview
from voting_server.store.seed import add_demo_meeting


def page_of(engine: Engine, person: str) -> dict:  # type: ignore[type-arg]
    return overview(engine, person, CLOCK.today())


@pytest.mark.any_day
async def test_the_justerare_and_the_chair_see_the_minutes_they_must_sign(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    today = CLOCK.today()
    add_demo_meeting(demo_engine, "next-week", today + timedelta(days=7))
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    members = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(2, 41)]
    await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
    await chair.command("agenda.start_item", item="2")
    await chair.command("minutes.elect_justerare", persons=["m2", "m3"])
    await chair.command("agenda.finish_item")
    await chair.command("agenda.start_item", item="3")
    vote = await chair.command("vote.open", question="Bifall till budgeten?")
    await chair.wait_for(lambda c: "current_vote" in c.view)
    vote_id = chair.view["current_vote"]
    await members[0].command("vote.cast", vote=vote_id, choice="ja")
    for other in members[3:5]:  # m5 and m6 carry the day
        await other.command("vote.cast", vote=vote_id, choice="nej")
    assert vote > 0
    await chair.command("vote.close", vote=vote_id)
    await members[0].command("decision.reserve", vote=vote_id)  # the reason comes later
    await chair.command("agenda.finish_item")

    running = page_of(demo_engine, "m2")
    assert running["justering"] == []  # not before the adjournment
    assert [m["id"] for m in running["today"]] == ["demo"]
    assert running["today"][0]["status"] == "running"
    assert running["today"][0]["chamber"] == "/m/demo/tablet"
    assert [m["id"] for m in running["upcoming"]] == ["next-week"]
    assert "console" not in running["today"][0]
    assert page_of(demo_engine, "m1")["today"][0]["console"] == "/m/demo/chair"
    await chair.command("meeting.adjourn")

    page = page_of(demo_engine, "m2")
    [card] = page["today"]
    assert card["status"] == "closed"
    assert [(b["question"], b["ballot"]["choice"]) for b in card["ballots"]] == [
        ("Bifall till budgeten?", "ja")
    ]
    assert card["attendance"][0]["left"] is not None  # the adjournment ends every stay
    todo = {t["kind"]: t for t in card["todo"]}
    assert todo["justering"]["role"] == "justerare"
    assert todo["justering"]["justering_by"] == deadline(today, timedelta(days=14)).isoformat()
    assert todo["justering"]["justering_days_left"] == (deadline(today, timedelta(14)) - today).days
    assert todo["reservation_reason"]["question"] == "Bifall till budgeten?"
    assert [(j["meeting"], j["role"]) for j in page["justering"]] == [("demo", "justerare")]
    assert page["votes"][0]["ballot"]["choice"] == "ja"

    # A day later the meeting is a past one, with the same things left to do.
    later = overview(demo_engine, "m2", today + timedelta(days=1))
    assert later["today"] == [] and [m["id"] for m in later["past"]] == ["demo"]
    assert (
        later["past"][0]["todo"][0]["justering_days_left"]
        == todo["justering"]["justering_days_left"] - 1
    )

    # The written reason comes after the meeting, from the portal, into the minutes.
    http, _ = await enrolled_session(hub.url, demo_engine, "m2")
    other, _ = await enrolled_session(hub.url, demo_engine, "m5")
    try:
        url = "/api/meetings/demo/reservations/reason"
        reason = "Budgeten saknar finansiering."
        not_mine = await other.post(url, json={"vote": vote_id, "reason": reason})
        assert not_mine.status_code == 409 and not_mine.json()["error"] == "reservation.none"
        given = await http.post(url, json={"vote": vote_id, "reason": reason})
        assert given.status_code == 200, given.text
        minutes = (await http.get("/api/meetings/demo/minutes.html")).text
    finally:
        await http.aclose()
        await other.aclose()
    assert reason in minutes
    kinds = [t["kind"] for t in page_of(demo_engine, "m2")["today"][0]["todo"]]
    assert kinds == ["justering"]  # the reason is no longer to do
    assert page_of(demo_engine, "m1")["justering"][0]["role"] == "chair"
    assert page_of(demo_engine, "m4")["justering"] == []
    assert page_of(demo_engine, "m4")["today"][0]["ballots"] == []
    for client in (chair, *members):
        await client.close()
