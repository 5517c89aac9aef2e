"""Decoding a log's entries into envelopes, with every event family an export may hold."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import msgpack

from ..domain import aggregate
from ..domain.checkpoints import AUDIT_EVENTS
from ..domain.errors import OrdetError
from ..domain.votes.events import VOTE_EVENTS
from ..domain.wire import Registry
from ..log.chain import Envelope, LogEntry, decode_envelope


def _registry() -> Registry:
    """The aggregate's events, plus vote and audit events it may not list yet."""
    known = [aggregate.EVENTS.cls(tag) for tag in aggregate.EVENTS.tags()]
    return Registry("event", (*known, *VOTE_EVENTS, *AUDIT_EVENTS))


EVENTS = _registry()


@dataclass(frozen=True)
class Record:
    """One entry and what it says; ``error`` when its bytes cannot be read as an event."""

    entry: LogEntry
    envelope: Envelope | None
    error: str = ""

    @property
    def seq(self) -> int:
        return self.entry.seq


def decode(entry: LogEntry) -> Record:
    try:
        envelope = decode_envelope(entry.data, EVENTS)
    except OrdetError as err:
        return Record(entry, None, err.message)
    except (ValueError, TypeError, KeyError, msgpack.UnpackException) as err:
        return Record(entry, None, f"not a log envelope ({type(err).__name__}: {err})")
    if not isinstance(envelope.at, int) or isinstance(envelope.at, bool):
        return Record(entry, None, "its time 'at' is not a whole number")
    return Record(entry, envelope)


def in_order(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """Entries by sequence number, the first of any duplicate kept."""
    by_seq: dict[int, LogEntry] = {}
    for entry in entries:
        by_seq.setdefault(entry.seq, entry)
    return [by_seq[seq] for seq in sorted(by_seq)]


def decode_all(entries: Iterable[LogEntry]) -> list[Record]:
    return [decode(e) for e in in_order(entries)]
