"""The urn of a secret vote: ballots kept apart from the voters, sealed.

Each ballot is encrypted (AES-GCM, a fresh nonce each time, a key derived from
the installation's secret and the vote) and stored in the SQL table
``urn_ballot`` under a random id, in the same transaction as the log entry
that marks its voter. Nothing in the log says what anyone chose; nothing in
the urn says who chose it, and an operator who can read the database but not
the secret cannot read the ballots. At the close the urn is opened, its
entries go into the log sorted, and the urn rows are deleted.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


class UrnSealer:
    def __init__(self, secret: str) -> None:
        self._root = hashlib.sha256(f"ordet-urn:{secret}".encode()).digest()

    def _cipher(self, meeting: str, vote: str) -> AESGCM:
        key = hashlib.sha256(self._root + f"{meeting}:{vote}".encode()).digest()
        return AESGCM(key)

    def seal(self, meeting: str, vote: str, entry: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._cipher(meeting, vote).encrypt(nonce, entry.encode(), vote.encode())

    def open(self, meeting: str, vote: str, sealed: bytes) -> str:
        nonce, body = sealed[:12], sealed[12:]
        return self._cipher(meeting, vote).decrypt(nonce, body, vote.encode()).decode()
