"""The hash chain: any edit, drop or reorder is caught at the entry where it starts."""

from __future__ import annotations

import dataclasses

import pytest

from voting_server.log.chain import GENESIS, ChainError, seal, verify

PAYLOADS = [f"entry {i}".encode() for i in range(1, 6)]


def test_a_sealed_log_verifies_and_returns_the_head() -> None:
    entries = seal(0, GENESIS, PAYLOADS)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert verify(entries) == entries[-1].hash


def test_an_edited_entry_is_located() -> None:
    entries = seal(0, GENESIS, PAYLOADS)
    entries[2] = dataclasses.replace(entries[2], data=b"entry 3, edited")
    with pytest.raises(ChainError) as info:
        verify(entries)
    assert info.value.seq == 3


def test_a_deleted_entry_is_located() -> None:
    entries = seal(0, GENESIS, PAYLOADS)
    del entries[1]
    with pytest.raises(ChainError) as info:
        verify(entries)
    assert info.value.seq == 3


def test_reordered_entries_are_located() -> None:
    entries = seal(0, GENESIS, PAYLOADS)
    entries[1], entries[2] = entries[2], entries[1]
    with pytest.raises(ChainError) as info:
        verify(entries)
    assert info.value.seq == 3


def test_an_entry_rehashed_after_an_edit_still_breaks_the_next_link() -> None:
    entries = seal(0, GENESIS, PAYLOADS)
    forged = seal(1, entries[0].hash, [b"forged"])[0]
    entries[1] = forged
    with pytest.raises(ChainError) as info:
        verify(entries)
    assert info.value.seq == 3
