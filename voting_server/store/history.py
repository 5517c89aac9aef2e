"""What an assembly's earlier meetings say that a new one must know, read from their logs.

Today one thing: the ärenden (by diarienummer) that a minority sent back
(återremiss) before. The minority right applies once per ärende, so the next
meeting's log records which of its items came back that way.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from ..domain.aggregate import EVENTS
from ..domain.errors import OrdetError
from ..domain.meeting.events import MeetingOpened
from ..domain.votes.events import MinorityRightInvoked
from ..domain.votes.model import ProposalKind
from ..log.chain import decode_envelope
from .archive import Archive
from .models import MeetingRow

_MARK = MinorityRightInvoked.type.encode()


def minority_returned(engine: Engine, assembly: str, besides: str) -> set[str]:
    """Diarienummer sent back by a forced minority återremiss at the assembly's other meetings."""
    with Session(engine) as s:
        meetings = s.exec(select(MeetingRow.id).where(MeetingRow.assembly_id == assembly)).all()
    archive = Archive(engine)
    returned: set[str] = set()
    for meeting in meetings:
        if meeting == besides:
            continue
        entries = archive.read(meeting)
        if not any(_MARK in e.data for e in entries):
            continue  # most meetings: nothing to decode
        numbers: dict[str, str] = {}
        for entry in entries:
            try:
                event = decode_envelope(entry.data, EVENTS).event
            except (OrdetError, KeyError, ValueError):
                continue  # an entry of a kind this version does not know
            if isinstance(event, MeetingOpened):
                numbers = {i.id: i.diarienummer for i in event.agenda}
            elif (
                isinstance(event, MinorityRightInvoked)
                and event.forced
                and event.kind is ProposalKind.ATERREMISS
                and numbers.get(event.item)
            ):
                returned.add(numbers[event.item])
    return returned
