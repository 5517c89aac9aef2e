"""Exponential ElGamal: Enc(m; r) = (r·G, m·G + r·K) for the election key K.

Ciphertexts add: the sum of encryptions of m1 and m2 is an encryption of
m1 + m2, which is how the tally is counted without opening a ballot.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import group
from .group import Point, Scalar


@dataclass(frozen=True, slots=True)
class Ciphertext:
    pad: Point  # A = r·G
    data: Point  # B = m·G + r·K

    def __add__(self, other: Ciphertext) -> Ciphertext:
        return Ciphertext(group.add(self.pad, other.pad), group.add(self.data, other.data))


ZERO = Ciphertext(group.IDENTITY, group.IDENTITY)  # the sum of no ballots


def encrypt(key: Point, message: int, nonce: Scalar) -> Ciphertext:
    return Ciphertext(
        group.base_mul(nonce), group.add(group.base_mul(message), group.mul(nonce, key))
    )


def total(ciphertexts: list[Ciphertext]) -> Ciphertext:
    result = ZERO
    for c in ciphertexts:
        result = result + c
    return result
