"""Hash-chained log entries (pure).

Each entry's hash is SHA-256 over the previous entry's hash, the sequence
number as 8 big-endian bytes, and the exact stored bytes of the entry. The
first entry chains to 32 zero bytes. Changing, dropping or reordering any
entry breaks every hash after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import msgpack

from ..domain.base import Event
from ..domain.wire import Registry, to_wire
from .errors import LogError

GENESIS = bytes(32)


@dataclass(frozen=True, slots=True)
class LogEntry:
    seq: int
    prev: bytes
    data: bytes
    hash: bytes


@dataclass(frozen=True, slots=True)
class Envelope:
    """What one entry says: an event, when, by whom, for which request."""

    event: Event
    at: int  # epoch milliseconds, from the hub's clock
    by: str | None = None  # person id of the actor, if any
    role: str | None = None
    rid: str | None = None  # the request that caused it, for idempotent retries
    command: str | None = None  # digest of that request's command: a reused rid must match


class ChainError(LogError):
    """An entry does not continue the chain: a gap, an edit or a reorder."""

    def __init__(self, seq: int, reason: str) -> None:
        self.seq = seq
        self.reason = reason
        super().__init__(f"entry {seq}: {reason}")


def entry_hash(prev: bytes, seq: int, data: bytes) -> bytes:
    return hashlib.sha256(prev + seq.to_bytes(8, "big") + data).digest()


def encode_envelope(envelope: Envelope) -> bytes:
    body: dict[str, Any] = {"at": envelope.at, "event": to_wire(envelope.event)}
    if envelope.by is not None:
        body["by"] = envelope.by
    if envelope.role is not None:
        body["role"] = envelope.role
    if envelope.rid is not None:
        body["rid"] = envelope.rid
    if envelope.command is not None:
        body["cmd"] = envelope.command
    return msgpack.packb(body, use_bin_type=True)  # type: ignore[no-any-return]


def decode_envelope(data: bytes, events: Registry) -> Envelope:
    body = msgpack.unpackb(data, raw=False)
    return Envelope(
        event=events.from_wire(body["event"]),
        at=body["at"],
        by=body.get("by"),
        role=body.get("role"),
        rid=body.get("rid"),
        command=body.get("cmd"),
    )


def seal(head_seq: int, head_hash: bytes, payloads: Iterable[bytes]) -> list[LogEntry]:
    """Chain new payloads onto a head, numbering them from ``head_seq + 1``."""
    entries = []
    prev, seq = head_hash, head_seq
    for data in payloads:
        seq += 1
        digest = entry_hash(prev, seq, data)
        entries.append(LogEntry(seq, prev, data, digest))
        prev = digest
    return entries


def verify(entries: Iterable[LogEntry], head_seq: int = 0, head_hash: bytes = GENESIS) -> bytes:
    """Check that entries continue the chain from a head; return the new head hash."""
    prev, seq = head_hash, head_seq
    for entry in entries:
        if entry.seq != seq + 1:
            raise ChainError(entry.seq, f"expected sequence number {seq + 1}")
        if entry.prev != prev:
            raise ChainError(entry.seq, "does not chain to the entry before it")
        if entry_hash(prev, entry.seq, entry.data) != entry.hash:
            raise ChainError(entry.seq, "content does not match its hash")
        prev, seq = entry.hash, entry.seq
    return prev
