"""Sluten omröstning (secret ballot): who voted apart from what was voted.

Casting logs ``SecretBallotCast(vote, seat)``: the voter, never the choice.
The choice goes into an urn that the hub keeps apart from the log, without
order (see ``urn_deposit``). At the close the hub hands the urn's entries to
``CloseVote``; the count logs them sorted, so neither order, time nor id
links a voter to a ballot. A secret ballot cannot be changed or retried.
"""

from __future__ import annotations

from ..base import Event
from ..errors import DomainError, InvalidState
from . import commands as cmd
from . import events as ev
from .ballots import check_ballot, entry_size, normalize, parse_urn_entry, urn_entry
from .model import Ballot
from .outcome import outcome_of
from .state import VoteRecord, VotesState
from .tally import count


def cast(record: VoteRecord, seat: int, ballot: Ballot) -> list[Event]:
    opened = record.opened
    check_ballot(opened.method, opened.options, opened.seats, ballot)
    if seat in record.marked:
        raise InvalidState("vote.already_voted", "a secret ballot is cast once")
    size = urn_size(record)
    if len(urn_entry(opened.method, normalize(opened.method, ballot)).encode()) > size:
        raise DomainError("vote.ballot_too_long", f"a ballot of one's own fits in {size} bytes")
    return [ev.SecretBallotCast(opened.vote, seat)]


def urn_size(record: VoteRecord) -> int:
    """The padded size of every urn entry of this vote (see ``entry_size``)."""
    o = record.opened
    return entry_size(o.method, o.options, o.seats, o.ballots)


def urn_deposit(votes: VotesState, command: cmd.CastVote) -> str:
    """The urn entry for a secret ballot that ``decide`` accepted.

    The hub stores it with the ``SecretBallotCast`` event, atomically, but
    apart from the log and without order: e.g. as a count per entry, or as
    encrypted blobs in a set.
    """
    opened = votes.vote(command.vote).opened
    if not opened.secret:
        raise InvalidState("vote.not_secret", "an open vote has no urn")
    ballot = Ballot(command.choice, command.names, command.label)
    return urn_entry(opened.method, normalize(opened.method, ballot))


def close(record: VoteRecord, urn: tuple[str, ...]) -> ev.VoteClosed:
    opened = record.opened
    if len(urn) != len(record.marked):
        raise InvalidState(
            "vote.urn_mismatch", f"{len(record.marked)} voted but the urn holds {len(urn)}"
        )
    ballots = [parse_urn_entry(opened.method, opened.options, opened.seats, e) for e in urn]
    tally = count(opened, ballots)
    outcome = outcome_of(opened, tally, None, record.lots)
    return ev.VoteClosed(vote=opened.vote, tally=tally, outcome=outcome, urn=tuple(sorted(urn)))
