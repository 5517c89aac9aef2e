"""Open data: how each member voted in every open vote, as CSV or JSON.

One row per seat of a closed open vote (votering by name), taken from the
``vote.closed`` event's named list: the published result is the counted one.
Secret votes have no names and are left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from speaker_queue import spreadsheet_safe

from ..domain.meeting.events import MeetingOpened
from ..domain.votes.events import VoteClosed, VoteOpened
from ..log.chain import LogEntry
from .records import decode_all

COLUMNS = (
    "meeting",
    "vote",
    "item",
    "question",
    "method",
    "closed_at",
    "seat",
    "person",
    "name",
    "party",
    "voted",
    "choice",
    "names",
    "label",
)


def member_votes(entries: Sequence[LogEntry]) -> list[dict[str, Any]]:
    """Every seat's ballot in every closed open vote, in log order."""
    meeting, names = "", {}
    opened: dict[str, VoteOpened] = {}
    rows: list[dict[str, Any]] = []
    for record in decode_all(entries):
        if record.envelope is None:
            continue
        event = record.envelope.event
        if isinstance(event, MeetingOpened):
            meeting = event.meeting
            names = {p.id: p.name for p in event.roster.people}
        elif isinstance(event, VoteOpened):
            opened[event.vote] = event
        elif isinstance(event, VoteClosed) and event.vote in opened:
            vote = opened[event.vote]
            if vote.secret:
                continue
            closed_at = datetime.fromtimestamp(record.envelope.at / 1000, UTC)
            for line in event.named:
                ballot = line.ballot
                rows.append(
                    {
                        "meeting": meeting,
                        "vote": vote.vote,
                        "item": vote.item,
                        "question": vote.question,
                        "method": str(vote.method),
                        "closed_at": closed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "seat": line.seat,
                        "person": line.person,
                        "name": names.get(line.person, ""),
                        "party": line.party,
                        "voted": ballot is not None,
                        "choice": ballot.choice if ballot else "",
                        "names": list(ballot.names) if ballot else [],
                        "label": ballot.label if ballot else "",
                    }
                )
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {**row, "voted": "1" if row["voted"] else "0", "names": ";".join(row["names"])}
        writer.writerow({k: spreadsheet_safe(v) for k, v in cells.items()})
    return out.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=1, ensure_ascii=False) + "\n"
