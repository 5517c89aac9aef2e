"""Meetings in the members' calendars (iCalendar, RFC 5545).

Each meeting is one event whose UID never changes, so that a calendar that
reads it again moves or renames it rather than adding another. A member's
feed has a secret address of its own (a calendar application cannot log
in); asking for a new one ends the old. Times are Swedish (Europe/Stockholm,
with its VTIMEZONE in the file).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..domain.swedish_time import STOCKHOLM, parse_instant
from ..store.directory import token_hash
from ..store.models import AgendaItemRow, AssemblyRow, MeetingRow, settings_of
from ..store.places import place, places_of
from ..store.portal_models import CalendarFeedRow
from .errors import forbidden, not_found

#: A meeting's length in the calendar when nothing says otherwise.
DEFAULT_LENGTH = timedelta(hours=3)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Ordet//Sammanträden//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Stockholm")
    return cal


def _event(s: Session, meeting: MeetingRow, body: str, base_url: str) -> Event | None:
    if not meeting.starts_at:
        return None
    try:
        start = parse_instant(meeting.starts_at).astimezone(STOCKHOLM)
    except ValueError:
        return None
    items = s.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == meeting.id)
        .order_by(col(AgendaItemRow.position))
    ).all()
    event = Event()
    event.add("uid", f"{meeting.id}@ordet")
    event.add("dtstamp", datetime.fromtimestamp(CLOCK.now(), STOCKHOLM))
    event.add("dtstart", start)
    event.add("dtend", start + DEFAULT_LENGTH)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    agenda = "\n".join(f"{n}. {i.title}" for n, i in enumerate(items, start=1))
    event.add("description", f"{body}\n\nFöredragningslista:\n{agenda}".strip())
    if base_url:
        event.add("url", f"{base_url}/portal/")
    return event


def meeting_calendar(engine: Engine, meeting_id: str, person: str, base_url: str) -> bytes:
    """One meeting, to add to a calendar: for those with a place in its body, or anyone
    when the body meets in public."""
    with Session(engine) as s:
        meeting = s.get(MeetingRow, meeting_id)
        body = s.get(AssemblyRow, meeting.assembly_id) if meeting else None
        if meeting is None or body is None:
            raise not_found("meeting.unknown", "no such meeting")
        public = settings_of(body.settings).get("public") is not False
        if not public and place(s, person, body.id) is None:
            raise forbidden("auth.other_assembly", "not a meeting of your body")
        cal = _calendar(body.name)
        event = _event(s, meeting, body.name, base_url)
        if event is None:
            raise not_found("meeting.no_time", "the meeting has no time yet")
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def person_calendar(engine: Engine, person: str, base_url: str) -> bytes:
    """Every meeting of every body a person sits in."""
    with Session(engine) as s:
        bodies = {p.assembly_id for p in places_of(s, person)}
        names = {
            a.id: a.name for a in s.exec(select(AssemblyRow).where(col(AssemblyRow.id).in_(bodies)))
        }
        cal = _calendar("Ordet – mina sammanträden")
        meetings = s.exec(
            select(MeetingRow)
            .where(col(MeetingRow.assembly_id).in_(bodies))
            .order_by(col(MeetingRow.starts_at))
        ).all()
        for meeting in meetings:
            event = _event(s, meeting, names.get(meeting.assembly_id, ""), base_url)
            if event is not None:
                cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def new_feed(engine: Engine, person: str) -> str:
    """A new secret address for a person's feed; the old one stops working."""
    token = secrets.token_urlsafe(24)
    with Session(engine) as s:
        s.merge(
            CalendarFeedRow(
                person_id=person, token_hash=token_hash(token), created_at=int(CLOCK.now())
            )
        )
        s.commit()
    return token


def end_feed(engine: Engine, person: str) -> None:
    """The person's feed address stops working (logged out everywhere, factor reset)."""
    with Session(engine) as s:
        row = s.get(CalendarFeedRow, person)
        if row is not None:
            s.delete(row)
            s.commit()


def feed_owner(engine: Engine, token: str) -> str:
    with Session(engine) as s:
        row = s.exec(
            select(CalendarFeedRow).where(CalendarFeedRow.token_hash == token_hash(token))
        ).first()
    if row is None:
        raise not_found("calendar.unknown_feed", "no such calendar; make a new address")
    return row.person_id
