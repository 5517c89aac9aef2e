"""An encrypted election's public record as one JSON document: what
``ordet audit verify-election`` reads, with no secret in it."""

from __future__ import annotations

from typing import Any

from .ballots import Election
from .ceremony import Ceremony
from .record import ElectionRecord
from .wire import (
    WireError,
    ballot_wire,
    commitment_wire,
    hex_point,
    partial_wire,
    read_ballot,
    read_commitment,
    read_partial,
    read_point,
)


def record_wire(record: ElectionRecord) -> dict[str, Any]:
    c, e = record.ceremony, record.election
    return {
        "ceremony": {"meeting": c.meeting, "trustees": list(c.trustees), "threshold": c.threshold},
        "commitments": [commitment_wire(x) for x in record.commitments],
        "election": {
            "meeting": e.meeting,
            "vote": e.vote,
            "key": hex_point(e.key),
            "choices": list(e.choices),
            "limit": e.limit,
        },
        "ballots": [{"seat": seat, "ballot": ballot_wire(b)} for seat, b in record.ballots],
        "partials": [partial_wire(p) for p in record.partials],
        "counts": list(record.counts),
    }


def read_record(raw: Any) -> ElectionRecord:
    """The record from its JSON; WireError when it is not one."""
    try:
        c, e = raw["ceremony"], raw["election"]
        ceremony = Ceremony(str(c["meeting"]), tuple(map(str, c["trustees"])), int(c["threshold"]))
        election = Election(
            str(e["meeting"]),
            str(e["vote"]),
            read_point(e["key"]),
            tuple(map(str, e["choices"])),
            int(e["limit"]),
        )
        return ElectionRecord(
            ceremony,
            tuple(read_commitment(x) for x in raw["commitments"]),
            election,
            tuple((str(b["seat"]), read_ballot(b["ballot"])) for b in raw["ballots"]),
            tuple(read_partial(p) for p in raw["partials"]),
            tuple(int(n) for n in raw["counts"]),
        )
    except (KeyError, TypeError) as err:
        raise WireError(f"not an election record: {err}") from None
    except ValueError as err:  # the ceremony's own checks, or a number that is none
        raise WireError(str(err)) from None
