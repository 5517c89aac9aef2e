"""Who sits in which body: a person's own body, and their places in others.

A person has one row (``PersonRow``), in the body they were first entered
in, with their place there. A place in any further body (a fullmäktige
member who also sits in a nämnd) is a ``MembershipRow``. Both read here as
one kind of thing, a ``Place``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from .models import MembershipRow, PersonRow, role_set


@dataclass(frozen=True, slots=True)
class Place:
    """A person's place in one body."""

    assembly_id: str
    person_id: str
    name: str
    gender: str
    kind: str  # member | substitute | official
    party_id: str | None
    seat: int | None
    sub_order: int | None
    roles: str  # comma-separated: secretary, auditor (admin is the person's, not the place's)
    home: bool  # the body of the person's own row

    @property
    def role_set(self) -> set[str]:
        return role_set(self.roles)


def _own(person: PersonRow) -> Place:
    return Place(
        assembly_id=person.assembly_id,
        person_id=person.id,
        name=person.name,
        gender=person.gender,
        kind=person.kind,
        party_id=person.party_id,
        seat=person.seat,
        sub_order=person.sub_order,
        roles=person.roles,
        home=True,
    )


def _further(person: PersonRow, membership: MembershipRow) -> Place:
    return Place(
        assembly_id=membership.assembly_id,
        person_id=person.id,
        name=person.name,
        gender=person.gender,
        kind=membership.kind,
        party_id=membership.party_id,
        seat=membership.seat,
        sub_order=membership.sub_order,
        # The administrator's role stays with the person; the rest belongs to the place.
        roles=",".join(sorted(role_set(membership.roles) - {"admin"})),
        home=False,
    )


def places_in(s: Session, assembly_id: str) -> list[Place]:
    """Everyone with a place in a body, by person id."""
    own = s.exec(select(PersonRow).where(PersonRow.assembly_id == assembly_id)).all()
    joined = s.exec(
        select(MembershipRow, PersonRow)
        .join(PersonRow, col(PersonRow.id) == col(MembershipRow.person_id))
        .where(MembershipRow.assembly_id == assembly_id)
    ).all()
    places = [_own(p) for p in own] + [_further(p, m) for m, p in joined]
    return sorted(places, key=lambda p: p.person_id)


def places_of(s: Session, person_id: str) -> list[Place]:
    """A person's places: their own body first, then the others by id."""
    person = s.get(PersonRow, person_id)
    if person is None:
        return []
    further = s.exec(
        select(MembershipRow)
        .where(MembershipRow.person_id == person_id)
        .order_by(col(MembershipRow.assembly_id))
    ).all()
    return [_own(person)] + [_further(person, m) for m in further]


def place(s: Session, person_id: str, assembly_id: str) -> Place | None:
    """A person's place in one body, or None if they have none there."""
    person = s.get(PersonRow, person_id)
    if person is None:
        return None
    if person.assembly_id == assembly_id:
        return _own(person)
    membership = s.get(MembershipRow, (assembly_id, person_id))
    return None if membership is None else _further(person, membership)
