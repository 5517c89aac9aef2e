"""Folding a decoded log, step by step, with the same code the hub folds it with.

Every event folds through ``Meeting.apply``, exactly as ``aggregate.fold``
does; each ``vote.closed`` is first recounted from the state just before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.aggregate import Meeting
from ..domain.votes.events import VoteClosed
from .records import Record
from .recount import Recount, recount


@dataclass
class Folded:
    meeting: Meeting = field(default_factory=Meeting)
    recounts: list[Recount] = field(default_factory=list)
    misfits: list[tuple[int, str]] = field(default_factory=list)  # events that fit no state
    last_seq: int = 0


def fold_records(records: Iterable[Record], upto: int | None = None) -> Folded:
    """The state after every readable record up to sequence number ``upto``."""
    folded = Folded()
    for record in records:
        if upto is not None and record.seq > upto:
            break
        folded.last_seq = record.seq
        if record.envelope is None:
            continue
        event, at = record.envelope.event, record.envelope.at
        if isinstance(event, VoteClosed):
            opened = folded.meeting.votes.votes.get(event.vote)
            if opened is None:
                folded.misfits.append((record.seq, f"closes vote {event.vote!r}, never opened"))
                continue
            chair = folded.meeting.core.presiding
            folded.recounts.append(recount(record.seq, opened, chair, event))
        try:
            folded.meeting.apply(event, at)
        except Exception as err:  # a state rejects an event that fits no earlier one
            folded.misfits.append((record.seq, f"{event.type} does not fit: {err!r}"))
    return folded
