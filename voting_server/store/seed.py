"""The demo assembly, and roster import from CSV.

Roster CSV columns: ``id,name,kind,party,seat,order,gender,roles,email`` where kind
is member, substitute or official; parties CSV: ``id,name,color``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from ..clock import CLOCK
from ..domain.notice import valid_address
from .models import (
    AgendaItemRow,
    AssemblyRow,
    DeviceRow,
    LogRow,
    MeetingRow,
    MembershipRow,
    PartyRow,
    PersonRow,
    UrnRow,
    role_list,
)

#: An agenda item as given to ``add_meeting``: id, title, kind (arende | val), diarienummer.
AgendaEntry = tuple[str, str, str, str]
ITEM_KINDS = ("arende", "val")

# A regional council of 71 seats in 7 parties.
DEMO_PARTIES = (
    ("S", "Socialdemokraterna", "#b5121b", 25),
    ("M", "Moderaterna", "#1d5a9e", 12),
    ("SD", "Sverigedemokraterna", "#8f7300", 10),
    ("C", "Centerpartiet", "#006a3a", 8),
    ("V", "Vänsterpartiet", "#a50f15", 7),
    ("KD", "Kristdemokraterna", "#1d3f8a", 5),
    ("L", "Liberalerna", "#005ca8", 4),
)
_FIRST = (
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Eva",
    "Per",
    "Sara",
    "Nils",
    "Ingrid",
    "Olof",
    "Lena",
    "Anders",
    "Elin",
    "Mats",
    "Sofia",
    "Gustav",
)
_LAST = (
    "Lindqvist",
    "Berg",
    "Nilsson",
    "Holm",
    "Sundström",
    "Ek",
    "Forsberg",
    "Lund",
    "Wikström",
    "Åberg",
    "Nyström",
    "Öberg",
    "Sjöberg",
    "Dahl",
)
DEMO_AGENDA: tuple[AgendaEntry, ...] = (
    ("1", "Sammanträdets öppnande / Opening of the meeting", "arende", ""),
    ("2", "Val av justerare / Election of verifiers of the minutes", "val", ""),
    ("3", "Regionplan och budget 2027 / Regional plan and budget 2027", "arende", "RS 2026/412"),
    ("4", "Motion om politikerportal / Motion on a members' portal", "arende", "RS 2025/1187"),
    ("5", "Sammanträdets avslutande / Closing of the meeting", "arende", ""),
)


#: The demo's nämnd: 15 seats of the same parties, meeting behind closed doors.
NAMND = "demo-namnd"
NAMND_SEATS = (("S", 5), ("M", 3), ("SD", 2), ("C", 2), ("V", 1), ("KD", 1), ("L", 1))
#: Its ersättarordning: whose substitutes serve, in turn, when a party has none present.
NAMND_SUBSTITUTE_ORDER = {
    "S": ["S", "V", "C"],
    "M": ["M", "KD", "L", "C"],
    "SD": ["SD", "M", "KD"],
    "C": ["C", "L", "M"],
    "V": ["V", "S"],
    "KD": ["KD", "M", "L"],
    "L": ["L", "C", "M"],
}
NAMND_AGENDA: tuple[AgendaEntry, ...] = (
    ("1", "Sammanträdets öppnande / Opening of the meeting", "arende", ""),
    ("2", "Tertialrapport 2 / Second four-month report", "arende", "HSN 2026/88"),
    ("3", "Vårdval i primärvården / Choice of care in primary care", "arende", "HSN 2026/131"),
)


def _name(i: int) -> str:
    return f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 7) % len(_LAST)]}"


def demo_meeting_id(day: date) -> str:
    """``ordet demo`` holds one meeting a day, so that earlier ones stay as they were."""
    return f"demo-{day.isoformat()}"


def seed_demo(engine: Engine, meeting_id: str = "demo", day: date | None = None) -> None:
    """(Re)create the demo assembly with one empty meeting, on ``day`` (default today).

    71 members on 71 seats, 71 substitutes, a chair (m1), a secretary and a display.
    Every earlier meeting of the demo assembly, and its log, is removed.
    """
    with Session(engine) as s:
        old = [m.id for m in s.exec(select(MeetingRow).where(MeetingRow.assembly_id == "demo"))]
        for gone in {*old, meeting_id}:
            s.exec(delete(AgendaItemRow).where(col(AgendaItemRow.meeting_id) == gone))
            s.exec(delete(LogRow).where(col(LogRow.meeting_id) == gone))
            s.exec(delete(UrnRow).where(col(UrnRow.meeting_id) == gone))
        people = select(PersonRow.id).where(col(PersonRow.assembly_id) == "demo")
        s.exec(
            delete(MembershipRow).where(
                (col(MembershipRow.assembly_id) == "demo")
                | col(MembershipRow.person_id).in_(people)
            )
        )
        s.exec(delete(MeetingRow).where(col(MeetingRow.assembly_id) == "demo"))
        s.exec(delete(DeviceRow).where(col(DeviceRow.assembly_id) == "demo"))
        s.exec(delete(PersonRow).where(col(PersonRow.assembly_id) == "demo"))
        s.exec(delete(PartyRow).where(col(PartyRow.assembly_id) == "demo"))
        s.exec(delete(AssemblyRow).where(col(AssemblyRow.id) == "demo"))
        s.flush()
        _add_demo_assembly(s)
        s.commit()
    add_demo_meeting(engine, meeting_id, day or CLOCK.today())
    seed_demo_namnd(engine, day or CLOCK.today())


def seed_demo_namnd(engine: Engine, day: date) -> None:
    """(Re)create the demo nämnd with its ersättarordning, and a meeting at 13.00 on ``day``.

    Members n1..n15 and one substitute per seat, ne1..ne15, of the seat's party; the
    demo's secretary (sekr) and m33, an M substitute, have places here too.
    """
    with Session(engine) as s:
        old = [m.id for m in s.exec(select(MeetingRow).where(MeetingRow.assembly_id == NAMND))]
        for gone in old:
            s.exec(delete(AgendaItemRow).where(col(AgendaItemRow.meeting_id) == gone))
            s.exec(delete(LogRow).where(col(LogRow.meeting_id) == gone))
            s.exec(delete(UrnRow).where(col(UrnRow.meeting_id) == gone))
        for table in (MembershipRow, MeetingRow, DeviceRow, PersonRow, PartyRow):
            s.exec(delete(table).where(col(table.assembly_id) == NAMND))
        s.exec(delete(AssemblyRow).where(col(AssemblyRow.id) == NAMND))
        s.flush()
        settings = {
            "body": "namnd",
            "public": False,
            "seating": {"substitute_order": NAMND_SUBSTITUTE_ORDER},
        }
        name = "Hälso- och sjukvårdsnämnden (demo)"
        s.add(AssemblyRow(id=NAMND, name=name, settings=json.dumps(settings)))
        s.flush()
        colors = {pid: color for pid, _, color, _ in DEMO_PARTIES}
        names = {pid: party_name for pid, party_name, _, _ in DEMO_PARTIES}
        seat = 1
        for position, (pid, seats) in enumerate(NAMND_SEATS):
            s.add(
                PartyRow(
                    id=pid, assembly_id=NAMND, name=names[pid], color=colors[pid], position=position
                )
            )
            for k in range(seats):
                s.add(_namnd_person(f"n{seat}", _name(seat + 80), "member", pid, seat=seat))
                s.add(_namnd_person(f"ne{seat}", _name(seat + 100), "substitute", pid, order=k + 1))
                seat += 1
        s.add(DeviceRow(id="namnd-display", assembly_id=NAMND, name="Skärm", role="display"))
        # Places for people of fullmäktige: its secretary, and a member who is a substitute here.
        official = MembershipRow(
            assembly_id=NAMND, person_id="sekr", kind="official", roles="auditor,secretary"
        )
        s.add(official)
        s.add(
            MembershipRow(
                assembly_id=NAMND, person_id="m33", kind="substitute", party_id="M", sub_order=4
            )
        )
        s.commit()
    title = f"Hälso- och sjukvårdsnämnden, demo {day.isoformat()}"
    add_meeting(
        engine, NAMND, NAMND, title, "n1", NAMND_AGENDA, starts_at=f"{day.isoformat()}T13:00"
    )


def _namnd_person(
    pid: str, name: str, kind: str, party: str, seat: int | None = None, order: int | None = None
) -> PersonRow:
    return PersonRow(
        id=pid, assembly_id=NAMND, name=name, kind=kind, party_id=party, seat=seat, sub_order=order
    )


def add_demo_meeting(engine: Engine, meeting_id: str, day: date) -> None:
    """A demo meeting at 09.00 Swedish time on ``day``, chaired by m1, with the demo agenda."""
    add_meeting(
        engine,
        "demo",
        meeting_id,
        f"Regionfullmäktige, demo {day.isoformat()}",
        "m1",
        DEMO_AGENDA,
        starts_at=f"{day.isoformat()}T09:00",
    )


def prepare_demo(engine: Engine, today: date, fresh: bool = False) -> str:
    """``ordet demo``: the assembly once, and a meeting for ``today``; returns its id.

    The meetings of earlier days stay, with their logs, unless ``fresh``.
    """
    meeting = demo_meeting_id(today)
    with Session(engine) as s:
        assembly = s.get(AssemblyRow, "demo")
        exists = s.get(MeetingRow, meeting) is not None
        namnd = s.get(AssemblyRow, NAMND)
    if fresh or assembly is None:
        seed_demo(engine, meeting, today)
        return meeting
    if not exists:
        add_demo_meeting(engine, meeting, today)
    if namnd is None:  # a demo made before it had a nämnd
        seed_demo_namnd(engine, today)
    return meeting


def _add_demo_assembly(s: Session) -> None:
    settings = {"vice_chairs": ["m27", "m37"]}  # förste and andre vice ordförande
    s.add(AssemblyRow(id="demo", name="Regionfullmäktige (demo)", settings=json.dumps(settings)))
    s.flush()
    seat, i = 1, 0
    for position, (pid, name, color, seats) in enumerate(DEMO_PARTIES):
        s.add(PartyRow(id=pid, assembly_id="demo", name=name, color=color, position=position))
        for k in range(seats):
            s.add(
                PersonRow(
                    id=f"m{seat}",
                    assembly_id="demo",
                    name=_name(i),
                    kind="member",
                    party_id=pid,
                    seat=seat,
                    gender="fm"[i % 2],
                )
            )
            s.add(
                PersonRow(
                    id=f"e{seat}",
                    assembly_id="demo",
                    name=_name(i + 40),
                    kind="substitute",
                    party_id=pid,
                    sub_order=k + 1,
                    gender="mf"[i % 2],
                )
            )
            seat, i = seat + 1, i + 1
    s.add(
        PersonRow(
            id="sekr",
            assembly_id="demo",
            name="Sekreteraren",
            kind="official",
            roles="secretary,auditor",
        )
    )
    s.add(DeviceRow(id="display", assembly_id="demo", name="Salsskärm", role="display"))


def import_roster(
    engine: Engine, assembly: str, name: str, people_csv: Path, parties_csv: Path | None
) -> int:
    """Create or update an assembly's parties and people; return how many people."""
    people = _read_csv(people_csv)
    with Session(engine) as s:
        if s.get(AssemblyRow, assembly) is None:
            s.add(AssemblyRow(id=assembly, name=name))
        parties = (
            _read_csv(parties_csv)
            if parties_csv
            else [
                {"id": p, "name": p}
                for p in sorted({row["party"] for row in people if row["party"]})
            ]
        )
        for position, row in enumerate(parties):
            s.merge(
                PartyRow(
                    id=row["id"],
                    assembly_id=assembly,
                    name=row.get("name") or row["id"],
                    color=row.get("color") or "#777777",
                    position=position,
                )
            )
        for row in people:
            kind = row["kind"]
            if kind not in ("member", "substitute", "official"):
                raise ValueError(f"{row['id']}: kind must be member, substitute or official")
            address = (row.get("email") or "").strip()
            if address and not valid_address(address):
                raise ValueError(f"{row['id']}: email must be an e-mail address")
            known = s.get(PersonRow, row["id"])
            s.merge(
                PersonRow(
                    id=row["id"],
                    assembly_id=assembly,
                    name=row["name"],
                    kind=kind,
                    party_id=row.get("party") or None,
                    seat=_int(row.get("seat")),
                    sub_order=_int(row.get("order")),
                    gender=row.get("gender", ""),
                    roles=role_list(row.get("roles", "")),
                    email=address or (known.email if known else ""),
                )
            )
        s.commit()
    return len(people)


def add_meeting(
    engine: Engine,
    assembly: str,
    meeting_id: str,
    title: str,
    chair: str,
    items: Iterable[AgendaEntry],
    starts_at: str = "",
) -> None:
    with Session(engine) as s:
        s.merge(
            MeetingRow(
                id=meeting_id,
                assembly_id=assembly,
                title=title,
                chair_id=chair,
                starts_at=starts_at,
            )
        )
        s.flush()  # the meeting before its agenda items (foreign key)
        for position, (item_id, item_title, kind, diarienummer) in enumerate(items):
            if kind not in ITEM_KINDS:
                raise ValueError(f"item {item_id}: kind must be arende or val")
            s.merge(
                AgendaItemRow(
                    meeting_id=meeting_id,
                    position=position,
                    item_id=item_id,
                    title=item_title,
                    kind=kind,
                    diarienummer=diarienummer,
                )
            )
        s.commit()


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _int(value: str | None) -> int | None:
    return int(value) if value else None
