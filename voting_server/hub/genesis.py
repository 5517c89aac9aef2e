"""The first entries of a meeting's log: the roster and agenda, how the meeting
was called and its handlingar, then the assembly's own rules from its settings
(debate, seating, justering)."""

from __future__ import annotations

import logging
from typing import Any, cast

import speaker_queue

from ..domain.base import Event
from ..domain.bodies import BodyRuleError, body_kind, substitute_orders
from ..domain.justering.events import MinutesRulesSet
from ..domain.meeting.events import (
    AgendaItem,
    DocumentsFiled,
    FiledDocument,
    NoticeRecord,
    NoticesRecorded,
    SeatingRulesSet,
    SubstituteOrderSet,
)
from ..domain.meeting.rules import open_meeting
from ..domain.notice import NoticeChange
from ..domain.roster import Roster
from ..domain.wire import from_wire

log = logging.getLogger("ordet.hub")


def genesis_events(
    meeting_id: str,
    title: str,
    roster: Roster,
    agenda: tuple[AgendaItem, ...],
    settings: dict[str, Any],
    documents: tuple[FiledDocument, ...] = (),
    notices: tuple[tuple[NoticeRecord, ...], tuple[NoticeChange, ...]] = ((), ()),
) -> list[Event]:
    events = open_meeting(meeting_id, title, roster, agenda)
    if notices[0]:
        events.append(NoticesRecorded(*notices))
    if documents:
        events.append(DocumentsFiled(documents))
    debate = settings.get("debate")
    if isinstance(debate, dict):
        rules = from_wire(speaker_queue.DebateSettings, debate)
        events.append(cast(Event, speaker_queue.DebateSettingsChanged(rules)))
    events += seating_rules(meeting_id, roster, settings)
    minutes = settings.get("minutes")
    if isinstance(minutes, dict):
        events.append(minutes_rules(minutes))
    return events


def seating_rules(meeting_id: str, roster: Roster, settings: dict[str, Any]) -> list[Event]:
    """The late-member rule, and a nämnd's ersättarordning (written only when it has one)."""
    seating = settings.get("seating")
    if not isinstance(seating, dict):
        return []
    events: list[Event] = []
    if seating.get("late_member") in ("waits", "at_once"):
        events.append(SeatingRulesSet(seating["late_member"] == "waits"))
    try:
        kind = body_kind(settings.get("body"))
        parties = {party.id for party in roster.parties}
        orders = substitute_orders(kind, seating.get("substitute_order"), parties)
    except BodyRuleError as refused:
        # Saved settings are checked; these came around the portal. Own party only is lawful.
        log.error("meeting %s: ersättarordning not applied: %s", meeting_id, refused.message)
        return events
    if orders:
        events.append(SubstituteOrderSet(orders))
    return events


def minutes_rules(settings: dict[str, Any]) -> MinutesRulesSet:
    """The assembly's justering rules within the law; a value out of range gives the default."""
    days, count = settings.get("justering_days"), settings.get("justerare")
    valid_days = isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= 14
    valid_count = count in (1, 2) and not isinstance(count, bool)
    return MinutesRulesSet(
        days if valid_days else 14,  # type: ignore[arg-type]
        count if valid_count else 2,  # type: ignore[arg-type]
    )
