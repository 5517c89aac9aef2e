"""The people of a meeting: members (ledamöter) on seats, and substitutes.

A roster is copied into the log when a meeting opens, so that a replay years
later needs nothing but the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class PersonKind(StrEnum):
    MEMBER = "member"  # ledamot: owns a seat
    SUBSTITUTE = "substitute"  # ersättare: serves for an absent member of the same party
    OFFICIAL = "official"  # e.g. the secretary: no seat, no vote


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    kind: PersonKind
    party: str = ""
    seat: int | None = None  # members only
    order: int | None = None  # substitutes only: 1 serves first
    gender: str = ""  # "f", "m", "x" or "" (for speaking-time statistics)


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    color: str = "#777777"


@dataclass(frozen=True)
class Roster:
    parties: tuple[Party, ...]
    people: tuple[Person, ...]
    chair: str  # the ordförande, who presides from the opening
    #: The vice ordförande (förste, andre) who may take over the chair, in order.
    vice_chairs: tuple[str, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def seat_owner(self) -> dict[int, str]:
        """Seat number -> the member who owns it."""
        return {p.seat: p.id for p in self.people if p.kind is PersonKind.MEMBER and p.seat}

    @cached_property
    def seats(self) -> tuple[int, ...]:
        return tuple(sorted(self.seat_owner))

    @cached_property
    def substitutes_by_party(self) -> dict[str, tuple[str, ...]]:
        """Party -> its substitutes in serving order."""
        subs = sorted(
            (p for p in self.people if p.kind is PersonKind.SUBSTITUTE),
            key=lambda p: (p.party, p.order or 0, p.id),
        )
        out: dict[str, list[str]] = {}
        for p in subs:
            out.setdefault(p.party, []).append(p.id)
        return {party: tuple(ids) for party, ids in out.items()}

    def person(self, person_id: str) -> Person | None:
        return self.by_id.get(person_id)
