"""The state of a meeting at any point of its log, folded again from the events.

``state_at`` gives what the chamber display showed after an entry (the web
replay draws it); ``snapshot`` adds what an auditor reads: who sat where,
the debate, every vote with its result as recounted, and the events around.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from ..domain.aggregate import Meeting, fold
from ..domain.base import Role
from ..domain.votes.state import VoteRecord
from ..domain.wire import to_wire
from ..log.chain import LogEntry
from ..protocol.views import audience_view
from .records import Record, decode_all
from .recount import Recount
from .timeline import fold_records


def state_at(entries: Sequence[LogEntry], seq: int) -> dict[str, Any]:
    """The chamber display's view after entry ``seq`` (``aggregate.fold`` over the entries)."""
    pairs = [
        (r.envelope.event, r.envelope.at)
        for r in decode_all(entries)
        if r.seq <= seq and r.envelope is not None
    ]
    return audience_view(fold(pairs), Role.DISPLAY)


def snapshot(
    entries: Sequence[LogEntry], seq: int | None = None, around: int = 3
) -> dict[str, Any]:
    """Everything an auditor reads of the meeting after entry ``seq`` (default: the end)."""
    records = decode_all(entries)
    end = records[-1].seq if records else 0
    at = end if seq is None else max(0, min(seq, end))
    folded = fold_records(records, at)
    view = audience_view(folded.meeting, Role.DISPLAY)
    recounts = {r.vote: r for r in folded.recounts}
    current = next((r for r in records if r.seq == at), None)
    return {
        "seq": at,
        "size": end,
        "time": _time(current.envelope.at) if current and current.envelope else None,
        "meeting": view["meeting"],
        "agenda": view["agenda"],
        "current_item": folded.meeting.core.current_item,
        "attendance": _attendance(folded.meeting, view),
        "debate": _debate(view["debate"]),
        "votes": [
            _vote(record, recounts.get(vote_id))
            for vote_id, record in folded.meeting.votes.votes.items()
        ],
        "events": [_event(r, at) for r in records if abs(r.seq - at) <= around],
    }


def _attendance(meeting: Meeting, view: dict[str, Any]) -> dict[str, Any]:
    state = meeting.core
    people = state.roster.by_id
    seating = []
    for seat in state.roster.seats:
        person = state.seated.get(seat, "")
        owner = state.roster.seat_owner.get(seat, "")
        row: dict[str, Any] = {"seat": seat, "person": person}
        if person:
            row["name"] = people[person].name if person in people else person
            row["party"] = people[person].party if person in people else ""
            if owner and owner != person:
                row["serving_for"] = owner
        seating.append(row)
    summary = {k: view["attendance"][k] for k in ("seats", "filled", "needed", "quorum", "present")}
    return {**summary, "seating": seating}


def _debate(debate: dict[str, Any]) -> dict[str, Any]:
    def who(entry: dict[str, Any]) -> dict[str, Any]:
        return {k: entry[k] for k in ("person", "name", "party", "kind")}

    current = debate["current"]
    return {
        "item": debate["item"],
        "current": who(current) if current else None,
        "waiting": [who(w) for w in debate["waiting"]],
        "closed": debate["closed"],
    }


def _vote(record: VoteRecord, recount: Recount | None) -> dict[str, Any]:
    opened = record.opened
    out: dict[str, Any] = {
        "vote": opened.vote,
        "item": opened.item,
        "question": opened.question,
        "method": str(opened.method),
        "secret": opened.secret,
        "status": record.status,
        "voted": len(record.voted_seats),
    }
    if record.voided is not None:
        out["void_reason"] = record.voided.reason
    if record.closed is not None:
        out["tally"] = _plain(dataclasses.asdict(record.closed.tally))
        if record.outcome is not None:
            out["outcome"] = _plain(dataclasses.asdict(record.outcome))
        if record.decision:
            out["decision"] = record.decision
    if recount is not None:
        out["recount"] = {"holds": recount.holds, "problems": list(recount.problems)}
    return out


def _plain(value: Any) -> Any:
    """Tuples as lists and enums as strings, as the value reads back from JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return str(value)
    return value


def _event(record: Record, at: int) -> dict[str, Any]:
    out: dict[str, Any] = {"seq": record.seq, "here": record.seq == at}
    if record.envelope is None:
        return {**out, "type": "?", "error": record.error}
    envelope = record.envelope
    fields = to_wire(envelope.event)
    out["type"] = fields.pop("type")
    out["time"] = _time(envelope.at)
    if envelope.by:
        out["by"] = envelope.by
    if envelope.role:
        out["role"] = envelope.role
    out["fields"] = fields
    return out


def _time(epoch_ms: int) -> str:
    when = datetime.fromtimestamp(epoch_ms / 1000, UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
