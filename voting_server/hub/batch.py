"""One batch of commands decided together (group commit), before it is written.

``decide_batch`` runs each command through the rules in arrival order, each
with its context (the time, the log's head, the lottery's seeds, the urns it
may count), and collects what must become durable in one transaction: the log
entries' envelopes, the new entries of secret votes' urns, and the urns
emptied by a close.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgpack

from ..domain.aggregate import Meeting, decide
from ..domain.allowances.events import AllowancesApproved
from ..domain.base import Actor
from ..domain.context import Context
from ..domain.errors import DomainError, OrdetError
from ..domain.justering.events import MinutesSigned
from ..domain.meeting.events import MeetingAdjourned
from ..domain.votes import commands as vc
from ..domain.votes import events as vev
from ..domain.wire import to_wire
from ..log.chain import Envelope

CHECKPOINT_AFTER = (vev.VoteClosed, MeetingAdjourned, MinutesSigned, AllowancesApproved)

#: An outcome per command: the count of envelopes up to its own, an error,
#: or the request key of a retry (answered with the original result).
Outcome = int | OrdetError | str


@dataclass
class Pending:
    command: Any
    actor: Actor
    rid: str | None
    future: asyncio.Future[int] = field(repr=False)


@dataclass
class Batch:
    envelopes: list[Envelope] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    deposits: dict[str, list[str]] = field(default_factory=dict)  # vote -> new urn entries
    emptied: list[str] = field(default_factory=list)  # votes whose urn the batch closed


class RequestReused(DomainError):
    default_code = "request.rid_reused"


def command_digest(command: Any) -> str:
    """What a request asked for, so that a retry can be told from a new command."""
    return hashlib.sha256(msgpack.packb(to_wire(command), use_bin_type=True)).hexdigest()[:32]


def take_batch(pending: list[Pending]) -> tuple[list[Pending], list[Pending]]:
    """The next batch and what waits for the one after.

    A lottery draw is decided alone, so that the log head it mixes into the
    draw is the entry right before its own.
    """
    for index, item in enumerate(pending):
        if isinstance(item.command, vc.DrawLot):
            if index == 0:
                return pending[:1], pending[1:]
            return pending[:index], pending[index:]
    return pending, []


def needs_checkpoint(envelopes: list[Envelope]) -> bool:
    """A vote close or the adjournment is followed by a signed checkpoint."""
    return any(isinstance(e.event, CHECKPOINT_AFTER) for e in envelopes)


def secret_votes_touched(meeting: Meeting, batch: list[Pending]) -> list[str]:
    """Open secret votes a batch casts in or closes: their urns are opened before deciding."""
    votes = meeting.votes.votes
    touched = {
        p.command.vote
        for p in batch
        if isinstance(p.command, vc.CastVote | vc.CloseVote)
        and p.command.vote in votes
        and votes[p.command.vote].opened.secret
        and votes[p.command.vote].is_open
    }
    return sorted(touched)


def decide_batch(
    meeting: Meeting,
    batch: list[Pending],
    now: int,
    *,
    head_hash: bytes,
    known_requests: dict[str, int],
    known_commands: dict[str, str],
    lot_seeds: Callable[[str, int], str],
    urns: dict[str, list[str]],
) -> Batch:
    """Decide every command of a batch in order, folding accepted events into ``meeting``.

    ``urns`` holds the opened urn entries of the secret votes this batch
    touches; ballots cast earlier in the same batch are added as they come.
    A secret vote missing from ``urns`` is one whose urn cannot be opened.
    A request id seen before is answered with its first outcome when it asks
    for the same command (``known_commands``), and refused when it does not.
    """
    result = Batch()
    in_batch: dict[str, str] = {}
    fresh = result.deposits
    context = Context(
        now,
        head=head_hash,  # a draw is decided alone, so this is the entry right before it
        lot_seed=lot_seeds,
        urn=lambda vote: (*urns.get(vote, ()), *fresh.get(vote, ())),
    )
    for p in batch:
        digest = command_digest(p.command) if p.rid is not None else None
        if p.rid is not None and (p.rid in known_requests or p.rid in in_batch):
            first = in_batch.get(p.rid) or known_commands.get(p.rid)
            if first is not None and first != digest:
                result.outcomes.append(
                    RequestReused(message="this request id was used for another command")
                )
            else:
                result.outcomes.append(p.rid)
            continue
        command = p.command
        try:
            _urn_at_hand(meeting, command, urns)
            decided = decide(meeting, command, p.actor, context)
        except DomainError as err:
            result.outcomes.append(err)
            continue
        events = decided.events
        if decided.deposit is not None:
            fresh.setdefault(command.vote, []).append(decided.deposit)
        # A secret vote that ended (counted or declared void): its urn and key go.
        ended = [e.vote for e in events if isinstance(e, vev.VoteClosed | vev.VoteVoided)]
        result.emptied += [v for v in ended if meeting.votes.vote(v).opened.secret]
        role = str(p.actor.role)
        for event in events:
            result.envelopes.append(Envelope(event, now, p.actor.person, role, p.rid, digest))
        if p.rid is not None and digest is not None:
            in_batch[p.rid] = digest
        result.outcomes.append(len(result.envelopes))
    return result


def _urn_at_hand(meeting: Meeting, command: Any, urns: dict[str, list[str]]) -> None:
    """Refuse a ballot or a close of a secret vote whose urn could not be opened."""
    if not isinstance(command, vc.CastVote | vc.CloseVote):
        return
    record = meeting.votes.votes.get(command.vote)
    if record is not None and record.opened.secret and record.is_open and command.vote not in urns:
        raise UrnUnavailable(message="the urn of this secret vote cannot be opened")


class UrnUnavailable(DomainError):
    default_code = "vote.urn_unavailable"
