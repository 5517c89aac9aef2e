"""Checkpoint signatures and the installation's signing key."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

import pytest

from voting_server.audit import checkpoint


def test_the_signed_message_is_the_documented_byte_string() -> None:
    head = "ab" * 32
    assert checkpoint.message("rf-2025-05", 42, head) == (
        b"ordet checkpoint v1\nrf-2025-05\n42\n" + head.encode() + b"\n"
    )
    with pytest.raises(ValueError):
        checkpoint.message("two\nlines", 42, head)
    with pytest.raises(ValueError):
        checkpoint.message("m", 42, "AB" * 32)


def test_the_signing_key_is_made_once_private_and_reused(tmp_path: Path) -> None:
    data = tmp_path / "var"
    assert checkpoint.stored_public_key(data) is None
    key = checkpoint.load_or_create_signing_key(data)
    path = data / "signing_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in data.iterdir()] == ["signing_key"]
    again = checkpoint.load_or_create_signing_key(data)
    assert checkpoint.public_key_hex(again) == checkpoint.public_key_hex(key)
    assert checkpoint.stored_public_key(data) == checkpoint.public_key_hex(key)


def test_a_signature_holds_for_its_checkpoint_only(tmp_path: Path) -> None:
    key = checkpoint.load_or_create_signing_key(tmp_path)
    signed = checkpoint.sign(key, "m", 7, bytes(range(32)))
    assert signed.head == bytes(range(32)).hex() and signed.size == 7
    assert checkpoint.signature_holds(signed)
    assert not checkpoint.signature_holds(dataclasses.replace(signed, size=8))
    assert not checkpoint.signature_holds(dataclasses.replace(signed, meeting="n"))
    assert not checkpoint.signature_holds(dataclasses.replace(signed, head="00" * 32))
    assert not checkpoint.signature_holds(dataclasses.replace(signed, signature="00" * 64))
    assert not checkpoint.signature_holds(dataclasses.replace(signed, signature="zz"))
    other = checkpoint.public_key_hex(checkpoint.load_or_create_signing_key(tmp_path / "other"))
    assert not checkpoint.signature_holds(signed, other)
