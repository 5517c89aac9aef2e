"""Justering rules: who verifies the minutes, and what a verified paragraph freezes.

Pure, like the other rule modules: a command and the folded meeting in,
events out or a DomainError. The aggregate folds ``JusteringState`` from
the justering events and asks ``guard`` before any other command, so that
nothing can change a paragraph once it is verified.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..base import Actor, Event
from ..deadlines import JUSTERING_DAYS, MinutesDeadlines, minutes_deadlines
from ..errors import DomainError, InvalidState, NotAllowed
from ..roster import PersonKind
from ..swedish_time import swedish_day
from .events import (
    CHAIR,
    JUSTERARE,
    ElectJusterare,
    JusterareElected,
    MinutesRulesSet,
    MinutesSigned,
    NoticePosted,
    RecordNotice,
    SignMinutes,
)

if TYPE_CHECKING:
    from ..aggregate import Meeting

_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass
class JusteringState:
    """The elected justerare, every signature so far in log order, and the notice."""

    justerare: tuple[str, ...] = ()
    signatures: list[MinutesSigned] = field(default_factory=list)
    period_days: int = JUSTERING_DAYS
    justerare_count: int = 2  # one or two, as the assembly decides
    notice_posted: date | None = None

    def apply(self, event: Event, at: int) -> None:
        if isinstance(event, JusterareElected):
            self.justerare = event.persons
        elif isinstance(event, MinutesSigned):
            self.signatures.append(event)
        elif isinstance(event, MinutesRulesSet):
            self.period_days, self.justerare_count = event.justering_days, event.justerare
        elif isinstance(event, NoticePosted):
            self.notice_posted = date.fromisoformat(event.day)

    def verified_at(self, chairs: Iterable[str]) -> int | None:
        """When the last of those who presided and both justerare signed the whole minutes."""
        whole = {s.person: s.signed_at for s in self.signatures if s.paragraph == ""}
        needed = {*chairs, *self.justerare}
        if len(self.justerare) != self.justerare_count or not needed <= whole.keys():
            return None
        return max(whole[p] for p in needed)

    def deadlines(self, chairs: Iterable[str], adjourned_at: int | None) -> MinutesDeadlines:
        verified = self.verified_at(chairs)
        return minutes_deadlines(
            closed_on=swedish_day(adjourned_at) if adjourned_at is not None else None,
            verified_on=swedish_day(verified) if verified is not None else None,
            notice_posted=self.notice_posted,
            justering_days=self.period_days,
        )

    def signed_paragraphs(self) -> set[str]:
        """Items verified at once (omedelbar justering); "" when the whole minutes were."""
        return {s.paragraph for s in self.signatures}

    def signature(self, person: str, paragraph: str) -> MinutesSigned | None:
        return next(
            (s for s in self.signatures if s.person == person and s.paragraph == paragraph), None
        )


def signatory_role(meeting: Meeting, person: str) -> str | None:
    """``chair`` or ``justerare`` for the people who verify these minutes, else None."""
    if person and person in meeting.core.presided:  # each who presided signs as chair
        return CHAIR
    if person in meeting.justering.justerare:
        return JUSTERARE
    return None


def decide(meeting: Meeting, command: Any, actor: Actor, now: int) -> list[Event]:
    return _DECIDE[type(command)](meeting, command, actor, now)


def _elect(meeting: Meeting, c: ElectJusterare, actor: Actor, now: int) -> list[Event]:
    core = meeting.core
    if not core.opened:
        raise InvalidState("meeting.not_opened", "the meeting has not been opened")
    if meeting.justering.signatures:
        raise InvalidState("minutes.signing_started", "the minutes are being verified already")
    persons = tuple(c.persons)
    wanted = meeting.justering.justerare_count
    if len(persons) != wanted or len(set(persons)) != wanted:
        raise DomainError("minutes.justerare_count", f"name {wanted} different justerare")
    for person in persons:
        found = core.roster.person(person)
        if found is None or found.kind is PersonKind.OFFICIAL:
            raise InvalidState("person.unknown", f"{person} is not on this meeting's roster")
        if person in core.presided:
            raise DomainError(
                "minutes.chair_not_justerare", "the chair verifies the minutes anyway"
            )
        if not core.intervals.get(person):
            raise InvalidState("minutes.justerare_absent", f"{person} has not attended the meeting")
    return [JusterareElected(persons)]


def _sign(meeting: Meeting, c: SignMinutes, actor: Actor, now: int) -> list[Event]:
    core, state = meeting.core, meeting.justering
    person = actor.person or ""
    if not core.opened:
        raise InvalidState("meeting.not_opened", "the meeting has not been opened")
    if len(state.justerare) != state.justerare_count:
        raise InvalidState("minutes.no_justerare", "the justerare have not been elected")
    role = signatory_role(meeting, person)
    if role is None:
        raise NotAllowed("minutes.not_a_signatory", "only the chair and the justerare sign")
    if not _HASH.fullmatch(c.document_hash):
        raise DomainError("minutes.bad_hash", "the document hash is 64 lowercase hex digits")
    if c.paragraph == "":
        if not core.adjourned:
            raise InvalidState("minutes.meeting_not_closed", "sign the minutes after the meeting")
    elif c.paragraph not in core.finished_items:
        raise InvalidState("minutes.paragraph_not_finished", "only a finished item can be signed")
    if state.signature(person, c.paragraph) is not None:
        raise InvalidState("minutes.already_signed", "you have signed this already")
    earlier = [s for s in state.signatures if s.paragraph == c.paragraph]
    if any(s.document_hash != c.document_hash for s in earlier):
        raise InvalidState(
            "minutes.hash_differs", "another signatory verified a different document"
        )
    return [MinutesSigned(c.paragraph, person, role, c.document_hash, now)]


def _record_notice(meeting: Meeting, c: RecordNotice, actor: Actor, now: int) -> list[Event]:
    core, state = meeting.core, meeting.justering
    deadlines = state.deadlines(core.presided, core.adjourned_at)
    if deadlines.verified_on is None:
        raise InvalidState("minutes.not_verified", "the minutes have not been verified yet")
    if state.notice_posted is not None:
        raise InvalidState("minutes.notice_recorded", "the notice has been recorded already")
    try:
        day = date.fromisoformat(c.day)
    except ValueError:
        raise DomainError("minutes.bad_date", "give the day as YYYY-MM-DD") from None
    if day < deadlines.verified_on:
        raise DomainError("minutes.notice_before_justering", "the notice follows the justering")
    if day > swedish_day(now):
        raise DomainError("minutes.notice_in_future", "record the notice once it is posted")
    return [NoticePosted(day.isoformat())]


def guard(meeting: Meeting, command: Any) -> None:
    """Refuse a command that would change a verified paragraph (or verified minutes)."""
    signed = meeting.justering.signed_paragraphs()
    if not signed or isinstance(command, SignMinutes | RecordNotice):
        return
    if "" in signed:
        raise InvalidState("minutes.verified", "the minutes are verified and cannot change")
    item = _item_of(meeting, command)
    if item is not None and item in signed:
        raise InvalidState(
            "minutes.paragraph_verified", f"the paragraph of item {item} is verified"
        )


def _item_of(meeting: Meeting, command: Any) -> str | None:
    """The agenda item a command concerns, through its item, vote or procedure."""
    item = getattr(command, "item", None)
    if isinstance(item, str) and item:
        return item
    vote = getattr(command, "vote", None)
    if isinstance(vote, str) and vote in meeting.votes.votes:
        return meeting.votes.votes[vote].opened.item
    procedure = getattr(command, "procedure", None)
    if isinstance(procedure, str) and procedure in meeting.votes.procedures:
        return meeting.votes.procedures[procedure].started.item
    return None


_DECIDE: dict[type, Callable[[Meeting, Any, Actor, int], list[Event]]] = {
    ElectJusterare: _elect,
    SignMinutes: _sign,
    RecordNotice: _record_notice,
}
