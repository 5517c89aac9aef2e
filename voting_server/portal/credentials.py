"""Password hashing (Argon2) and recovery codes (salted SHA-256, high entropy)."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

RECOVERY_CODE_COUNT = 10
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the account is unknown, so that both cases take as long.

    Made at the first use, not at import: a hub restarting mid-meeting is back
    sooner by the time one hash takes.
    """
    return _hasher.hash("not a password of anyone")


def password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and bool(stored)
    except (VerificationError, InvalidHashError):
        return False


def new_recovery_code() -> str:
    """Ten characters from a 32-letter alphabet (50 bits), shown as XXXXX-XXXXX."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalize_recovery_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isascii() and ch.isalnum())


def recovery_hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{normalize_recovery_code(code)}".encode()).hexdigest()


def recovery_matches(salt: str, stored: str, code: str) -> bool:
    return hmac.compare_digest(recovery_hash(salt, code), stored)
