"""What the debate rules need to know about the meeting around them.

The host implements ``Chamber`` on its meeting state, so that these rules
never read attendance, seating or jäv (disqualification) themselves.
``StaticChamber`` is a fixed one for tests and tools.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol


class Chamber(Protocol):
    """A read-only view of the meeting at the moment a command is decided."""

    @property
    def current_item(self) -> str | None:
        """The agenda item under debate; debate commands need one."""

    @property
    def actor(self) -> str | None:
        """The person sending the command; None for a secretary without one."""

    @property
    def actor_is_chair(self) -> bool:
        """The actor may act for others and use the chair's overrides."""

    def is_present(self, person: str) -> bool: ...

    def may_propose(self, person: str) -> bool:
        """A seated member or a serving substitute (ersättare som tjänstgör)."""

    def has_jav(self, person: str) -> bool:
        """Jäv on the current item: the person is excluded from its debate."""

    def party(self, person: str) -> str: ...

    def gender(self, person: str) -> str:
        """ "f", "m", "x" or "" (for speaking-time statistics)."""

    def name(self, person: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Participant:
    """One person as a ``StaticChamber`` sees them."""

    id: str
    name: str = ""
    party: str = ""
    gender: str = ""
    present: bool = True
    may_propose: bool = True  # False for a substitute who is not serving
    jav: bool = False


@dataclass(frozen=True, slots=True)
class StaticChamber:
    """A fixed chamber; unknown persons are absent and may not propose."""

    people: tuple[Participant, ...] = ()
    current_item: str | None = None
    actor: str | None = None
    actor_is_chair: bool = False

    def acting(self, actor: str | None, *, chair: bool = False) -> StaticChamber:
        """The same chamber with another person sending the command."""
        return dataclasses.replace(self, actor=actor, actor_is_chair=chair)

    def _find(self, person: str) -> Participant | None:
        return next((p for p in self.people if p.id == person), None)

    def is_present(self, person: str) -> bool:
        found = self._find(person)
        return found is not None and found.present

    def may_propose(self, person: str) -> bool:
        found = self._find(person)
        return found is not None and found.may_propose

    def has_jav(self, person: str) -> bool:
        found = self._find(person)
        return found is not None and found.jav

    def party(self, person: str) -> str:
        found = self._find(person)
        return found.party if found else ""

    def gender(self, person: str) -> str:
        found = self._find(person)
        return found.gender if found else ""

    def name(self, person: str) -> str:
        found = self._find(person)
        return found.name if found and found.name else person
