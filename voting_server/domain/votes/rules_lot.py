"""Lottning (drawing lots) for a tied election: commit to a seed, then draw.

The commitment must be in the log before the draw; it may be made as soon as
the election opens. The seed is the context's, secret until the draw; the
draw checks it against the commitment, mixes in the log's head and orders the
tied contenders as ``lottery.draw_order`` says.
"""

from __future__ import annotations

from dataclasses import replace

from ..base import Actor, Event
from ..context import Context
from ..errors import DomainError, InvalidState
from ..meeting.state import MeetingState
from . import commands as cmd
from . import events as ev
from .guards import closed_vote
from .lottery import commitment_of, draw_order
from .model import Method, Status
from .outcome import outcome_of
from .state import VotesState


def commit_seed(
    votes: VotesState, meeting: MeetingState, c: cmd.CommitLotSeed, actor: Actor, context: Context
) -> list[Event]:
    record = votes.vote(c.vote)
    if record.opened.method is Method.QUESTION:
        raise InvalidState("lot.not_an_election", "a tied question is settled by the chair")
    if record.commitment is not None:
        raise InvalidState("lot.already_committed", "a seed is committed and not yet drawn")
    if record.outcome is not None and record.outcome.status is not Status.LOT_NEEDED:
        raise InvalidState("lot.not_needed", "the result needs no lottery")
    seed = context.lot_seed(c.vote, len(record.lots))
    return [ev.LotSeedCommitted(c.vote, commitment_of(seed))]


def draw(
    votes: VotesState, meeting: MeetingState, c: cmd.DrawLot, actor: Actor, context: Context
) -> list[Event]:
    record = closed_vote(votes, c.vote)
    outcome = record.outcome
    if outcome is None or outcome.status is not Status.LOT_NEEDED:
        raise InvalidState("lot.not_needed", "the result needs no lottery")
    if record.commitment is None:
        raise InvalidState("lot.not_committed", "commit to a seed before the draw")
    seed = context.lot_seed(c.vote, len(record.lots))
    if commitment_of(seed) != record.commitment:
        raise DomainError("lot.seed_mismatch", "the seed does not match its commitment")
    entrants = tuple(sorted(outcome.tied))
    head = context.head.hex()
    order = draw_order(seed, head, entrants)
    drawn = ev.LotDrawn(c.vote, seed, head, entrants, order, outcome)
    assert record.closed is not None
    settled = outcome_of(record.opened, record.closed.tally, None, [*record.lots, drawn])
    return [replace(drawn, outcome=settled)]
