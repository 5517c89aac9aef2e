"""A short meeting of the demo assembly for the year's figures, played over
real connections, with a goal and allowance rules in the assembly's settings."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.store.models import AssemblyRow

RULES = {
    "attendance_goal": 0.75,
    "allowance": {
        "basis": "served",
        "rates": [{"up_to_hours": 4, "rate": "halvdag"}, {"rate": "heldag"}],
    },
}


def body_settings(engine: Engine) -> dict[str, object]:
    """The demo assembly's settings, with a goal and allowance rules."""
    with Session(engine) as s:
        row = s.get(AssemblyRow, "demo")
        assert row is not None
        settings = {**json.loads(row.settings), **RULES}
        row.settings = json.dumps(settings)
        s.add(row)
        s.commit()
        return settings


async def play_a_short_meeting(hub: HubProcess, engine: Engine) -> None:
    """m1..m40 but m5 check in, with S's substitute e3 on m5's seat; m2 leaves
    early, e3 serves for a while; the chair adjourns."""
    chair = await connect_as(hub.url, engine, "m1", role="chair")
    present = [f"m{i}" for i in range(2, 41) if i != 5] + ["e3"]
    clients = {p: await connect_as(hub.url, engine, p) for p in present}
    try:
        await chair.command("attendance.check_in")
        for person in present:
            await clients[person].command("attendance.check_in")
        await clients["m2"].command("attendance.check_out")
        await clients["e3"].command("attendance.check_out")
        await chair.command("meeting.adjourn")
    finally:
        for client in (chair, *clients.values()):
            await client.close()
