"""Checks shared by the rules: the item under way, who serves, a vote's stage."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import DomainError, InvalidState
from ..meeting.state import MeetingState
from .model import Status
from .state import VoteRecord, VotesState


def current_item(meeting: MeetingState) -> str:
    if meeting.current_item is None:
        raise InvalidState("vote.no_item", "start the item first")
    return meeting.current_item


def require_quorum(meeting: MeetingState) -> None:
    """Every decision needs beslutsförhet: more than half of the seats filled (KL 5 kap.).

    Opening a vote, a decision by acclamation, a kontraproposition round, the
    approval of the order of questions and the minority right all ask it.
    """
    if not meeting.quorum:
        raise InvalidState("meeting.no_quorum", "more than half of the seats must be filled")


def serving(meeting: MeetingState, person: str) -> bool:
    """On a seat now: a present member, or a substitute serving (tjänstgörande)."""
    return person in meeting.seated.values()


def supporters_of(meeting: MeetingState, supporters: Sequence[str]) -> tuple[str, ...]:
    """Supporters of a request, each once and each serving, in sorted order."""
    if len(set(supporters)) != len(supporters):
        raise DomainError("supporters.duplicate", "name each supporter once")
    strangers = [p for p in supporters if not serving(meeting, p)]
    if strangers:
        raise InvalidState("supporters.not_serving", f"{strangers[0]} is not serving")
    return tuple(sorted(supporters))


def open_vote(votes: VotesState, vote_id: str) -> VoteRecord:
    record = votes.vote(vote_id)
    if not record.is_open:
        raise InvalidState("vote.closed", "the vote is closed")
    return record


def closed_vote(votes: VotesState, vote_id: str) -> VoteRecord:
    record = votes.vote(vote_id)
    if record.voided is not None:
        raise InvalidState("vote.void", "the vote was declared void")
    if record.is_open:
        raise InvalidState("vote.still_open", "close the vote first")
    return record


def decided_vote(votes: VotesState, vote_id: str) -> VoteRecord:
    record = closed_vote(votes, vote_id)
    if record.outcome is None or record.outcome.status is not Status.DECIDED:
        raise InvalidState("vote.not_decided", "the result awaits a tie decision or a lot")
    return record
