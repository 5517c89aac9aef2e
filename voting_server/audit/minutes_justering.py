"""The justering of the minutes: who signed what, whether each signature still
holds for the document as generated now, and the deadlines that follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.deadlines import MinutesDeadlines, minutes_deadlines
from ..domain.justering.events import CHAIR
from ..domain.justering.state import JusteringState
from ..domain.swedish_time import swedish_day
from .minutes_model import Minutes, Pair


@dataclass(frozen=True)
class Signature:
    paragraph: str
    person: str
    name: str
    role: str
    document_hash: str
    signed_at: int
    holds: bool  # the hash is that of the document as it reads now


@dataclass(frozen=True)
class JusteringStatus:
    """Who signed what, whether it still holds, and the notice and appeal dates."""

    document_hash: str
    paragraph_hashes: dict[str, str]
    chair: str
    justerare: tuple[str, ...]
    chairs: tuple[str, ...]  # everyone who presided; each signs as chair
    signatures: tuple[Signature, ...]
    verified: bool  # the chair and both justerare signed this very document
    verified_paragraphs: tuple[str, ...]
    verified_at: int | None
    deadlines: MinutesDeadlines  # justering, notice and appeal period (domain/deadlines.py)

    @property
    def notice_date(self) -> date | None:
        """The day the notice was posted on the anslagstavla, once recorded."""
        return self.deadlines.notice_posted

    @property
    def appeal_ends(self) -> date | None:
        return self.deadlines.appeal_ends

    def signatories(self) -> list[tuple[str, str]]:
        """(person, role) of everyone who is to sign the whole minutes."""
        return [(c, CHAIR) for c in self.chairs] + [(p, "justerare") for p in self.justerare]


def justering_of(pairs: Iterable[Pair]) -> JusteringState:
    """The justerare, signatures, period and notice recorded in a log."""
    state = JusteringState()
    for event, at in pairs:
        state.apply(event, at)
    return state


def justering_status(
    minutes: Minutes,
    justering: JusteringState,
    document_hash: str,
    paragraph_hashes: dict[str, str],
) -> JusteringStatus:
    """Check every signature against the document (or paragraph) as generated now."""

    def current(paragraph: str) -> str:
        return document_hash if paragraph == "" else paragraph_hashes.get(paragraph, "")

    rows = tuple(
        Signature(
            s.paragraph,
            s.person,
            minutes.name(s.person),
            s.role,
            s.document_hash,
            s.signed_at,
            s.document_hash == current(s.paragraph),
        )
        for s in justering.signatures
    )
    needed = {*minutes.chairs, *minutes.justerare}

    def complete(paragraph: str) -> list[Signature]:
        holding = [r for r in rows if r.paragraph == paragraph and r.holds]
        enough = len(minutes.justerare) == justering.justerare_count
        if enough and needed <= {r.person for r in holding}:
            return holding
        return []

    whole = complete("")
    verified_at = max(r.signed_at for r in whole) if whole else None
    deadlines = minutes_deadlines(
        closed_on=swedish_day(minutes.adjourned_at) if minutes.adjourned_at else None,
        verified_on=swedish_day(verified_at) if verified_at else None,
        notice_posted=justering.notice_posted if verified_at else None,
        justering_days=justering.period_days,
    )
    return JusteringStatus(
        document_hash=document_hash,
        paragraph_hashes=paragraph_hashes,
        chair=minutes.chair,
        chairs=tuple(minutes.chairs),
        justerare=minutes.justerare,
        signatures=rows,
        verified=bool(whole),
        verified_paragraphs=tuple(p.item for p in minutes.paragraphs if complete(p.item)),
        verified_at=verified_at,
        deadlines=deadlines,
    )


def deadlines_json(d: MinutesDeadlines, today: date) -> dict[str, Any]:
    """The deadlines as Swedish ISO dates, for the pages and the portal."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "closed_on": day(d.closed_on),
        "justering_by": day(d.justering_by),
        "justering_days_left": d.days_left(today),
        "verified_on": day(d.verified_on),
        "notice_by": day(d.notice_by),
        "notice_date": day(d.notice_posted),
        "notice_late": d.notice_late,
        "appeal_ends": day(d.appeal_ends),
    }
