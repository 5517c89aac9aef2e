"""The speaker list inside a meeting: ``speaker_queue`` seen through the meeting.

``MeetingChamber`` answers the debate rules' questions (who is present, who
may propose, who has jäv) from the meeting's attendance state.
"""

from __future__ import annotations

from dataclasses import dataclass

from .meeting.state import MeetingState


@dataclass(frozen=True, slots=True)
class MeetingChamber:
    state: MeetingState
    actor: str | None
    actor_is_chair: bool

    @property
    def current_item(self) -> str | None:
        return self.state.current_item

    def is_present(self, person: str) -> bool:
        return self.state.is_present(person)

    def may_propose(self, person: str) -> bool:
        """Seated: a member on their seat, or a substitute serving (tjänstgörande)."""
        return person in self.state.seat_of

    def has_jav(self, person: str) -> bool:
        return self.state.has_jav(person)

    def party(self, person: str) -> str:
        found = self.state.roster.person(person)
        return found.party if found else ""

    def gender(self, person: str) -> str:
        found = self.state.roster.person(person)
        return found.gender if found else ""

    def name(self, person: str) -> str:
        found = self.state.roster.person(person)
        return found.name if found else person
