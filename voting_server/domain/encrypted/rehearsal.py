"""A key ceremony held by one party playing every trustee: for tests, benchmarks
and demonstrations only. In a meeting each trustee's device holds its own
polynomial and transport secret, and nobody holds them all."""

from __future__ import annotations

from dataclasses import dataclass

from . import group
from .ceremony import (
    Ceremony,
    Commitment,
    commit,
    draw_polynomial,
    evaluate,
    open_share,
    seal_share,
    share_holds,
    trustee_secret,
)


@dataclass
class Trustee:
    index: int
    transport_secret: int
    polynomial: list[int]
    secret: int = 0  # x_l, once every share is in

    @property
    def transport_key(self) -> bytes:
        return group.base_mul(self.transport_secret)


def rehearse(ceremony: Ceremony) -> tuple[list[Trustee], tuple[Commitment, ...]]:
    """Every trustee commits, seals a share to every trustee, and checks what it got."""
    trustees = [
        Trustee(i, group.random_scalar(), draw_polynomial(ceremony))
        for i in range(1, len(ceremony.trustees) + 1)
    ]
    commitments = tuple(commit(ceremony, t.index, t.polynomial) for t in trustees)
    for recipient in trustees:
        got = []
        for sender in trustees:
            share = evaluate(sender.polynomial, recipient.index)
            sealed = seal_share(
                ceremony, sender.index, recipient.index, share, recipient.transport_key
            )
            opened = open_share(ceremony, sealed, recipient.transport_secret)
            if not share_holds(commitments[sender.index - 1], recipient.index, opened):
                raise AssertionError(f"trustee {sender.index}'s share does not hold")
            got.append(opened)
        recipient.secret = trustee_secret(got)
    return trustees, commitments
