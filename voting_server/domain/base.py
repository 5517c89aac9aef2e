"""Building blocks shared by every rule module: roles, actors, events, commands.

Events and commands are frozen dataclasses that carry a dotted wire tag in the
class variable ``type``. Commands are imperative (``CheckIn``, tag
``attendance.check_in``); events are past tense (``CheckedIn``, tag
``attendance.checked_in``). Fields hold only wire-safe values: ``str``,
``int``, ``bool``, ``None``, ``StrEnum`` members and tuples of those, so an
event survives a msgpack round trip unchanged.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar


class Role(StrEnum):
    """The role a connection acts in. Each role sees its own view."""

    DELEGATE = "delegate"
    CHAIR = "chair"
    SECRETARY = "secretary"
    DISPLAY = "display"
    PUBLIC = "public"
    AUDITOR = "auditor"


#: Roles that run the meeting.
PRESIDIUM = frozenset({Role.CHAIR, Role.SECRETARY})
#: Roles that act for a person in the chamber (the chair is also a member).
IN_CHAMBER = frozenset({Role.DELEGATE, Role.CHAIR})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sends a command: a role, and the person behind it when there is one."""

    role: Role
    person: str | None = None


class Event:
    """Something that happened. Subclasses are frozen dataclasses."""

    __slots__ = ()
    type: ClassVar[str]


class Command:
    """Something an actor asks for. Subclasses are frozen dataclasses.

    ``roles`` lists who may send it; an empty set (the default) denies everyone.
    """

    __slots__ = ()
    type: ClassVar[str]
    roles: ClassVar[frozenset[Role]] = frozenset()


def next_id(prefix: str, taken: Container[str], made: int) -> str:
    """The id of the next thing of a kind: ``prefix`` and its number, skipping any in use.

    Numbered from the state, ids come out the same on every hub process and in a replay.
    """
    number = made + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"
