"""Propositionsordning (the order in which questions are put), as pure functions.

Formal questions (bordläggning, återremiss) are decided before the matter
itself, and tilläggsyrkanden (additions) come last. Within each of those
three places, proposals keep the order they were made in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import FORMAL_KINDS, Proposal, ProposalKind


def place(kind: ProposalKind) -> int:
    """0 for a formal question, 2 for an addition, 1 for anything else."""
    if kind in FORMAL_KINDS:
        return 0
    return 2 if kind is ProposalKind.TILLAGG else 1


def propose_order(proposals: Iterable[Proposal]) -> tuple[Proposal, ...]:
    """The order to put ``proposals`` in: formal first, additions last, otherwise as made."""
    return tuple(sorted(proposals, key=lambda p: place(p.kind)))


def follows_rules(order: Sequence[Proposal]) -> bool:
    """Whether ``order`` puts no proposal before one that must come earlier."""
    places = [place(p.kind) for p in order]
    return places == sorted(places)
