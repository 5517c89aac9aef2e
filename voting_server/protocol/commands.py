"""A client's frame into a command: the way in, after ``frames.decode``.

Texts are held to their limit, the fields only the server chooses are
blanked (``domain/server_chosen.py``: a forged urn or id never reaches the
rules), and the command is built by the strict wire registry, which refuses
unknown and mistyped fields.
"""

from __future__ import annotations

import copy
from typing import Any

from ..domain.aggregate import COMMANDS
from ..domain.server_chosen import SERVER_CHOSEN_BY_TAG
from ..domain.wire import ENVELOPE_KEYS
from .frames import check_texts


def blank_server_chosen(frame: dict[str, Any]) -> None:
    """Overwrite whatever a client put in the fields only the server sets."""
    for field in SERVER_CHOSEN_BY_TAG.get(frame["type"], ()):
        frame[field.name] = copy.copy(field.blank)


def command_from(frame: dict[str, Any]) -> Any:
    """The command a decoded frame asks for, or a ProtocolError / DomainError."""
    check_texts(frame)
    blank_server_chosen(frame)
    return COMMANDS.from_wire(frame, extra=ENVELOPE_KEYS)
