"""Kontrapropositionsvotering (counter-proposition voting), planned as pure rounds.

With three or more proposals the chair names the huvudförslag (main
proposal). The others are put against each other pairwise, in the order
given: the first two, then their winner against the third, and so on, until
one motförslag (counter-proposal) remains. The final round puts the main
proposal (Ja) against the motförslag (Nej). Each round's winner comes from
outside (acclamation or a vote); this module only says which round is next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Round:
    """One question put to the meeting: Ja for ``ja``, Nej for ``nej``."""

    number: int  # 1-based
    ja: str
    nej: str
    final: bool


def challengers(proposals: Sequence[str], main: str) -> tuple[str, ...]:
    """The proposals that compete to become the motförslag, in the order they are put."""
    return tuple(p for p in proposals if p != main)


def round_count(proposals: Sequence[str]) -> int:
    """Every proposal but the main one loses at most once: n - 1 rounds."""
    return len(proposals) - 1


def next_round(proposals: Sequence[str], main: str, winners: Sequence[str]) -> Round | None:
    """The round after the ``winners`` of the rounds so far, or None when all are settled."""
    others = challengers(proposals, main)
    settled = len(winners)
    if settled >= len(others):
        return None
    number = settled + 1
    survivor = winners[-1] if winners else others[0]
    if settled == len(others) - 1:
        return Round(number, main, survivor, final=True)
    return Round(number, survivor, others[settled + 1], final=False)
