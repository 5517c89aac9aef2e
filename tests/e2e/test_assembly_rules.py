"""What the law leaves to the assembly is its setting, written into the log at the opening."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.audit import minutes_report
from voting_server.domain.justering.events import MinutesRulesSet
from voting_server.domain.meeting.events import SeatingRulesSet
from voting_server.store.archive import Archive
from voting_server.store.models import AssemblyRow


async def test_the_assemblys_rules_open_the_log(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    with Session(demo_engine) as s:
        assembly = s.get(AssemblyRow, "demo")
        assert assembly is not None
        settings = json.loads(assembly.settings)
        settings.update(
            seating={"late_member": "at_once"},
            minutes={"justerare": 1, "justering_days": 30},  # more than the law allows
        )
        assembly.settings = json.dumps(settings)
        s.add(assembly)
        s.commit()
    hub = start_hub()
    display = await connect_as(hub.url, demo_engine, "display")
    await display.close()
    events = [e for e, _ in minutes_report.pairs_of(Archive(demo_engine).read("demo"))]
    assert SeatingRulesSet(late_member_waits=False) in events
    assert MinutesRulesSet(justering_days=14, justerare=1) in events  # the law's 14 days at most
