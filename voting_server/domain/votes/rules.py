"""Decide vote commands: a command in, events out, or a DomainError.

``decide`` reads the meeting (roster, seats, presence, jäv, quorum, the item
under way) and never changes it or the votes; ``execute`` also folds the
events into the votes' state. Roles are checked by the aggregate before this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..base import PRESIDIUM, Actor, Event
from ..context import Context
from ..errors import InvalidState, NotAllowed
from ..meeting.rules import target_person
from ..meeting.state import MeetingState
from . import commands as cmd
from . import decisions, opening, rules_kontra, rules_lot, rules_open, rules_order, rules_secret
from . import events as ev
from .guards import open_vote
from .model import Ballot, Method, Status
from .state import VotesState


def decide(
    votes: VotesState, meeting: MeetingState, command: Any, actor: Actor, context: Context
) -> list[Event]:
    """The events a vote command produces; raises DomainError on a refusal."""
    if not meeting.opened:
        raise InvalidState("meeting.not_opened", "the meeting has not been opened")
    if meeting.adjourned and type(command) not in AFTER_ADJOURNMENT:
        raise InvalidState("meeting.adjourned", "the meeting is adjourned")
    with_context = _DECIDE_WITH_CONTEXT.get(type(command))
    if with_context is not None:
        return with_context(votes, meeting, command, actor, context)
    return _DECIDE[type(command)](votes, meeting, command, actor)


def execute(
    votes: VotesState, meeting: MeetingState, command: Any, actor: Actor, context: Context
) -> list[Event]:
    """Decide a command and fold its events into ``votes``."""
    events = decide(votes, meeting, command, actor, context)
    for event in events:
        votes.apply(event, context.now)
    return events


#: What may still be handed in once the meeting is adjourned (until the justering).
AFTER_ADJOURNMENT = frozenset({cmd.GiveReservationReason})


def after_jav(votes: VotesState, item: str, person: str) -> list[Event]:
    """Jäv on ``item`` while a question on it is open takes the person off its roster.

    Jäv does not apply to elections, so an election's roster stays as it is.
    """
    current = votes.current
    if current is None:
        return []
    record = votes.votes[current]
    if record.opened.item != item or record.opened.method is not Method.QUESTION:
        return []
    return rules_open.excuse_for_jav(record, person)


def _cast(votes: VotesState, meeting: MeetingState, c: cmd.CastVote, actor: Actor) -> list[Event]:
    record = open_vote(votes, c.vote)
    secret = record.opened.secret
    if secret and actor.role in PRESIDIUM and c.person not in (None, actor.person):
        raise NotAllowed("vote.secret_in_person", "a secret ballot is cast by the voter")
    person = target_person(meeting, actor, c.person)
    seat = record.seat_of(person)
    if seat is None:
        raise NotAllowed("vote.not_entitled", f"{person} is not on this vote's roster")
    if not meeting.is_present(person):
        raise InvalidState("vote.not_present", f"{person} has left the meeting")
    ballot = Ballot(c.choice, c.names, c.label)
    if secret:
        return rules_secret.cast(record, seat, ballot)
    return rules_open.cast(record, seat, person, ballot)


def _void(votes: VotesState, meeting: MeetingState, c: cmd.VoidVote, actor: Actor) -> list[Event]:
    record = open_vote(votes, c.vote)
    reason = c.reason.strip()
    if not reason:
        raise InvalidState("vote.void_reason_required", "say why the vote is void")
    return [ev.VoteVoided(record.id, reason)]


def _close(
    votes: VotesState, meeting: MeetingState, c: cmd.CloseVote, actor: Actor, context: Context
) -> list[Event]:
    record = open_vote(votes, c.vote)
    if record.opened.secret:
        closed = rules_secret.close(record, context.urn(c.vote))
    else:
        closed = rules_open.close(record, meeting.presiding)
    if closed.outcome.status is not Status.DECIDED:
        return [closed]
    return [closed, *rules_kontra.settle_by_vote(votes, record, closed.outcome.choice)]


_DECIDE: dict[type, Callable[[VotesState, MeetingState, Any, Actor], list[Event]]] = {
    cmd.OpenVote: opening.open_vote,
    cmd.CastVote: _cast,
    cmd.VoidVote: _void,
    cmd.DecideTie: decisions.decide_tie,
    cmd.AnnounceDecision: decisions.announce,
    cmd.EnterReservation: decisions.reserve,
    cmd.GiveReservationReason: decisions.give_reason,
    cmd.EnterMinutesNote: decisions.note,
    cmd.AcclaimDecision: decisions.acclaim,
    cmd.DeclareNoPart: decisions.no_part,
    cmd.RequestProportionalElection: opening.request_proportional,
    cmd.RequestSecretElection: opening.request_secret,
    cmd.StartKontraproposition: rules_kontra.start,
    cmd.DemandVote: rules_kontra.demand_vote,
    cmd.SettleRound: rules_kontra.settle_by_acclamation,
    cmd.ProposeOrder: rules_order.propose,
    cmd.ApproveOrder: rules_order.approve,
    cmd.InvokeMinorityRight: rules_order.invoke_minority_right,
}
#: The commands whose events depend on what only the server holds (the urn, the seeds, the head).
_DECIDE_WITH_CONTEXT: dict[
    type, Callable[[VotesState, MeetingState, Any, Actor, Context], list[Event]]
] = {
    cmd.CloseVote: _close,
    cmd.CommitLotSeed: rules_lot.commit_seed,
    cmd.DrawLot: rules_lot.draw,
}
