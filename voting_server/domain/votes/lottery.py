"""Lottning (drawing lots), fair and provable with nothing but SHA-256.

The recipe, byte for byte:

1. The hub draws a secret seed of at least 32 random bytes and logs only its
   commitment: ``commitment = sha256(seed).hexdigest()`` (``LotSeedCommitted``).
2. At the draw the hub reveals ``seed`` and the ``head``: the hash of the
   last log entry before the draw. Both travel as hex strings; the recipe
   uses the bytes they spell.
3. ``key = sha256(seed || head)`` (raw bytes, concatenated).
4. Each entrant's ticket is ``sha256(key || utf8(entrant))``; entrants are
   ordered by ticket (bytes, ascending), then by name. The first wins.

Anyone holding the log can redo steps 3 and 4 and compare with ``LotDrawn``.
The commitment binds the hub to the seed before the head is known, and the
head binds the draw to everything logged before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..errors import DomainError

#: The least seed length, in bytes.
SEED_BYTES = 32


def commitment_of(seed: str) -> str:
    """The commitment to a seed given as hex: SHA-256 of its bytes, as lowercase hex."""
    return hashlib.sha256(_seed_bytes(seed)).hexdigest()


def draw_order(seed: str, head: str, entrants: Sequence[str]) -> tuple[str, ...]:
    """The entrants in the order the lottery puts them; the first wins."""
    key = hashlib.sha256(_seed_bytes(seed) + _head_bytes(head)).digest()
    tickets = {name: hashlib.sha256(key + name.encode("utf-8")).digest() for name in entrants}
    return tuple(sorted(tickets, key=lambda name: (tickets[name], name)))


def _seed_bytes(seed: str) -> bytes:
    if not _is_hex(seed) or len(seed) < 2 * SEED_BYTES:
        raise DomainError("lot.bad_seed", f"a seed is at least {SEED_BYTES} bytes, in hex")
    return bytes.fromhex(seed)


def _head_bytes(head: str) -> bytes:
    if not head or not _is_hex(head):
        raise DomainError("lot.bad_head", "the log head is a hash in hex")
    return bytes.fromhex(head)


def _is_hex(text: str) -> bool:
    return len(text) % 2 == 0 and all(c in "0123456789abcdefABCDEF" for c in text)
