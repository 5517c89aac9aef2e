"""The urn of a secret vote: the ballots, kept apart from the voters, sealed.

A vote's urn is one SQL row (``urn``), rewritten in the same transaction as
the log entry that marks each new voter. It holds every ballot so far, each
padded to the vote's one entry size, in a fresh random order, encrypted as a
whole (AES-GCM) with a random key of its own. So the row tells a reader its
length (the number who voted, which the log says anyway) and nothing else:
no choice by its length, no ballot by its place, id or transaction.

The urn key is never written to SQL: it lives in the hub's memory, in Redis
and in a file of the hub's data directory, the last two sealed with the
installation's secret (see ``UrnKeys``), and all three are erased when the
vote closes. A backup of the database taken during the vote therefore cannot
be opened later, even by someone who holds every secret of the installation.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import HubError

_NONCE = 12
_shuffle = secrets.SystemRandom().shuffle


class UrnError(HubError):
    """An urn that does not open with its key, or holds a malformed entry."""


def pack(entries: list[str], size: int) -> bytes:
    """The entries in a fresh random order, each as its length and ``size`` bytes."""
    records = []
    for entry in entries:
        data = entry.encode()
        if len(data) > size:
            raise UrnError(f"an entry of {len(data)} bytes does not fit in {size}")
        records.append(struct.pack(">H", len(data)) + data.ljust(size, b"\0"))
    _shuffle(records)
    return struct.pack(">I", size) + b"".join(records)


def unpack(plain: bytes) -> list[str]:
    (size,) = struct.unpack_from(">I", plain)
    body, step = plain[4:], size + 2
    if len(body) % step:
        raise UrnError("the urn is not a whole number of entries")
    entries = []
    for at in range(0, len(body), step):
        (length,) = struct.unpack_from(">H", body, at)
        entries.append(body[at + 2 : at + 2 + length].decode())
    return entries


def _aad(meeting: str, vote: str) -> bytes:
    return f"ordet-urn:{meeting}:{vote}".encode()


def seal_urn(key: bytes, meeting: str, vote: str, entries: list[str], size: int) -> bytes:
    nonce = os.urandom(_NONCE)
    return nonce + AESGCM(key).encrypt(nonce, pack(entries, size), _aad(meeting, vote))


def open_urn(key: bytes, meeting: str, vote: str, sealed: bytes) -> list[str]:
    try:
        plain = AESGCM(key).decrypt(sealed[:_NONCE], sealed[_NONCE:], _aad(meeting, vote))
    except Exception as exc:  # cryptography raises InvalidTag
        raise UrnError("the urn does not open with its key") from exc
    return unpack(plain)


class KeyWrap:
    """Seals an urn key with a key derived from the installation's secret."""

    def __init__(self, secret: str) -> None:
        self._aead = AESGCM(hashlib.sha256(f"ordet-urn-keys:{secret}".encode()).digest())

    def wrap(self, meeting: str, vote: str, key: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, key, _aad(meeting, vote))

    def unwrap(self, meeting: str, vote: str, sealed: bytes) -> bytes:
        try:
            return self._aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], _aad(meeting, vote))
        except Exception as exc:
            raise UrnError("an urn key sealed with another secret") from exc
