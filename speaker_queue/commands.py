"""Debate commands (imperative, frozen), each with its wire tag and roles.

``person`` left empty means "myself". A delegate acts only for themselves;
the chair acts for anyone (a member without a tablet) and alone may set
``chair_override``. The host checks ``roles`` before the rules run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from .kinds import ProposalKind
from .settings import DebateSettings


class DebateCommand:
    """Something an actor asks of the speaker list. An empty ``roles`` denies all."""

    __slots__ = ()
    type: ClassVar[str]
    roles: ClassVar[frozenset[str]] = frozenset()


_MEMBERS = frozenset({"delegate", "chair", "secretary"})
_PRESIDIUM = frozenset({"chair", "secretary"})


@dataclass(frozen=True, slots=True)
class ChangeDebateSettings(DebateCommand):
    type = "debate.change_settings"
    roles = _PRESIDIUM
    settings: DebateSettings


# --- requests from the floor --------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequestFloor(DebateCommand):
    """Begära ordet: ask to speak. ``chair_override`` adds a name after the streck."""

    type = "debate.request_floor"
    roles = _MEMBERS
    person: str | None = None
    chair_override: bool = False


@dataclass(frozen=True, slots=True)
class RequestReplik(DebateCommand):
    """Replik: a short reply to the latest speech.

    ``chair_override`` waives the rule that only those who have spoken or were
    named may reply, and lets a replik in after a streck that shut them out.
    """

    type = "debate.request_replik"
    roles = _MEMBERS
    person: str | None = None
    chair_override: bool = False


@dataclass(frozen=True, slots=True)
class RequestKontrareplik(DebateCommand):
    """Kontrareplik: the speaker answers the replik just made to them."""

    type = "debate.request_kontrareplik"
    roles = _MEMBERS
    person: str | None = None


@dataclass(frozen=True, slots=True)
class RaisePointOfOrder(DebateCommand):
    """Ordningsfråga: a point about the procedure; it goes before all waiting."""

    type = "debate.raise_point_of_order"
    roles = _MEMBERS
    person: str | None = None


@dataclass(frozen=True, slots=True)
class WithdrawRequest(DebateCommand):
    type = "debate.withdraw_request"
    roles = _MEMBERS
    request: str


# --- the chair's controls -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamePerson(DebateCommand):
    """The latest speaker named this person, who may therefore reply."""

    type = "debate.name_person"
    roles = _PRESIDIUM
    person: str


@dataclass(frozen=True, slots=True)
class GiveFloor(DebateCommand):
    """Give the floor to the first waiting, or to the named request."""

    type = "debate.give_floor"
    roles = _PRESIDIUM
    request: str | None = None


@dataclass(frozen=True, slots=True)
class NextSpeaker(DebateCommand):
    """End the current speech (if any) and give the floor to the first waiting."""

    type = "debate.next_speaker"
    roles = _PRESIDIUM


@dataclass(frozen=True, slots=True)
class FinishSpeech(DebateCommand):
    type = "debate.finish_speech"
    roles = _PRESIDIUM


@dataclass(frozen=True, slots=True)
class PauseSpeech(DebateCommand):
    type = "debate.pause_speech"
    roles = _PRESIDIUM


@dataclass(frozen=True, slots=True)
class ResumeSpeech(DebateCommand):
    type = "debate.resume_speech"
    roles = _PRESIDIUM


@dataclass(frozen=True, slots=True)
class SkipRequest(DebateCommand):
    """Pass over the first waiting (or the named request), e.g. not in the room."""

    type = "debate.skip_request"
    roles = _PRESIDIUM
    request: str | None = None


@dataclass(frozen=True, slots=True)
class RemoveRequest(DebateCommand):
    type = "debate.remove_request"
    roles = _PRESIDIUM
    request: str


@dataclass(frozen=True, slots=True)
class MoveRequest(DebateCommand):
    """Move a request one place, among requests of the same kind."""

    type = "debate.move_request"
    roles = _PRESIDIUM
    request: str
    direction: Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class ReaddRequest(DebateCommand):
    """Put a skipped or removed request back in the place it had."""

    type = "debate.readd_request"
    roles = _PRESIDIUM
    request: str


@dataclass(frozen=True, slots=True)
class CloseList(DebateCommand):
    """Streck i debatten: no new names on the list.

    ``keep_waiting``: those already waiting keep their place.
    ``replik_allowed``: repliks may still be asked for after the streck.
    """

    type = "debate.close_list"
    roles = _PRESIDIUM
    keep_waiting: bool = True
    replik_allowed: bool = True


@dataclass(frozen=True, slots=True)
class ReopenList(DebateCommand):
    type = "debate.reopen_list"
    roles = _PRESIDIUM


# --- proposals (yrkanden) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubmitProposal(DebateCommand):
    """Yrkande: a proposal on the current item; the rules number it (``y1``, ``y2``…).

    After a streck only someone speaking or on the list may propose, unless
    the chair sets ``chair_override`` (a proposal made before the streck).
    """

    type = "debate.submit_proposal"
    roles = _MEMBERS
    kind: ProposalKind
    text: str = ""
    person: str | None = None
    chair_override: bool = False


@dataclass(frozen=True, slots=True)
class WithdrawProposal(DebateCommand):
    """Återta ett yrkande. The chair needs ``author_agrees``; the author does not."""

    type = "debate.withdraw_proposal"
    roles = _MEMBERS
    id: str
    author_agrees: bool = False


@dataclass(frozen=True, slots=True)
class MergeProposals(DebateCommand):
    """Join proposals of one kind into a new one, numbered as any proposal."""

    type = "debate.merge_proposals"
    roles = _MEMBERS
    sources: tuple[str, ...]
    text: str
    authors_agree: bool = False


DEBATE_COMMANDS: tuple[type[DebateCommand], ...] = (
    ChangeDebateSettings,
    RequestFloor,
    RequestReplik,
    RequestKontrareplik,
    RaisePointOfOrder,
    WithdrawRequest,
    NamePerson,
    GiveFloor,
    NextSpeaker,
    FinishSpeech,
    PauseSpeech,
    ResumeSpeech,
    SkipRequest,
    RemoveRequest,
    MoveRequest,
    ReaddRequest,
    CloseList,
    ReopenList,
    SubmitProposal,
    WithdrawProposal,
    MergeProposals,
)
