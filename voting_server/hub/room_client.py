"""What a Room needs of a connection: who it is, and a way to send."""

from __future__ import annotations

from typing import Any

from ..domain.base import Role
from ..protocol import outgoing


class Client:
    """What a Room needs of a connection: who it is, and a way to send."""

    role: Role
    person: str | None
    seq: int
    me: dict[str, Any] | None
    #: The seq of a changed ``me`` not sent yet: it goes with the next ack, or alone.
    me_unsent: int | None = None

    def send(self, frame: bytes) -> None:
        raise NotImplementedError

    def take_me(self) -> tuple[int, dict[str, Any] | None] | None:
        """The changed personal status to send with an ack, once."""
        if self.me_unsent is None:
            return None
        seq, self.me_unsent = self.me_unsent, None
        return seq, self.me

    def send_me(self) -> None:
        """The changed personal status on its own, if no ack took it."""
        taken = self.take_me()
        if taken is not None:
            self.send(outgoing.me(*taken))

    def lose_chair(self) -> None:
        """Another member presides now: a chair's connection ends (its page reconnects)."""
        raise NotImplementedError
