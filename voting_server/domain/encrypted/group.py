"""The group: ristretto255 (RFC 9496) through libsodium, written additively.

A ``Point`` is its canonical 32-byte encoding, a ``Scalar`` an int modulo
``ORDER``. libsodium refuses to multiply into the identity; here the identity
is an ordinary value (an encryption of zero has it as its message part).
"""

from __future__ import annotations

import hashlib

import pysodium

#: The order of the group: 2^252 + 27742317777372353535851937790883648493.
ORDER = 2**252 + 27742317777372353535851937790883648493
POINT_BYTES = 32
IDENTITY = bytes(POINT_BYTES)

Point = bytes
Scalar = int


class GroupError(ValueError):
    """Bytes that are no point of the group, or a scalar out of range."""


def scalar_bytes(k: Scalar) -> bytes:
    return (k % ORDER).to_bytes(32, "little")


def scalar_from_bytes(data: bytes) -> Scalar:
    """A canonical scalar (32 bytes, little-endian, below the order)."""
    if len(data) != 32:
        raise GroupError("a scalar is 32 bytes")
    k = int.from_bytes(data, "little")
    if k >= ORDER:
        raise GroupError("a scalar below the group order")
    return k


def point(data: bytes) -> Point:
    """Bytes checked to be the canonical encoding of a point."""
    if len(data) != POINT_BYTES:
        raise GroupError("a point is 32 bytes")
    if data != IDENTITY and not pysodium.crypto_core_ristretto255_is_valid_point(data):
        raise GroupError("not a point of ristretto255")
    return bytes(data)


def base_mul(k: Scalar) -> Point:
    """k·G, G the standard generator."""
    k %= ORDER
    if k == 0:
        return IDENTITY
    return bytes(pysodium.crypto_scalarmult_ristretto255_base(scalar_bytes(k)))


def mul(k: Scalar, p: Point) -> Point:
    k %= ORDER
    if k == 0 or p == IDENTITY:
        return IDENTITY
    try:
        return bytes(pysodium.crypto_scalarmult_ristretto255(scalar_bytes(k), p))
    except ValueError:  # libsodium's refusal of an identity result
        return IDENTITY


def add(p: Point, q: Point) -> Point:
    if p == IDENTITY:
        return q
    if q == IDENTITY:
        return p
    return bytes(pysodium.crypto_core_ristretto255_add(p, q))


def sub(p: Point, q: Point) -> Point:
    if q == IDENTITY:
        return p
    if p == q:
        return IDENTITY
    return bytes(pysodium.crypto_core_ristretto255_sub(p, q))


def total(points: list[Point]) -> Point:
    result = IDENTITY
    for p in points:
        result = add(result, p)
    return result


def random_scalar() -> Scalar:
    """A uniformly random non-zero scalar (libsodium's CSPRNG)."""
    while True:
        k = int.from_bytes(pysodium.crypto_core_ristretto255_scalar_random(), "little") % ORDER
        if k:
            return k


def hash_to_scalar(data: bytes) -> Scalar:
    """SHA-512 of the data, read little-endian and reduced modulo the order."""
    return int.from_bytes(hashlib.sha512(data).digest(), "little") % ORDER


def inverse(k: Scalar) -> Scalar:
    if k % ORDER == 0:
        raise GroupError("zero has no inverse")
    return pow(k, -1, ORDER)


def small_log(p: Point, limit: int) -> int | None:
    """The m in 0..limit with m·G = p, by walking the multiples (a tally is small)."""
    step = base_mul(1)
    current = IDENTITY
    for m in range(limit + 1):
        if current == p:
            return m
        current = add(current, step)
    return None
