"""An encrypted ballot: one ciphertext per choice (a candidate, or a registered
valsedel), each proved to hold 0 or 1, and their sum proved to hold at most
what the election allows (a majority election: the seats; a proportional
election: one valsedel, or none for a blank ballot).

Every proof hashes the election's context and the voter's seat, so that a
ballot cannot be cast again from another seat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import group
from .elgamal import Ciphertext, encrypt, total
from .group import Point
from .proofs import Nonces, RangeProof, prove_range, verify_range
from .transcript import digest

BIT = (0, 1)


@dataclass(frozen=True, slots=True)
class Election:
    """What a ballot is checked against: the meeting's key and the vote's choices."""

    meeting: str
    vote: str
    key: Point  # the election key the trustees formed (ceremony.py)
    choices: tuple[str, ...]  # candidates, or the valsedlar's labels, in the vote's order
    limit: int  # the most choices one ballot may mark

    @property
    def context(self) -> bytes:
        return digest(
            "election", self.meeting, self.vote, self.key, self.limit, len(self.choices),
            *self.choices,
        )  # fmt: skip

    def allowed(self) -> tuple[int, ...]:
        return tuple(range(self.limit + 1))


@dataclass(frozen=True, slots=True)
class Selection:
    ciphertext: Ciphertext
    proof: RangeProof  # of 0 or 1


@dataclass(frozen=True, slots=True)
class EncryptedBallot:
    selections: tuple[Selection, ...]
    total_proof: RangeProof  # the sum of the selections is in 0..limit

    def total(self) -> Ciphertext:
        return total([s.ciphertext for s in self.selections])


def ballot_context(election: Election, voter: str) -> bytes:
    return digest("ballot", election.context, voter)


def encrypt_ballot(
    election: Election,
    voter: str,
    marked: Sequence[int],
    nonces: Nonces = group.random_scalar,
) -> EncryptedBallot:
    """The ballot with the choices at the indices ``marked`` (none: blank)."""
    if len(set(marked)) != len(marked) or len(marked) > election.limit:
        raise ValueError("at most the election's limit of choices, each once")
    if any(not 0 <= i < len(election.choices) for i in marked):
        raise ValueError("a choice the election does not have")
    context = ballot_context(election, voter)
    selections, sum_nonce = [], 0
    for i in range(len(election.choices)):
        bit, r = int(i in marked), nonces()
        ct = encrypt(election.key, bit, r)
        proof = prove_range(election.key, ct, bit, r, BIT, context, nonces)
        selections.append(Selection(ct, proof))
        sum_nonce += r
    summed = total([s.ciphertext for s in selections])
    total_proof = prove_range(
        election.key, summed, len(marked), sum_nonce % group.ORDER, election.allowed(), context,
        nonces,
    )  # fmt: skip
    return EncryptedBallot(tuple(selections), total_proof)


def ballot_errors(election: Election, voter: str, ballot: EncryptedBallot) -> list[str]:
    """What is wrong with a ballot, in words; empty when every proof holds."""
    if len(ballot.selections) != len(election.choices):
        return [f"{len(election.choices)} selections expected, {len(ballot.selections)} given"]
    context = ballot_context(election, voter)
    errors = [
        f"selection {i}: not proved to be 0 or 1"
        for i, s in enumerate(ballot.selections)
        if not verify_range(election.key, s.ciphertext, s.proof, BIT, context)
    ]
    if not verify_range(
        election.key, ballot.total(), ballot.total_proof, election.allowed(), context
    ):
        errors.append(f"the sum is not proved to be at most {election.limit}")
    return errors
