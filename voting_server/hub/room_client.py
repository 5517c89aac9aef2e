"""What a Room needs of a connection: who it is, and a way to send."""

from __future__ import annotations

from typing import Any

from ..domain.base import Role


class Client:
    """What a Room needs of a connection: who it is, and a way to send."""

    role: Role
    person: str | None
    seq: int
    me: dict[str, Any] | None

    def send(self, frame: bytes) -> None:
        raise NotImplementedError

    def lose_chair(self) -> None:
        """Another member presides now: a chair's connection ends (its page reconnects)."""
        raise NotImplementedError
