"""Fiat–Shamir: every challenge is the hash of the proof's whole statement.

A transcript is a domain tag and then parts, each written as a 4-byte
big-endian length and its bytes: a point as its 32 bytes, a number as 32
bytes little-endian (a scalar, or a small count), text as UTF-8. The same
bytes in the browser give the same challenge (docs/encrypted-elections.md).
"""

from __future__ import annotations

import hashlib

from .group import Scalar, hash_to_scalar, scalar_bytes

DOMAIN = b"ordet/election/v1"
Part = bytes | int | str


def encode(label: str, parts: tuple[Part, ...]) -> bytes:
    out = [_framed(DOMAIN), _framed(label.encode())]
    for part in parts:
        if isinstance(part, bool):
            raise TypeError("a transcript has no booleans: write 0 or 1")
        if isinstance(part, int):
            out.append(_framed(scalar_bytes(part)))
        elif isinstance(part, str):
            out.append(_framed(part.encode()))
        else:
            out.append(_framed(bytes(part)))
    return b"".join(out)


def challenge(label: str, *parts: Part) -> Scalar:
    """The challenge scalar: SHA-512 of the transcript, reduced modulo the order."""
    return hash_to_scalar(encode(label, parts))


def digest(label: str, *parts: Part) -> bytes:
    """A 32-byte digest of a transcript (SHA-256): the election's context, a ballot's id."""
    return hashlib.sha256(encode(label, parts)).digest()


def _framed(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data
