"""One batch of commands decided together (group commit), before it is written.

``decide_batch`` runs each command through the rules in arrival order, fills
the fields only the hub may set, and collects what must become durable in
one transaction: the log entries' envelopes, the sealed secret ballots, and
the urns emptied by a close.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..audit.justering_events import MinutesSigned
from ..domain.aggregate import Meeting, execute
from ..domain.base import Actor
from ..domain.errors import DomainError, OrdetError
from ..domain.meeting.events import MeetingAdjourned
from ..domain.votes import commands as vc
from ..domain.votes import events as vev
from ..domain.votes import urn_deposit
from ..log.chain import Envelope
from .host_fields import HostFields
from .urn import UrnSealer

CHECKPOINT_AFTER = (vev.VoteClosed, MeetingAdjourned, MinutesSigned)

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
    deposits: list[tuple[str, bytes]] = field(default_factory=list)  # (vote, sealed ballot)
    emptied: list[str] = field(default_factory=list)  # votes whose urn the batch closed


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


def secret_votes_closing(meeting: Meeting, batch: list[Pending]) -> list[str]:
    """Secret votes a batch may close: their urns are read before deciding."""
    votes = meeting.votes.votes
    return [
        p.command.vote
        for p in batch
        if isinstance(p.command, vc.CloseVote)
        and p.command.vote in votes
        and votes[p.command.vote].opened.secret
    ]


def decide_batch(
    meeting: Meeting,
    batch: list[Pending],
    now: int,
    *,
    head_seq: int,
    head_hash: bytes,
    known_requests: dict[str, int],
    host: HostFields,
    sealer: UrnSealer,
    urns: dict[str, list[str]],
) -> Batch:
    """Decide every command of a batch in order, folding accepted events into ``meeting``.

    ``urns`` holds the opened urn entries of the secret votes this batch may
    close; ballots cast earlier in the same batch are added to it as they come.
    """
    result = Batch()
    in_batch: set[str] = set()
    fresh: dict[str, list[str]] = defaultdict(list)
    for p in batch:
        if p.rid is not None and (p.rid in known_requests or p.rid in in_batch):
            result.outcomes.append(p.rid)
            continue
        next_seq = head_seq + len(result.envelopes) + 1
        try:
            command = host.fill(
                p.command,
                meeting,
                next_seq,
                head_hash,
                lambda vote: (*urns.get(vote, ()), *fresh[vote]),
            )
            events = execute(meeting, command, p.actor, now)
        except DomainError as err:
            result.outcomes.append(err)
            continue
        if isinstance(command, vc.CastVote) and meeting.votes.votes[command.vote].opened.secret:
            entry = urn_deposit(meeting.votes, command)
            fresh[command.vote].append(entry)
            result.deposits.append(
                (command.vote, sealer.seal(host.meeting_id, command.vote, entry))
            )
        if isinstance(command, vc.CloseVote) and command.urn:
            result.emptied.append(command.vote)
        role = str(p.actor.role)
        for event in events:
            result.envelopes.append(Envelope(event, now, p.actor.person, role, p.rid))
        if p.rid is not None:
            in_batch.add(p.rid)
        result.outcomes.append(len(result.envelopes))
    return result
