"""Ballots on the wire: what a tablet sends reads back the same, anything
malformed is refused with words, and the fixed vectors hold."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.encrypted.vectors import FILE, vectors
from voting_server.domain.encrypted import group
from voting_server.domain.encrypted.ballots import Election, ballot_errors, encrypt_ballot
from voting_server.domain.encrypted.wire import WireError, ballot_wire, read_ballot


def a_ballot() -> tuple[Election, dict[str, Any]]:
    election = Election("kf", "v1", group.base_mul(group.random_scalar()), ("A", "B"), 1)
    return election, ballot_wire(encrypt_ballot(election, "3", [1]))


def test_a_ballot_reads_back_as_it_was_sent() -> None:
    election, wire = a_ballot()
    ballot = read_ballot(json.loads(json.dumps(wire)))
    assert ballot_wire(ballot) == wire
    assert ballot_errors(election, "3", ballot) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda w: w.pop("total_proof"),
        lambda w: w.update(selections="x"),
        lambda w: w["selections"][0].update(ct=["00" * 32]),
        lambda w: w["selections"][0]["ct"].__setitem__(0, "zz" * 32),
        lambda w: w["selections"][0]["ct"].__setitem__(0, "ff" * 32),  # no point
        lambda w: w["selections"][0]["proof"]["c"].__setitem__(0, "ff" * 32),  # above the order
        lambda w: w["selections"][0]["proof"].update(v=["00" * 32] * 500),
        lambda w: w.update(selections=[w["selections"][0]] * 201),
    ],
)
def test_a_malformed_ballot_is_refused_in_words(damage: Any) -> None:
    _, wire = a_ballot()
    damage(wire)
    with pytest.raises(WireError) as refused:
        read_ballot(wire)
    assert str(refused.value)


def test_the_fixed_vectors_are_what_the_protocol_makes() -> None:
    assert json.loads(FILE.read_text(encoding="utf-8")) == vectors()
