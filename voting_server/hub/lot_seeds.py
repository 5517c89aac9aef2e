"""The lottery's seeds, derived from the installation's secret (HMAC).

A seed committed before a draw can so be revealed at the draw, even by another
process or after a restart, and nobody reading the database learns it early.
The rules take it through the decision's context (``domain/context.py``).
"""

from __future__ import annotations

import hashlib
import hmac


class LotSeeds:
    def __init__(self, meeting_id: str, secret: str) -> None:
        self.meeting_id = meeting_id
        self._key = hashlib.sha256(f"ordet-lot-seeds:{secret}".encode()).digest()

    def __call__(self, vote: str, draw: int) -> str:
        """The seed of ``vote``'s ``draw``-th lottery (0 for its first), as hex."""
        message = f"{self.meeting_id}:{vote}:{draw}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()
