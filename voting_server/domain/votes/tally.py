"""Counting ballots: the tally, an open vote's named list and its breakdown per party."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from .events import VoteOpened
from .model import (
    QUESTION_OPTIONS,
    Ballot,
    GroupCount,
    Method,
    NamedBallot,
    OptionCount,
    PartyCount,
    Tally,
    Voter,
)


def count(opened: VoteOpened, ballots: Collection[Ballot]) -> Tally:
    """Count ballots; every ballot lands in exactly one count, blank or group."""
    method = opened.method
    if method is Method.QUESTION:
        choices = Counter(b.choice for b in ballots)
        counts = tuple(OptionCount(o, choices[o]) for o in QUESTION_OPTIONS)
        return Tally(len(ballots), counts)
    blank = sum(1 for b in ballots if b.blank)
    if method is Method.MAJORITY:
        names = Counter(n for b in ballots for n in b.names)
        counts = tuple(OptionCount(o, names[o]) for o in opened.options)
        return Tally(len(ballots), counts, blank)
    lists = Counter((b.label, b.names) for b in ballots if not b.blank)
    groups = tuple(
        GroupCount(label, names, votes)
        for (label, names), votes in sorted(lists.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return Tally(len(ballots), blank=blank, groups=groups)


def named_list(voters: Sequence[Voter], ballots: Mapping[int, Ballot]) -> tuple[NamedBallot, ...]:
    """Every seat of the roster with its ballot, or None where it did not vote."""
    return tuple(
        NamedBallot(v.seat, v.person, v.party, ballots.get(v.seat))
        for v in sorted(voters, key=lambda v: v.seat)
    )


def by_party(
    opened: VoteOpened, voters: Sequence[Voter], ballots: Mapping[int, Ballot]
) -> tuple[PartyCount, ...]:
    """The count within each party, parties in alphabetical order of their ids."""
    out = []
    for party in sorted({v.party for v in voters}):
        seats = [v.seat for v in voters if v.party == party]
        cast = [ballots[s] for s in seats if s in ballots]
        tally = count(opened, cast)
        out.append(PartyCount(party, len(seats), len(cast), tally.counts, tally.blank))
    return tuple(out)
