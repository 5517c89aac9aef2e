"""SQL tables: the log archive, the assembly's people, meetings and sessions."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Field, SQLModel


class LogRow(SQLModel, table=True):
    """One log entry exactly as chained; (meeting, seq) is the version check."""

    __tablename__ = "log_entry"
    meeting_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    prev: bytes
    data: bytes
    hash: bytes


class UrnRow(SQLModel, table=True):
    """The sealed urn of an open secret vote: every ballot, shuffled (see hub/urn.py)."""

    __tablename__ = "urn"
    meeting_id: str = Field(primary_key=True)
    vote_id: str = Field(primary_key=True)
    sealed: bytes


#: The roles a person may hold beyond their seat.
PERSON_ROLES = ("admin", "auditor", "secretary")


def role_set(text: str) -> set[str]:
    """The roles named in a comma-separated text (as stored in ``PersonRow.roles``)."""
    return {r.strip() for r in (text or "").split(",") if r.strip()}


def role_list(text: str) -> str:
    """Roles as stored: from ``PERSON_ROLES``, sorted, comma-separated (or ValueError)."""
    roles = role_set(text)
    unknown = sorted(roles - set(PERSON_ROLES))
    if unknown:
        raise ValueError(f"unknown role {unknown[0]!r}: {', '.join(PERSON_ROLES)}")
    return ",".join(sorted(roles))


def settings_of(raw: str) -> dict[str, Any]:
    """An assembly's settings JSON as a dict; anything else reads as none."""
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class AssemblyRow(SQLModel, table=True):
    __tablename__ = "assembly"
    id: str = Field(primary_key=True)
    name: str
    settings: str = "{}"  # JSON: per-assembly rule settings and portal links


class PartyRow(SQLModel, table=True):
    """A party (or, in an e-board, a member municipality) within one body.

    Each body has its own: "S" in fullmäktige and "S" in a nämnd are two rows.
    """

    __tablename__ = "party"
    id: str = Field(primary_key=True)
    assembly_id: str = Field(primary_key=True, index=True, foreign_key="assembly.id")
    name: str
    color: str = "#777777"
    position: int = 0


class PersonRow(SQLModel, table=True):
    """A member (seat), a substitute (order within the party) or an official."""

    __tablename__ = "person"
    id: str = Field(primary_key=True)
    assembly_id: str = Field(index=True, foreign_key="assembly.id")
    name: str
    kind: str  # member | substitute | official
    party_id: str | None = None
    seat: int | None = None
    sub_order: int | None = None
    gender: str = ""
    roles: str = ""  # comma-separated extra roles: secretary, admin, auditor
    email: str = ""  # where the kallelse is sent


class MembershipRow(SQLModel, table=True):
    """A person's place in a body other than their own (store/places.py)."""

    __tablename__ = "membership"
    assembly_id: str = Field(primary_key=True, foreign_key="assembly.id")
    person_id: str = Field(primary_key=True, index=True, foreign_key="person.id")
    kind: str  # member | substitute | official
    party_id: str | None = None
    seat: int | None = None
    sub_order: int | None = None
    roles: str = ""  # secretary, auditor: roles in this body


class MeetingRow(SQLModel, table=True):
    __tablename__ = "meeting"
    id: str = Field(primary_key=True)
    assembly_id: str = Field(index=True, foreign_key="assembly.id")
    title: str
    starts_at: str = ""
    chair_id: str = ""
    place: str = ""  # where it meets, as the notice says


class AgendaItemRow(SQLModel, table=True):
    __tablename__ = "agenda_item"
    meeting_id: str = Field(primary_key=True, foreign_key="meeting.id")
    position: int = Field(primary_key=True)
    item_id: str
    title: str
    kind: str = "arende"  # arende | val (domain.meeting.events.ItemKind)
    diarienummer: str = ""
    title_en: str = ""
    proposal: str = ""  # förslag till beslut


class DeviceRow(SQLModel, table=True):
    """A screen without a person: the chamber display."""

    __tablename__ = "device"
    id: str = Field(primary_key=True)
    assembly_id: str = Field(foreign_key="assembly.id")
    name: str
    role: str = "display"


class LoginLinkRow(SQLModel, table=True):
    """A login link (stored hashed) for a device or a demo: used once, then spent."""

    __tablename__ = "login_link"
    token_hash: str = Field(primary_key=True)
    principal: str  # a person id or a device id
    expires_at: int  # epoch seconds
    used: bool = False


class SessionRow(SQLModel, table=True):
    """A server-side login session; the cookie carries only its random id."""

    __tablename__ = "session"
    id_hash: str = Field(primary_key=True)
    principal: str = Field(index=True)
    created_at: int
    expires_at: int
    revoked: bool = False
