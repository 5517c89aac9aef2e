"""The values votes are made of: methods, ballots, voters, tallies and outcomes.

All are frozen dataclasses or ``StrEnum`` members with wire-safe fields, so
they can sit inside events and survive a msgpack round trip unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Method(StrEnum):
    """How a vote is decided."""

    QUESTION = "question"  # a yes/no question: Ja, Nej or Avstår
    MAJORITY = "majority"  # majoritetsval: majority election among named candidates
    PROPORTIONAL = "proportional"  # proportionellt val (lag 2022:629): d'Hondt among groups


class Choice(StrEnum):
    """The answers to a question."""

    JA = "ja"  # yes
    NEJ = "nej"  # no
    AVSTAR = "avstar"  # avstår: abstain


#: The options of every question vote, in display order.
QUESTION_OPTIONS: tuple[str, ...] = tuple(str(c) for c in Choice)


class Status(StrEnum):
    """Where a closed vote's result stands."""

    DECIDED = "decided"
    TIE = "tie"  # a tied question, awaiting the chair's decision
    LOT_NEEDED = "lot_needed"  # a tied election, awaiting a lottery (lottning)


class DecidedBy(StrEnum):
    """What settled a decided result."""

    VOTES = "votes"  # the most votes
    CASTING_VOTE = "casting_vote"  # utslagsröst: the chair's own Ja or Nej broke a tie
    CHAIR = "chair"  # the chair settled a tie after the vote (DecideTie)
    LOT = "lot"  # lottning: a lottery broke a tie


class ProposalKind(StrEnum):
    """The kind of a yrkande (proposal), which fixes its place in the order of questions."""

    BORDLAGGNING = "bordlaggning"  # bordläggning: postpone to a later meeting (formal)
    ATERREMISS = "aterremiss"  # återremiss: send back for more preparation (formal)
    BIFALL = "bifall"  # approve
    AVSLAG = "avslag"  # reject
    ANDRING = "andring"  # ändring: amend
    TILLAGG = "tillagg"  # tillägg: an addition, decided last


#: Formal questions, decided before the matter itself.
FORMAL_KINDS = frozenset({ProposalKind.BORDLAGGNING, ProposalKind.ATERREMISS})


@dataclass(frozen=True, slots=True)
class Proposal:
    """A yrkande (proposal) as the propositionsordning refers to it."""

    id: str
    kind: ProposalKind


@dataclass(frozen=True, slots=True)
class Voter:
    """One entry of a vote's roster, fixed when the vote opens."""

    seat: int
    person: str  # the member, or the substitute serving on the seat
    party: str


@dataclass(frozen=True, slots=True)
class Valsedel:
    """A ballot a party handed in before a proportional election: a group label and a list."""

    label: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ballot:
    """What one ballot says.

    A question: ``choice`` is ja, nej or avstar. A majority election: ``names``
    are the candidates voted for. A proportional election: ``label`` is the
    group label (gruppbeteckning) and ``names`` the ordered list. An election
    ballot without label and names is blank.
    """

    choice: str = ""
    names: tuple[str, ...] = ()
    label: str = ""

    @property
    def blank(self) -> bool:
        return not (self.choice or self.names or self.label)


@dataclass(frozen=True, slots=True)
class NamedBallot:
    """One line of an open vote's named list; ``ballot`` is None for a seat that did not vote."""

    seat: int
    person: str
    party: str
    ballot: Ballot | None


@dataclass(frozen=True, slots=True)
class OptionCount:
    option: str
    votes: int


@dataclass(frozen=True, slots=True)
class PartyCount:
    """An open vote's breakdown for one party."""

    party: str
    voters: int  # entitled seats of the party
    voted: int
    counts: tuple[OptionCount, ...]
    blank: int = 0  # blank election ballots


@dataclass(frozen=True, slots=True)
class GroupCount:
    """Identical proportional ballots (same label, same list) form one group."""

    label: str
    names: tuple[str, ...]
    votes: int


@dataclass(frozen=True, slots=True)
class Tally:
    """The counted ballots of a closed vote.

    ``counts`` holds a question's ja/nej/avstar or a majority election's votes
    per candidate; ``blank`` counts blank election ballots; ``groups`` holds a
    proportional election's groups.
    """

    ballots: int
    counts: tuple[OptionCount, ...] = ()
    blank: int = 0
    groups: tuple[GroupCount, ...] = ()

    def votes_for(self, option: str) -> int:
        return sum(c.votes for c in self.counts if c.option == option)


@dataclass(frozen=True, slots=True)
class GroupSeats:
    """The seats a proportional group won, and the names elected from its list."""

    label: str
    names: tuple[str, ...]
    seats: int
    elected: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A vote's result.

    A question that is decided has ``choice`` ja or nej. An election lists the
    ``elected`` names (and, when proportional, the seats per group). While a
    lottery is needed, ``tied`` names the contenders it must order and
    ``elected`` holds the names already certain.
    """

    status: Status
    decided_by: DecidedBy | None = None
    choice: str = ""
    elected: tuple[str, ...] = ()
    groups: tuple[GroupSeats, ...] = ()
    tied: tuple[str, ...] = ()
    unfilled: int = 0  # seats no candidate could take
