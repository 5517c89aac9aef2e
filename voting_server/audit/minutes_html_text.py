"""The words and short pieces the minutes' HTML is made of: the Swedish names
of speeches, proposals and choices, times of day, and people with their party.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .minutes_model import Minutes, Span, local

KIND_OF_SPEECH = {
    "speech": "anförande",
    "replik": "replik",
    "kontrareplik": "kontrareplik",
    "ordningsfraga": "ordningsfråga",
}
KIND_OF_PROPOSAL = {
    "bifall": "bifall",
    "avslag": "avslag",
    "aterremiss": "återremiss",
    "bordlaggning": "bordläggning",
    "andring": "ändringsyrkande",
    "tillagg": "tilläggsyrkande",
}
CHOICE = {"ja": "Ja", "nej": "Nej", "avstar": "Avstår", "": "–"}
DECIDED_BY = {
    "votes": "",
    "casting_vote": " genom ordförandens utslagsröst",
    "chair": " genom ordförandens beslut vid lika röstetal",
    "lot": " efter lottning",
}
STATUS = {"withdrawn": "återtaget", "merged": "sammanfört med"}


def hm(at: int | None) -> str:
    """A time of day the Swedish way: 09.05."""
    return "–" if at is None else local(at).strftime("%H.%M")


def span_text(spans: Iterable[Span]) -> str:
    return ", ".join(f"{hm(s.start)}–{hm(s.end) if s.end is not None else ''}" for s in spans)


def who(minutes: Minutes, person: str) -> str:
    if not person:
        return "–"
    party = minutes.party(person)
    return escape(minutes.name(person)) + (f" ({escape(party)})" if party else "")


def names(minutes: Minutes, people: Iterable[str]) -> str:
    return ", ".join(who(minutes, p) for p in people)


def proposal_label(minutes: Minutes, item: str, proposal_id: str) -> str:
    """A proposal as the minutes name it: "avslag (Eva Fem (b))", never its id."""
    para = next((p for p in minutes.paragraphs if p.item == item), None)
    entry = para.proposals.get(proposal_id) if para is not None else None
    if entry is None:
        return escape(proposal_id)
    return f"{KIND_OF_PROPOSAL.get(entry.kind, entry.kind)} ({names(minutes, entry.authors)})"
