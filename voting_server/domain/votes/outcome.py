"""From a tally to a result: majority, the chair's casting vote, d'Hondt, and lots.

A question is decided by more Ja than Nej or the reverse. On a tie in an open
vote the chair's own Ja or Nej decides (utslagsröst); otherwise the result
waits for the chair's ``DecideTie``. An election's tie is broken only by the
lots drawn for it; until then the result waits for a lottery.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .ballots import urn_entry
from .dhondt import Allocation, TieBreak, dhondt, first_in
from .events import LotDrawn, VoteOpened
from .model import Ballot, Choice, DecidedBy, GroupSeats, Method, Outcome, Status, Tally


def outcome_of(
    opened: VoteOpened, tally: Tally, chair_ballot: Ballot | None, lots: Sequence[LotDrawn]
) -> Outcome:
    """The result of a closed vote; ``chair_ballot`` only for an open vote."""
    if opened.method is Method.QUESTION:
        return question_outcome(tally, chair_ballot)
    tie_break = _Recorded(lot_tie_break(lots))
    if opened.method is Method.MAJORITY:
        outcome = majority_outcome(tally, opened.seats, tie_break)
    else:
        outcome = proportional_outcome(tally, opened.seats, tie_break)
    if tie_break.used and outcome.status is Status.DECIDED:
        return replace(outcome, decided_by=DecidedBy.LOT)
    return outcome


def question_outcome(tally: Tally, chair_ballot: Ballot | None) -> Outcome:
    ja, nej = tally.votes_for(Choice.JA), tally.votes_for(Choice.NEJ)
    if ja != nej:
        return Outcome(Status.DECIDED, DecidedBy.VOTES, Choice.JA if ja > nej else Choice.NEJ)
    if chair_ballot is not None and chair_ballot.choice in (Choice.JA, Choice.NEJ):
        return Outcome(Status.DECIDED, DecidedBy.CASTING_VOTE, chair_ballot.choice)
    return Outcome(Status.TIE)


def majority_outcome(tally: Tally, seats: int, tie_break: TieBreak | None) -> Outcome:
    """The candidates with the most votes take the seats, one seat each."""
    votes = {c.option: c.votes for c in tally.counts}
    allocation = dhondt(votes, seats, tie_break, capacity=dict.fromkeys(votes, 1))
    return _outcome(allocation, allocation.order, ())


def proportional_outcome(tally: Tally, seats: int, tie_break: TieBreak | None) -> Outcome:
    """D'Hondt among groups, then names in list order, skipping anyone already elected.

    A group whose list runs out (its names elected through other groups)
    takes no more seats; the allocation is then made again without them.
    """
    ids = [_group_id(g.label, g.names) for g in tally.groups]
    lists = {gid: g.names for gid, g in zip(ids, tally.groups, strict=True)}
    votes = {gid: g.votes for gid, g in zip(ids, tally.groups, strict=True)}
    capacity = {gid: len(names) for gid, names in lists.items()}
    while True:
        allocation = dhondt(votes, seats, tie_break, capacity=capacity)
        elected: dict[str, list[str]] = {gid: [] for gid in lists}
        taken: list[str] = []
        short = None
        for gid in allocation.order:
            name = next((n for n in lists[gid] if n not in taken), None)
            if name is None:
                short = gid
                break
            elected[gid].append(name)
            taken.append(name)
        if short is None:
            break
        capacity[short] = len(elected[short])
    groups = tuple(
        GroupSeats(g.label, g.names, len(elected[gid]), tuple(elected[gid]))
        for gid, g in zip(ids, tally.groups, strict=True)
    )
    return _outcome(allocation, tuple(taken), groups)


def lot_tie_break(lots: Sequence[LotDrawn]) -> TieBreak:
    """Break a tie by the latest lottery that ordered all of the tied, if any."""

    def choose(tied: tuple[str, ...], seats: int) -> tuple[str, ...] | None:
        for lot in reversed(lots):
            if set(tied) <= set(lot.entrants):
                return first_in(lot.order)(tied, seats)
        return None

    return choose


def _outcome(
    allocation: Allocation, elected: tuple[str, ...], groups: tuple[GroupSeats, ...]
) -> Outcome:
    if allocation.tied:
        return Outcome(Status.LOT_NEEDED, None, "", elected, groups, allocation.tied)
    return Outcome(Status.DECIDED, DecidedBy.VOTES, "", elected, groups, (), allocation.unfilled)


def _group_id(label: str, names: tuple[str, ...]) -> str:
    """A group is named by its ballots' urn entry: label and list, exactly."""
    return urn_entry(Method.PROPORTIONAL, Ballot(label=label, names=names))


class _Recorded:
    """A tie break that remembers whether it broke a tie."""

    def __init__(self, inner: TieBreak) -> None:
        self.inner = inner
        self.used = False

    def __call__(self, tied: tuple[str, ...], seats: int) -> tuple[str, ...] | None:
        chosen = self.inner(tied, seats)
        self.used = self.used or chosen is not None
        return chosen
