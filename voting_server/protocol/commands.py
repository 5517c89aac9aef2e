"""A client's frame into a command: the way in, after ``frames.decode``.

Texts are held to their limit and the command is built by the strict wire
registry, which refuses unknown and mistyped fields. A command holds only
what its sender may choose: there is no field where a client could put an
id, a seed or an urn (those come from the server, in the decision's context).
"""

from __future__ import annotations

from typing import Any

from ..domain.aggregate import COMMANDS
from ..domain.wire import ENVELOPE_KEYS
from .frames import check_texts


def command_from(frame: dict[str, Any]) -> Any:
    """The command a decoded frame asks for, or a ProtocolError / DomainError."""
    check_texts(frame)
    return COMMANDS.from_wire(frame, extra=ENVELOPE_KEYS)
