"""Öppen omröstning (open vote by name): casting, changing and counting ballots.

Each seat has one ballot. An identical ballot sent again changes nothing; a
different one replaces it while the vote is open, if the vote allows changes.
The minutes get every seat's ballot by name and a breakdown per party.
"""

from __future__ import annotations

from ..base import Event
from ..errors import InvalidState
from . import events as ev
from .ballots import check_ballot, normalize
from .model import Ballot
from .outcome import outcome_of
from .state import VoteRecord
from .tally import by_party, count, named_list


def cast(record: VoteRecord, seat: int, person: str, ballot: Ballot) -> list[Event]:
    opened = record.opened
    check_ballot(opened.method, opened.options, opened.seats, ballot)
    ballot = normalize(opened.method, ballot)
    previous = record.ballots.get(seat)
    if previous == ballot:
        return []  # a retry: the seat's ballot is already this one
    if previous is not None and not opened.allow_change:
        raise InvalidState("vote.already_voted", "this vote does not allow changes")
    return [ev.BallotCast(opened.vote, seat, person, ballot)]


def excuse_for_jav(record: VoteRecord, person: str) -> list[Event]:
    """Jäv declared while the vote is open: the person leaves its roster, ballot and all."""
    seat = record.seat_of(person)
    if seat is None:
        return []
    return [ev.VoterExcused(record.id, seat, person, discarded=seat in record.ballots)]


def close(record: VoteRecord, chair: str) -> ev.VoteClosed:
    """The count of an open vote; ``chair`` is the person whose Ja or Nej breaks a tie."""
    opened = record.opened
    tally = count(opened, list(record.ballots.values()))
    outcome = outcome_of(opened, tally, record.ballot_of(chair), record.lots)
    return ev.VoteClosed(
        vote=opened.vote,
        tally=tally,
        outcome=outcome,
        named=named_list(record.voters, record.ballots),
        by_party=by_party(opened, record.voters, record.ballots),
    )
