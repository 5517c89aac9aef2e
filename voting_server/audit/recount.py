"""Recounting a closed vote from the ballots logged before its close.

An open vote is counted again from its ``vote.ballot_cast`` events (the last
ballot of each seat); its named list, party breakdown and result must come
out equal. A secret vote logs who voted, not what: the number of
``vote.secret_ballot_cast`` events must equal the number of ballots in the
urn, and the urn's contents must count to the recorded tally and result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import DomainError
from ..domain.votes import rules_open, rules_secret
from ..domain.votes.events import VoteClosed
from ..domain.votes.state import VoteRecord
from ..domain.wire import to_wire


@dataclass(frozen=True)
class Recount:
    seq: int
    vote: str
    recorded: VoteClosed
    recomputed: VoteClosed | None
    problems: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return not self.problems


def recount(seq: int, record: VoteRecord, chair: str, closed: VoteClosed) -> Recount:
    """Compare a ``vote.closed`` event with the count of the vote's ballots before it."""
    if record.opened.secret:
        return _recount_secret(seq, record, closed)
    try:
        again = rules_open.close(record, chair)
    except DomainError as err:
        return Recount(seq, closed.vote, closed, None, (err.message,))
    problems = _differences(closed, again)
    return Recount(seq, closed.vote, closed, again, problems)


def _recount_secret(seq: int, record: VoteRecord, closed: VoteClosed) -> Recount:
    problems: list[str] = []
    voted = len(record.marked)
    if closed.tally.ballots != voted:
        counted = closed.tally.ballots
        problems.append(f"{voted} secret ballots were cast but the count says {counted}")
    if len(closed.urn) != voted:
        problems.append(f"{voted} secret ballots were cast but the urn holds {len(closed.urn)}")
    if list(closed.urn) != sorted(closed.urn):
        problems.append("the urn is not logged in sorted order")
    try:
        # Counted from the urn as logged; the number of ballots is checked above.
        probe = VoteRecord(record.opened, record.opened_at, marked=set(range(len(closed.urn))))
        probe.lots.extend(record.lots)
        again: VoteClosed | None = rules_secret.close(probe, closed.urn)
    except DomainError as err:
        return Recount(seq, closed.vote, closed, None, (*problems, err.message))
    assert again is not None
    problems.extend(_differences(closed, again))
    return Recount(seq, closed.vote, closed, again, tuple(problems))


def _differences(recorded: VoteClosed, again: VoteClosed) -> tuple[str, ...]:
    mine, theirs = to_wire(again), to_wire(recorded)
    labels = {
        "tally": "the count",
        "outcome": "the result",
        "named": "the named list",
        "by_party": "the party breakdown",
        "urn": "the urn",
    }
    return tuple(
        f"{label} differs from the ballots: recorded {theirs[key]!r}, recounted {mine[key]!r}"
        for key, label in labels.items()
        if mine[key] != theirs[key]
    )
