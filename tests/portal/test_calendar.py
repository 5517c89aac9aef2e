"""Meetings in calendars: one meeting's file from the portal, and a member's feed
at a secret address, in Swedish time summer and winter alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
from icalendar import Calendar
from sqlalchemy.engine import Engine

from tests.portal.web import enrolled_session
from tests.support.hubs import HubProcess
from voting_server.store.seed import NAMND


def events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


async def test_a_meeting_goes_into_a_calendar_in_swedish_time(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    member, _ = await enrolled_session(hub.url, demo_engine, "m2")
    outsider, _ = await enrolled_session(hub.url, demo_engine, "n1")
    try:
        for meeting, starts in (
            ("rf-summer", "2031-07-01T09:00"),
            ("rf-winter", "2031-12-01T09:00"),
        ):
            saved = await secretary.post(
                "/portal/api/admin/assemblies/demo/meetings",
                json={
                    "id": meeting,
                    "title": "Regionfullmäktige",
                    "starts_at": starts,
                    "chair": "m1",
                    "items": [{"id": "1", "title": "Budget"}],
                },
            )
            assert saved.status_code == 200, saved.text
        summer = await member.get("/portal/api/meetings/rf-summer/calendar.ics")
        winter = await member.get("/portal/api/meetings/rf-winter/calendar.ics")
        public = await outsider.get("/portal/api/meetings/rf-summer/calendar.ics")
        closed = await member.get(f"/portal/api/meetings/{NAMND}/calendar.ics")
    finally:
        for http in (secretary, member, outsider):
            await http.aclose()
    assert summer.status_code == 200 and summer.headers["content-type"].startswith("text/calendar")
    [event] = events(summer.content).values()
    start = event["dtstart"].dt  # type: ignore[index]
    assert str(event["uid"]) == "rf-summer@ordet"  # type: ignore[index]
    assert (start.hour, start.utcoffset()) == (9, timedelta(hours=2))
    assert "1. Budget" in str(event["description"])  # type: ignore[index]
    [winter_event] = events(winter.content).values()
    assert winter_event["dtstart"].dt.utcoffset() == timedelta(hours=1)  # type: ignore[index]
    assert b"BEGIN:VTIMEZONE" in summer.content and b"Europe/Stockholm" in summer.content
    assert public.status_code == 200  # fullmäktige meets in public
    assert closed.status_code == 403  # a nämnd behind closed doors: only its own people


async def test_a_members_feed_holds_every_body_and_a_new_address_ends_the_old(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    member, _ = await enrolled_session(hub.url, demo_engine, "m33")  # fullmäktige and the nämnd
    anonymous = httpx.AsyncClient(base_url=hub.url)
    try:
        first = (await member.post("/portal/api/calendar-feed", json={})).json()["url"]
        feed = await anonymous.get(first)
        second = (await member.post("/portal/api/calendar-feed", json={})).json()["url"]
        old = await anonymous.get(first)
        new = await anonymous.get(second)
    finally:
        await member.aclose()
        await anonymous.aclose()
    assert feed.status_code == 200, feed.text
    assert {"demo@ordet", f"{NAMND}@ordet"} <= set(events(feed.content))
    assert first != second
    assert old.status_code == 404 and old.json()["error"] == "calendar.unknown_feed"
    assert new.status_code == 200


async def test_logging_out_everywhere_or_a_reset_ends_the_feed_address(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    """A member who fears someone else has their devices ends the feed with the sessions."""
    hub = start_hub()
    member, _ = await enrolled_session(hub.url, demo_engine, "m2")
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    other, _ = await enrolled_session(hub.url, demo_engine, "m3")
    anonymous = httpx.AsyncClient(base_url=hub.url)
    try:
        mine = (await member.post("/portal/api/calendar-feed", json={})).json()["url"]
        theirs = (await other.post("/portal/api/calendar-feed", json={})).json()["url"]
        await member.post("/portal/api/logout-everywhere", json={})
        after_logout = await anonymous.get(mine)
        still = await anonymous.get(theirs)
        reset = await secretary.post(
            "/portal/api/admin/people/m3/reset-second-factor", json={"reason": "lost phone"}
        )
        after_reset = await anonymous.get(theirs)
    finally:
        for http in (member, secretary, other, anonymous):
            await http.aclose()
    assert after_logout.status_code == 404 and still.status_code == 200
    assert reset.status_code == 200, reset.text
    assert after_reset.status_code == 404
