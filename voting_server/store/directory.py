"""Reads and writes of the assembly's people, meetings, links and sessions."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..clock import CLOCK
from ..domain.base import Role
from ..domain.meeting.events import AgendaItem, FiledDocument, ItemKind, NoticeRecord
from ..domain.notice import ChangeKind, NoticeChange, changes
from ..domain.roster import Party, Person, PersonKind, Roster
from ..domain.swedish_time import swedish_day
from .documents import filed_documents
from .history import minority_returned
from .models import (
    AgendaItemRow,
    AssemblyRow,
    DeviceRow,
    LoginLinkRow,
    MeetingRow,
    PartyRow,
    PersonRow,
    SessionRow,
    settings_of,
)
from .notices import content_of, parse_content, versions
from .places import place, places_in, places_of

SESSION_TTL = 12 * 3600
LOGIN_LINK_TTL = 15 * 60  # a link is opened at once, on the device it is for


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Directory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- meetings ------------------------------------------------------------------
    def meeting(self, meeting_id: str) -> MeetingRow | None:
        with Session(self.engine) as s:
            return s.get(MeetingRow, meeting_id)

    def meetings(self, principal: str | None = None) -> list[MeetingRow]:
        """The meetings ``principal`` may see listed: those of public bodies, and their own.

        A body is public unless its settings say ``"public": false`` (a nämnd
        meets behind closed doors; fullmäktige in the open, KL 5:41).
        """
        with Session(self.engine) as s:
            rows = list(s.exec(select(MeetingRow).order_by(col(MeetingRow.starts_at))))
            closed = {
                a.id
                for a in s.exec(select(AssemblyRow))
                if settings_of(a.settings).get("public") is False
            }
            mine: set[str] = set()
            if principal is not None:
                mine = {p.assembly_id for p in places_of(s, principal)}
                device = s.get(DeviceRow, principal) if not mine else None
                mine |= {device.assembly_id} if device else set()
        return [m for m in rows if m.assembly_id not in closed or m.assembly_id in mine]

    def genesis(self, meeting_id: str) -> tuple[str, Roster, tuple[AgendaItem, ...]]:
        """What the first log entry of a meeting records: title, roster, agenda."""
        with Session(self.engine) as s:
            meeting = s.get(MeetingRow, meeting_id)
            if meeting is None:
                raise LookupError(meeting_id)
            parties = s.exec(
                select(PartyRow)
                .where(PartyRow.assembly_id == meeting.assembly_id)
                .order_by(col(PartyRow.position), col(PartyRow.id))
            ).all()
            people = places_in(s, meeting.assembly_id)
            items = s.exec(
                select(AgendaItemRow)
                .where(AgendaItemRow.meeting_id == meeting_id)
                .order_by(col(AgendaItemRow.position))
            ).all()
            roster = Roster(
                parties=tuple(Party(p.id, p.name, p.color) for p in parties),
                people=tuple(
                    Person(
                        id=p.person_id,
                        name=p.name,
                        kind=PersonKind(p.kind),
                        party=p.party_id or "",
                        seat=p.seat,
                        order=p.sub_order,
                        gender=p.gender,
                    )
                    for p in people
                    if p.kind != PersonKind.OFFICIAL
                ),
                chair=meeting.chair_id,
                vice_chairs=self.vice_chairs(meeting_id),
            )
            returned = minority_returned(self.engine, meeting.assembly_id, meeting_id)
            agenda = tuple(
                AgendaItem(
                    i.item_id,
                    i.title,
                    ItemKind(i.kind),
                    i.diarienummer,
                    minority_returned=bool(i.diarienummer) and i.diarienummer in returned,
                    title_en=i.title_en,
                    proposal=i.proposal,
                )
                for i in items
            )
            return meeting.title, roster, agenda

    def documents(self, meeting_id: str) -> tuple[FiledDocument, ...]:
        """The current version of each of a meeting's documents, in the order first filed."""
        with Session(self.engine) as s:
            return filed_documents(s, meeting_id)

    def notices(self, meeting_id: str) -> tuple[tuple[NoticeRecord, ...], tuple[NoticeChange, ...]]:
        """Each published version of a meeting's notice, oldest first, and what the
        meeting holds now that the latest did not announce."""
        with Session(self.engine) as s:
            rows = versions(s, meeting_id)
            meeting = s.get(MeetingRow, meeting_id)
            now = content_of(s, meeting) if meeting is not None and rows else None
        records = tuple(
            NoticeRecord(
                version=r.version,
                published_on=swedish_day(r.published_at * 1000).isoformat(),
                public=r.public,
                announce_by=r.announce_by,
                sha256=r.sha256,
                changes=tuple(
                    NoticeChange(ChangeKind(c["kind"]), c["subject"]) for c in json.loads(r.changes)
                ),
            )
            for r in rows
        )
        unannounced = changes(parse_content(rows[-1].content), now) if now is not None else ()
        return records, unannounced

    def assembly_settings(self, meeting_id: str) -> dict[str, Any]:
        """The rule settings of the assembly a meeting belongs to (JSON in AssemblyRow)."""
        with Session(self.engine) as s:
            meeting = s.get(MeetingRow, meeting_id)
            assembly = s.get(AssemblyRow, meeting.assembly_id) if meeting else None
            if assembly is None or not assembly.settings:
                return {}
            settings = json.loads(assembly.settings)
            return settings if isinstance(settings, dict) else {}

    def vice_chairs(self, meeting_id: str) -> tuple[str, ...]:
        """The assembly's vice ordförande, in order (``"vice_chairs"`` in its settings)."""
        raw = self.assembly_settings(meeting_id).get("vice_chairs", [])
        return tuple(p for p in raw if isinstance(p, str)) if isinstance(raw, list) else ()

    # --- who may act as what -----------------------------------------------------------
    def roles_of(self, principal: str, meeting_id: str) -> set[Role]:
        """The roles a person or device may take in a meeting."""
        with Session(self.engine) as s:
            meeting = s.get(MeetingRow, meeting_id)
            if meeting is None:
                return set()
            device = s.get(DeviceRow, principal)
            if device is not None and device.assembly_id == meeting.assembly_id:
                return {Role(device.role)}
            seat = place(s, principal, meeting.assembly_id)
            if seat is None:
                return set()
            roles: set[Role] = {Role.PUBLIC}
            if seat.kind in (PersonKind.MEMBER, PersonKind.SUBSTITUTE):
                roles.add(Role.DELEGATE)
            if meeting.chair_id == principal or principal in self.vice_chairs(meeting.id):
                roles.add(Role.CHAIR)  # the console itself is the presiding member's only
            return roles | _extra_roles(seat.roles)

    def openers(self, meeting_id: str) -> list[str]:
        """Who may open the meeting, in order: its chair, the vice chairs, the secretaries."""
        meeting = self.meeting(meeting_id)
        if meeting is None:
            return []
        with Session(self.engine) as s:
            people = places_in(s, meeting.assembly_id)
        secretaries = [p.person_id for p in people if Role.SECRETARY in _extra_roles(p.roles)]
        chairs = [c for c in (meeting.chair_id, *self.vice_chairs(meeting_id)) if c]
        return list(dict.fromkeys([*chairs, *secretaries]))

    # --- login links and sessions ----------------------------------------------------
    def mint_login_link(self, principal: str, ttl_seconds: int = LOGIN_LINK_TTL) -> str:
        """A link that logs in once, within ``ttl_seconds``: for a device or a demo."""
        with Session(self.engine) as s:
            if s.get(PersonRow, principal) is None and s.get(DeviceRow, principal) is None:
                raise LookupError(principal)
            token = secrets.token_urlsafe(24)
            s.add(
                LoginLinkRow(
                    token_hash=token_hash(token),
                    principal=principal,
                    expires_at=int(CLOCK.now()) + ttl_seconds,
                )
            )
            s.commit()
            return token

    def redeem_login_link(self, token: str) -> str | None:
        """The link's principal, spending the link; None if unknown, spent or expired."""
        with Session(self.engine) as s:
            spent = s.exec(
                update(LoginLinkRow)
                .where(
                    col(LoginLinkRow.token_hash) == token_hash(token),
                    col(LoginLinkRow.used).is_(False),
                    col(LoginLinkRow.expires_at) >= int(CLOCK.now()),
                )
                .values(used=True)
            )
            if spent.rowcount != 1:
                return None
            link = s.get(LoginLinkRow, token_hash(token))
            s.commit()
            return None if link is None else link.principal

    def open_session(self, principal: str) -> str:
        token = secrets.token_urlsafe(32)
        now = int(CLOCK.now())
        with Session(self.engine) as s:
            s.add(
                SessionRow(
                    id_hash=token_hash(token),
                    principal=principal,
                    created_at=now,
                    expires_at=now + SESSION_TTL,
                )
            )
            s.commit()
        return token

    def session(self, id_hash: str) -> SessionRow | None:
        """A live session by the hash of its cookie, or None if gone or revoked."""
        with Session(self.engine) as s:
            row = s.get(SessionRow, id_hash)
            if row is None or row.revoked or row.expires_at < CLOCK.now():
                return None
            return row

    def revoke_session(self, id_hash: str) -> None:
        with Session(self.engine) as s:
            row = s.get(SessionRow, id_hash)
            if row is not None:
                row.revoked = True
                s.add(row)
                s.commit()


def _extra_roles(roles: str) -> set[Role]:
    """The meeting roles a person holds in a body beyond their seat (``Place.roles``)."""
    extra = {r.strip() for r in roles.split(",") if r.strip()}
    return {Role(r) for r in extra if r in (Role.SECRETARY, Role.AUDITOR)}
