"""Justering (verification of the minutes) as events and commands in the meeting's log.

``SignMinutes`` is deliberately not a wire command: a signature needs a TOTP
step-up, which only the HTTP route ``POST /api/meetings/{m}/minutes/sign``
performs before it hands the command to the meeting's Room. Electing the
justerare is an ordinary command the chair or the secretary sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import PRESIDIUM, Command, Event, Role

#: The two roles a signature is given in.
CHAIR = "chair"
JUSTERARE = "justerare"


@dataclass(frozen=True, slots=True)
class JusterareElected(Event):
    """The meeting chose the members who verify the minutes with the chair."""

    type = "minutes.justerare_elected"
    persons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MinutesSigned(Event):
    """A signatory verified the minutes, or one paragraph of them (omedelbar justering).

    ``paragraph`` is an agenda item id, or "" for the whole minutes;
    ``document_hash`` is the hex SHA-256 of the exact HTML bytes the signatory
    verified (``minutes_html.render_document`` or ``render_paragraph``);
    ``signed_at`` is epoch milliseconds.
    """

    type = "minutes.signed"
    paragraph: str
    person: str
    role: str
    document_hash: str
    signed_at: int


@dataclass(frozen=True, slots=True)
class ElectJusterare(Command):
    """Record the two justerare the meeting elected."""

    type = "minutes.elect_justerare"
    roles = PRESIDIUM
    persons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SignMinutes(Command):
    """Sign the minutes (``paragraph`` "") or one finished paragraph, by its hash.

    Built only by the signing route, after the signatory's TOTP step-up.
    """

    type = "minutes.sign"
    roles = frozenset({Role.CHAIR, Role.DELEGATE})
    paragraph: str
    document_hash: str


@dataclass(frozen=True, slots=True)
class MinutesRulesSet(Event):
    """What the assembly decides of the justering, written at the opening.

    ``justering_days``: the period from the meeting's close (at most the law's
    14 days); ``justerare``: how many members verify with the chair (one or
    two). A log without it has the defaults.
    """

    type = "minutes.rules_set"
    justering_days: int = 14
    justerare: int = 2


@dataclass(frozen=True, slots=True)
class NoticePosted(Event):
    """The notice that the minutes are verified was posted on the anslagstavla.

    ``day`` is the Swedish date it was actually posted (ISO), as the secretary
    recorded it; the appeal period runs from that day.
    """

    type = "minutes.notice_posted"
    day: str


@dataclass(frozen=True, slots=True)
class RecordNotice(Command):
    """Record the day the notice of the verified minutes was posted."""

    type = "minutes.record_notice"
    roles = frozenset({Role.SECRETARY})
    day: str


JUSTERING_EVENTS: tuple[type[Event], ...] = (
    JusterareElected,
    MinutesSigned,
    MinutesRulesSet,
    NoticePosted,
)
#: Commands a client may send over the protocol (SignMinutes is not one of them).
JUSTERING_WIRE_COMMANDS: tuple[type[Command], ...] = (ElectJusterare, RecordNotice)
JUSTERING_COMMANDS: tuple[type[Command], ...] = (ElectJusterare, SignMinutes, RecordNotice)
