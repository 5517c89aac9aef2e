"""Two bodies for the year's figures, in the database: an e-board whose 14
seats belong to member municipalities, and its preparatory group of 5. Each
seat has a member (``en3``, ``bg3``) and a substitute of the same municipality
(``ee3``, ``bge3``); each body has a secretary and a chamber display."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.audit.year_of_meetings import MUNICIPALITIES
from voting_server.store.models import AssemblyRow, DeviceRow, PartyRow, PersonRow
from voting_server.store.seed import add_meeting

RULES = {
    "attendance_goal": 0.75,
    "allowance": {
        "basis": "served",
        "rates": [{"up_to_hours": 4, "rate": "halvdag"}, {"rate": "heldag"}],
    },
}
BODIES = {
    # assembly: (name, member prefix, substitute prefix, seats)
    "e-namnd": ("E-nämnden", "en", "ee", 14),
    "beredning": ("Beredningsgruppen", "bg", "bge", 5),
}


def seed_bodies(engine: Engine) -> None:
    """Both bodies, each with a meeting of its own id for the scripts to copy."""
    with Session(engine) as s:
        for assembly, (name, member, substitute, seats) in BODIES.items():
            s.add(AssemblyRow(id=assembly, name=name, settings=json.dumps(RULES)))
            s.flush()
            for seat, place in enumerate(MUNICIPALITIES[:seats], start=1):
                party = f"{assembly}-{place.lower()}"
                s.add(PartyRow(id=party, assembly_id=assembly, name=place, position=seat))
                s.add(
                    PersonRow(
                        id=f"{member}{seat}",
                        assembly_id=assembly,
                        name=f"Ledamot {place}",
                        kind="member",
                        party_id=party,
                        seat=seat,
                    )
                )
                s.add(
                    PersonRow(
                        id=f"{substitute}{seat}",
                        assembly_id=assembly,
                        name=f"Ersättare {place}",
                        kind="substitute",
                        party_id=party,
                        sub_order=1,
                    )
                )
            s.add(
                PersonRow(
                    id=f"{member}-sekr",
                    assembly_id=assembly,
                    name="Sekreteraren",
                    kind="official",
                    roles="secretary",
                )
            )
            s.add(
                DeviceRow(
                    id=f"{member}-display", assembly_id=assembly, name="Skärm", role="display"
                )
            )
        s.commit()
    for assembly, (name, member, _, _) in BODIES.items():
        add_meeting(engine, assembly, assembly, name, f"{member}1", [("1", "Ärende", "arende", "")])
