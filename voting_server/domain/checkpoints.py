"""Events the audit appends to a meeting's log (past tense, frozen)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Event


@dataclass(frozen=True, slots=True)
class CheckpointSigned(Event):
    """The installation signed the log of ``meeting`` up to entry ``size``.

    ``head`` is the hex of entry ``size``'s hash; ``public_key`` and
    ``signature`` are the hex of the raw Ed25519 key (32 bytes) and signature
    (64 bytes) over ``checkpoint.message(meeting, size, head)``. The entry that
    carries a checkpoint comes after the entries it signs.
    """

    type = "audit.checkpoint_signed"
    meeting: str
    size: int
    head: str
    public_key: str
    signature: str


AUDIT_EVENTS: tuple[type[Event], ...] = (CheckpointSigned,)
