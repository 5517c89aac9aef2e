"""Kontrapropositionsvotering (counter-proposition voting) as commands and events.

Each round is put for acclamation (ja-rop) and the chair states the outcome;
if any member demands a vote, the round is settled by an open vote instead.
Every round is logged as ``RoundSettled``.
"""

from __future__ import annotations

from ..base import Actor, Event
from ..errors import DomainError, InvalidState, NotAllowed
from ..meeting.rules import target_person
from ..meeting.state import MeetingState
from . import commands as cmd
from . import events as ev
from .guards import current_item, require_quorum, serving
from .kontraproposition import Round
from .model import Choice
from .state import Procedure, VoteRecord, VotesState


def start(
    votes: VotesState, meeting: MeetingState, c: cmd.StartKontraproposition, actor: Actor
) -> list[Event]:
    item = current_item(meeting)
    if len(c.proposals) < 3:
        raise DomainError("kontra.too_few_proposals", "it takes three proposals or more")
    if len(set(c.proposals)) != len(c.proposals) or not all(c.proposals):
        raise DomainError("kontra.duplicate_proposal", "name each proposal once")
    if c.main not in c.proposals:
        raise DomainError("kontra.unknown_main", "the main proposal must be one of the proposals")
    active = votes.active_procedure(item)
    if active is not None:
        raise InvalidState("kontra.in_progress", f"finish procedure {active.id!r} first")
    return [ev.KontrapropositionStarted(votes.next_procedure_id(), item, c.proposals, c.main)]


def demand_vote(
    votes: VotesState, meeting: MeetingState, c: cmd.DemandVote, actor: Actor
) -> list[Event]:
    person = target_person(meeting, actor, c.person)
    procedure = votes.procedure(c.procedure)
    current = current_round(procedure, meeting.current_item)
    if not serving(meeting, person) or meeting.has_jav(person):
        raise NotAllowed("kontra.not_entitled", "only a member taking part may demand a vote")
    if procedure.demanded_by or procedure.vote is not None:
        return []  # one demand is enough
    return [ev.VoteDemanded(procedure.id, current.number, person)]


def settle_by_acclamation(
    votes: VotesState, meeting: MeetingState, c: cmd.SettleRound, actor: Actor
) -> list[Event]:
    procedure = votes.procedure(c.procedure)
    current = current_round(procedure, meeting.current_item)
    if procedure.vote is not None:
        raise InvalidState("kontra.vote_pending", "the round is being settled by a vote")
    if procedure.demanded_by:
        raise InvalidState("kontra.vote_demanded", "a member demanded a vote on this round")
    if c.winner not in (current.ja, current.nej):
        raise DomainError("kontra.bad_winner", f"the round is {current.ja} against {current.nej}")
    require_quorum(meeting)
    settled = _settled(procedure, current, c.winner, vote="")
    if not settled.final:
        return [settled]
    # The final round by acclamation decides the matter: a decision like any other.
    decision = ev.DecisionAcclaimed(
        decision=votes.next_decision_id(),
        item=procedure.started.item,
        text=f"Bifall till {c.winner}",
        proposal=c.winner,
        procedure=procedure.id,
        serving=tuple(sorted(meeting.seated.values())),
    )
    return [settled, decision]


def settle_by_vote(votes: VotesState, record: VoteRecord, choice: str) -> list[Event]:
    """The round a decided vote settles, if the vote was held for one."""
    if not record.opened.procedure:
        return []
    procedure = votes.procedure(record.opened.procedure)
    current = current_round(procedure, record.opened.item)
    winner = current.ja if choice == Choice.JA else current.nej
    return [_settled(procedure, current, winner, vote=record.id)]


def current_round(procedure: Procedure, item: str | None) -> Round:
    """The round under way; refused when the procedure is over or belongs to another item."""
    current = procedure.current_round
    if current is None:
        raise InvalidState("kontra.finished", "every round is settled")
    if procedure.started.item != item:
        raise InvalidState("kontra.other_item", "the procedure belongs to another item")
    return current


def _settled(procedure: Procedure, current: Round, winner: str, vote: str) -> ev.RoundSettled:
    return ev.RoundSettled(
        procedure.id, current.number, current.ja, current.nej, winner, current.final, vote
    )
