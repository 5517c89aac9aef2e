"""The key ceremony: n trustees form the election key so that any k of them can
decrypt a sum, and fewer learn nothing (Pedersen's distributed key generation
with Feldman's commitments, as in ElectionGuard's guardian ceremony).

1. Each trustee i, numbered 1..n, draws a secret polynomial f_i of degree k−1
   and publishes the commitments C_ij = a_ij·G to its coefficients, each
   with a proof that it knows the coefficient.
2. It sends every other trustee l its share f_i(l), encrypted to l's
   transport key (hashed ElGamal on the group, below). The recipient checks
   the share against the commitments; a share that fails is a complaint, and
   the ceremony is held again without the trustee who sent it.
3. Trustee l's secret is x_l = Σ_i f_i(l); anyone computes its verification
   key X_l = Σ_i Σ_j l^j·C_ij, and the election key K = Σ_i C_i0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import group
from .group import ORDER, Point, Scalar
from .proofs import KnowledgeProof, Nonces, prove_knowledge, verify_knowledge
from .transcript import challenge, digest


@dataclass(frozen=True, slots=True)
class Ceremony:
    meeting: str
    trustees: tuple[str, ...]  # the trustees' ids, trustee i being trustees[i - 1]
    threshold: int  # k: how many must take part in a decryption

    def __post_init__(self) -> None:
        if not 1 <= self.threshold <= len(self.trustees):
            raise ValueError("the threshold is between 1 and the number of trustees")
        if len(set(self.trustees)) != len(self.trustees):
            raise ValueError("each trustee once")

    @property
    def context(self) -> bytes:
        return digest("ceremony", self.meeting, self.threshold, len(self.trustees), *self.trustees)

    def index(self, trustee: str) -> int:
        return self.trustees.index(trustee) + 1


@dataclass(frozen=True, slots=True)
class Commitment:
    """What trustee ``index`` publishes: its coefficients' commitments and proofs."""

    index: int
    coefficients: tuple[Point, ...]
    proofs: tuple[KnowledgeProof, ...]


@dataclass(frozen=True, slots=True)
class SealedShare:
    """f_i(l), for trustee l's eyes only: E = e·G, masked = f_i(l) + pad."""

    sender: int
    recipient: int
    ephemeral: Point
    masked: Scalar


def draw_polynomial(ceremony: Ceremony, nonces: Nonces = group.random_scalar) -> list[Scalar]:
    return [nonces() for _ in range(ceremony.threshold)]


def evaluate(coefficients: Sequence[Scalar], x: int) -> Scalar:
    result = 0
    for a in reversed(coefficients):
        result = (result * x + a) % ORDER
    return result


def _coefficient_context(ceremony: Ceremony, index: int, j: int) -> bytes:
    return digest("coefficient", ceremony.context, index, j)


def commit(
    ceremony: Ceremony,
    index: int,
    coefficients: Sequence[Scalar],
    nonces: Nonces = group.random_scalar,
) -> Commitment:
    return Commitment(
        index,
        tuple(group.base_mul(a) for a in coefficients),
        tuple(
            prove_knowledge(a, _coefficient_context(ceremony, index, j), nonces)
            for j, a in enumerate(coefficients)
        ),
    )


def commitment_errors(ceremony: Ceremony, c: Commitment) -> list[str]:
    if not 1 <= c.index <= len(ceremony.trustees):
        return [f"no trustee {c.index}"]
    if len(c.coefficients) != ceremony.threshold or len(c.proofs) != ceremony.threshold:
        return [f"trustee {c.index}: {ceremony.threshold} coefficients expected"]
    return [
        f"trustee {c.index}: coefficient {j} not proved"
        for j, (point, proof) in enumerate(zip(c.coefficients, c.proofs, strict=True))
        if not verify_knowledge(point, proof, _coefficient_context(ceremony, c.index, j))
    ]


def _pad(ceremony: Ceremony, ids: tuple[int, int], ephemeral: Point, shared: Point) -> Scalar:
    """The one-time pad of a share: the hash of e·P = p·E, and who sends it to whom."""
    return challenge("share-pad", ceremony.context, *ids, ephemeral, shared)


def seal_share(
    ceremony: Ceremony,
    sender: int,
    recipient: int,
    share: Scalar,
    transport_key: Point,
    nonces: Nonces = group.random_scalar,
) -> SealedShare:
    e = nonces()
    ephemeral = group.base_mul(e)
    pad = _pad(ceremony, (sender, recipient), ephemeral, group.mul(e, transport_key))
    return SealedShare(sender, recipient, ephemeral, (share + pad) % ORDER)


def open_share(ceremony: Ceremony, sealed: SealedShare, transport_secret: Scalar) -> Scalar:
    shared = group.mul(transport_secret, sealed.ephemeral)
    pad = _pad(ceremony, (sealed.sender, sealed.recipient), sealed.ephemeral, shared)
    return (sealed.masked - pad) % ORDER


def implied_share(coefficients: Sequence[Point], x: int) -> Point:
    """Σ_j x^j·C_j: f(x)·G as the commitments say it must be."""
    return group.total([group.mul(pow(x, j, ORDER), c) for j, c in enumerate(coefficients)])


def share_holds(commitment: Commitment, recipient: int, share: Scalar) -> bool:
    return group.base_mul(share) == implied_share(commitment.coefficients, recipient)


def election_key(commitments: Sequence[Commitment]) -> Point:
    return group.total([c.coefficients[0] for c in commitments])


def verification_key(commitments: Sequence[Commitment], trustee: int) -> Point:
    """X_l: the public side of trustee l's secret, from the commitments alone."""
    return group.total([implied_share(c.coefficients, trustee) for c in commitments])


def trustee_secret(shares: Sequence[Scalar]) -> Scalar:
    """x_l = Σ_i f_i(l), from the shares every trustee sent (its own included)."""
    return sum(shares) % ORDER
