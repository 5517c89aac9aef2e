"""Zero-knowledge proofs, made non-interactive by Fiat–Shamir (transcript.py).

- ``RangeProof``: a ciphertext encrypts one of the given small values (a
  disjunction of Chaum–Pedersen proofs, Cramer–Damgård–Schoenmakers): each
  selection 0 or 1, a ballot's sum within what the election allows.
- ``EqualLogProof`` (Chaum–Pedersen): log_G X = log_A D, a trustee's share of
  a decryption made with the key it committed to.
- ``KnowledgeProof`` (Schnorr): whoever published C = a·G knows a.

Every challenge hashes the election's context and the full statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import group
from .elgamal import Ciphertext
from .group import ORDER, Point, Scalar
from .transcript import challenge

Nonces = Callable[[], Scalar]


@dataclass(frozen=True, slots=True)
class RangeProof:
    challenges: tuple[Scalar, ...]  # one per value, summing to the transcript's challenge
    responses: tuple[Scalar, ...]


def _branch(key: Point, ct: Ciphertext, value: int, c: Scalar, v: Scalar) -> tuple[Point, Point]:
    """The commitments (a, b) a branch's challenge and response imply."""
    a = group.sub(group.base_mul(v), group.mul(c, ct.pad))
    shifted = group.sub(ct.data, group.base_mul(value))
    b = group.sub(group.mul(v, key), group.mul(c, shifted))
    return a, b


def _range_challenge(
    context: bytes, key: Point, ct: Ciphertext, values: Sequence[int], commitments: list[Point]
) -> Scalar:
    return challenge("range", context, key, ct.pad, ct.data, len(values), *values, *commitments)


def prove_range(
    key: Point,
    ct: Ciphertext,
    message: int,
    nonce: Scalar,
    values: Sequence[int],
    context: bytes,
    nonces: Nonces = group.random_scalar,
) -> RangeProof:
    """That ``ct`` = Enc(message; nonce) encrypts one of ``values`` (message among them)."""
    real = list(values).index(message)
    u = nonces()
    challenges: list[Scalar] = [0] * len(values)
    responses: list[Scalar] = [0] * len(values)
    commitments: list[Point] = []
    for j, value in enumerate(values):
        if j == real:
            commitments += [group.base_mul(u), group.mul(u, key)]
            continue
        challenges[j], responses[j] = nonces(), nonces()
        commitments += _branch(key, ct, value, challenges[j], responses[j])
    c = _range_challenge(context, key, ct, values, commitments)
    challenges[real] = (c - sum(challenges)) % ORDER
    responses[real] = (u + challenges[real] * nonce) % ORDER
    return RangeProof(tuple(challenges), tuple(responses))


def verify_range(
    key: Point, ct: Ciphertext, proof: RangeProof, values: Sequence[int], context: bytes
) -> bool:
    if len(proof.challenges) != len(values) or len(proof.responses) != len(values):
        return False
    commitments: list[Point] = []
    for value, c, v in zip(values, proof.challenges, proof.responses, strict=True):
        commitments += _branch(key, ct, value, c, v)
    expected = _range_challenge(context, key, ct, values, commitments)
    return sum(proof.challenges) % ORDER == expected


@dataclass(frozen=True, slots=True)
class EqualLogProof:
    challenge: Scalar
    response: Scalar


def prove_equal_log(
    secret: Scalar,
    base: Point,
    context: bytes,
    label: str = "share",
    nonces: Nonces = group.random_scalar,
) -> tuple[Point, EqualLogProof]:
    """secret·base, with the proof that it uses the secret behind secret·G."""
    public, result = group.base_mul(secret), group.mul(secret, base)
    u = nonces()
    c = challenge(label, context, public, base, result, group.base_mul(u), group.mul(u, base))
    return result, EqualLogProof(c, (u + c * secret) % ORDER)


def verify_equal_log(
    public: Point,
    base: Point,
    result: Point,
    proof: EqualLogProof,
    context: bytes,
    label: str = "share",
) -> bool:
    c, v = proof.challenge, proof.response
    a = group.sub(group.base_mul(v), group.mul(c, public))
    b = group.sub(group.mul(v, base), group.mul(c, result))
    return challenge(label, context, public, base, result, a, b) == c


@dataclass(frozen=True, slots=True)
class KnowledgeProof:
    challenge: Scalar
    response: Scalar


def prove_knowledge(
    secret: Scalar, context: bytes, nonces: Nonces = group.random_scalar
) -> KnowledgeProof:
    public, u = group.base_mul(secret), nonces()
    c = challenge("knowledge", context, public, group.base_mul(u))
    return KnowledgeProof(c, (u + c * secret) % ORDER)


def verify_knowledge(public: Point, proof: KnowledgeProof, context: bytes) -> bool:
    commitment = group.sub(group.base_mul(proof.response), group.mul(proof.challenge, public))
    return challenge("knowledge", context, public, commitment) == proof.challenge
