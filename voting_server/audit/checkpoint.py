"""Signed checkpoints: an Ed25519 signature over a meeting's log size and head hash.

The signed message is a short, documented byte string, so that an auditor can
rebuild it with any tool::

    b"ordet checkpoint v1\n" + meeting + b"\n" + size + b"\n" + head + b"\n"

with ``meeting`` in UTF-8, ``size`` in decimal ASCII digits and ``head`` as
64 lowercase hex digits. The first line keeps a checkpoint signature from ever
being taken for a signature over anything else.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ..domain.checkpoints import CheckpointSigned

PREFIX = b"ordet checkpoint v1\n"
KEY_FILE = "signing_key"


def message(meeting: str, size: int, head: str) -> bytes:
    """The exact bytes a checkpoint's signature covers."""
    if "\n" in meeting or not meeting:
        raise ValueError(f"unusable meeting id {meeting!r}")
    if size < 1:
        raise ValueError("a checkpoint signs at least one entry")
    if len(head) != 64 or head != head.lower() or not _is_hex(head):
        raise ValueError("head must be 64 lowercase hex digits")
    return PREFIX + f"{meeting}\n{size}\n{head}\n".encode()


def public_key_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign(key: Ed25519PrivateKey, meeting: str, size: int, head: bytes) -> CheckpointSigned:
    """The checkpoint event for the log of ``meeting`` up to entry ``size`` (hash ``head``)."""
    head_hex = head.hex()
    signature = key.sign(message(meeting, size, head_hex))
    return CheckpointSigned(meeting, size, head_hex, public_key_hex(key), signature.hex())


def signature_holds(checkpoint: CheckpointSigned, public_key: str | None = None) -> bool:
    """Whether the signature is valid over the checkpoint's own fields.

    ``public_key`` (hex) checks against that key instead of the one the event names.
    """
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key or checkpoint.public_key))
        key.verify(
            bytes.fromhex(checkpoint.signature),
            message(checkpoint.meeting, checkpoint.size, checkpoint.head),
        )
    except (ValueError, InvalidSignature):
        return False
    return True


def load_or_create_signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The installation's signing key, made on first use and kept in ``data_dir``.

    The file holds the 32-byte private seed in hex, readable by its owner only.
    """
    path = data_dir / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then linked into place: a second
        # process sees either no key or a complete one, and the first link wins.
        draft = data_dir / f".{KEY_FILE}.{secrets.token_hex(8)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text().strip()))


def stored_public_key(data_dir: Path) -> str | None:
    """The hex public key of the installation's signing key, if one was made."""
    if not (data_dir / KEY_FILE).exists():
        return None
    return public_key_hex(load_or_create_signing_key(data_dir))


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)
