"""What a valid ballot is for each method, and its urn entry for secret votes.

An urn entry is a ballot written as one canonical string: a question's
choice as is (``"ja"``), an election's ballot as compact JSON (a majority
ballot's names sorted, a proportional ballot's label and ordered list).
Equal ballots give equal strings, so a sorted urn shows nothing but the
ballots themselves.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import DomainError
from .model import QUESTION_OPTIONS, Ballot, Method, Valsedel

#: Room for a proportional ballot of one's own, in UTF-8 bytes of its urn entry.
OWN_BALLOT_BYTES = 1024


class BadBallot(DomainError):
    """A ballot that the vote's method does not allow."""

    default_code = "vote.bad_ballot"


def normalize(method: Method, ballot: Ballot) -> Ballot:
    """The canonical form of a ballot: a majority ballot's names in sorted order."""
    if method is Method.MAJORITY:
        return Ballot(names=tuple(sorted(ballot.names)))
    return ballot


def check_ballot(method: Method, options: tuple[str, ...], seats: int, ballot: Ballot) -> None:
    """Refuse a ballot the method does not allow."""
    if len(set(ballot.names)) != len(ballot.names) or any(not n for n in ballot.names):
        raise BadBallot(message="names must be distinct and not empty")
    if method is Method.QUESTION:
        if ballot.choice not in QUESTION_OPTIONS or ballot.names or ballot.label:
            raise BadBallot(message=f"answer one of {', '.join(QUESTION_OPTIONS)}")
    elif method is Method.MAJORITY:
        if ballot.choice or ballot.label:
            raise BadBallot(message="an election ballot names candidates")
        if len(ballot.names) > seats:
            raise BadBallot(message=f"at most {seats} names")
        unknown = [n for n in ballot.names if n not in options]
        if unknown:
            raise BadBallot(message=f"{unknown[0]!r} is not a candidate")
    elif ballot.choice or bool(ballot.label) != bool(ballot.names):
        raise BadBallot(message="a proportional ballot has a group label and a list of names")


def urn_entry(method: Method, ballot: Ballot) -> str:
    """The string a secret ballot leaves in the urn."""
    if method is Method.QUESTION:
        return ballot.choice
    if method is Method.MAJORITY:
        return _json(sorted(ballot.names))
    return _json([ballot.label, list(ballot.names)])


def entry_size(
    method: Method, options: tuple[str, ...], seats: int, registered: tuple[Valsedel, ...] = ()
) -> int:
    """The bytes every urn entry of a vote is padded to: the longest entry it allows.

    Sealed ballots of one vote are then all of one length, so a length says
    nothing about a choice.
    """
    if method is Method.QUESTION:
        return max(len(o.encode()) for o in QUESTION_OPTIONS)
    if method is Method.MAJORITY:
        names = sorted((len(_json(n).encode()) for n in options), reverse=True)[:seats]
        return 2 + sum(names) + max(len(names) - 1, 0)
    lists = (urn_entry(method, Ballot(label=b.label, names=b.names)) for b in registered)
    return max([OWN_BALLOT_BYTES, *(len(e.encode()) for e in lists)])


def parse_urn_entry(method: Method, options: tuple[str, ...], seats: int, entry: str) -> Ballot:
    """The ballot an urn entry stands for; refuses anything not written by ``urn_entry``."""
    try:
        ballot = _decode(method, entry)
        check_ballot(method, options, seats, ballot)
    except (ValueError, TypeError, DomainError):
        raise DomainError("vote.urn_invalid", f"not a valid ballot: {entry!r}") from None
    if urn_entry(method, ballot) != entry:
        raise DomainError("vote.urn_invalid", f"not in canonical form: {entry!r}")
    return ballot


def _decode(method: Method, entry: str) -> Ballot:
    if method is Method.QUESTION:
        return Ballot(choice=entry)
    data: Any = json.loads(entry)
    if method is Method.MAJORITY:
        return Ballot(names=_strings(data))
    if not isinstance(data, list) or len(data) != 2 or not isinstance(data[0], str):
        raise ValueError("expected [label, names]")
    return Ballot(label=data[0], names=_strings(data[1]))


def _strings(data: Any) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
        raise ValueError("expected a list of names")
    return tuple(data)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
