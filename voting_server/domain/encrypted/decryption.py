"""Decrypting the sums: each trustee present gives x_l·A for every choice's
summed ciphertext (A, B), with a proof that it used the secret behind its
verification key; any k such shares give x·A by Lagrange's interpolation at
zero, and B − x·A = m·G gives the count m. No single ballot is ever opened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import group
from .elgamal import Ciphertext
from .group import ORDER, Point, Scalar
from .proofs import EqualLogProof, Nonces, prove_equal_log, verify_equal_log
from .transcript import digest


@dataclass(frozen=True, slots=True)
class PartialDecryption:
    """Trustee ``trustee``'s share of the decryption of each choice's sum."""

    trustee: int
    shares: tuple[Point, ...]
    proofs: tuple[EqualLogProof, ...]


def decryption_context(election_context: bytes, trustee: int) -> bytes:
    return digest("decryption", election_context, trustee)


def decrypt_share(
    election_context: bytes,
    trustee: int,
    secret: Scalar,
    sums: Sequence[Ciphertext],
    nonces: Nonces = group.random_scalar,
) -> PartialDecryption:
    context = decryption_context(election_context, trustee)
    made = [prove_equal_log(secret, s.pad, context, nonces=nonces) for s in sums]
    return PartialDecryption(trustee, tuple(m[0] for m in made), tuple(m[1] for m in made))


def partial_errors(
    election_context: bytes,
    partial: PartialDecryption,
    verification_key: Point,
    sums: Sequence[Ciphertext],
) -> list[str]:
    if len(partial.shares) != len(sums) or len(partial.proofs) != len(sums):
        return [f"trustee {partial.trustee}: {len(sums)} shares expected"]
    context = decryption_context(election_context, partial.trustee)
    return [
        f"trustee {partial.trustee}: share {i} not proved"
        for i, (s, share, proof) in enumerate(
            zip(sums, partial.shares, partial.proofs, strict=True)
        )
        if not verify_equal_log(verification_key, s.pad, share, proof, context)
    ]


def lagrange_at_zero(trustee: int, present: Sequence[int]) -> Scalar:
    """λ_l = Π_{m ≠ l} m / (m − l), over the trustees taking part."""
    numerator, denominator = 1, 1
    for other in present:
        if other != trustee:
            numerator = numerator * other % ORDER
            denominator = denominator * (other - trustee) % ORDER
    return numerator * group.inverse(denominator) % ORDER


def counts(
    sums: Sequence[Ciphertext], partials: Mapping[int, PartialDecryption], limit: int
) -> list[int]:
    """Each choice's count from the partial decryptions of k or more trustees."""
    present = sorted(partials)
    weights = {t: lagrange_at_zero(t, present) for t in present}
    found = []
    for i, s in enumerate(sums):
        combined = group.total([group.mul(weights[t], partials[t].shares[i]) for t in present])
        m = group.small_log(group.sub(s.data, combined), limit)
        if m is None:
            raise ValueError(f"choice {i}: the sum does not decrypt to a count of at most {limit}")
        found.append(m)
    return found
