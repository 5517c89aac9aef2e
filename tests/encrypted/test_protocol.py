"""The encrypted election's protocol in memory: a ballot's proofs, the ceremony,
the threshold decryption, and a record that stands or falls with every proof."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.encrypted.election import run_election, with_ballot, with_partials
from voting_server.domain.encrypted import group
from voting_server.domain.encrypted.ballots import (
    BIT,
    Election,
    EncryptedBallot,
    Selection,
    ballot_context,
    ballot_errors,
    encrypt_ballot,
)
from voting_server.domain.encrypted.ceremony import (
    Ceremony,
    commit,
    commitment_errors,
    draw_polynomial,
    election_key,
    evaluate,
    share_holds,
)
from voting_server.domain.encrypted.decryption import counts, decrypt_share
from voting_server.domain.encrypted.elgamal import Ciphertext, encrypt
from voting_server.domain.encrypted.proofs import prove_range, verify_range
from voting_server.domain.encrypted.record import sums, tracker, verify
from voting_server.domain.encrypted.rehearsal import rehearse

CANDIDATES = ("Anna", "Bo", "Cecilia", "David")
VOTES = [(0, 1), (1,), (), (1, 3), (2, 0), (1,), (3,)]  # two seats: at most two each


def an_election(limit: int = 2) -> Election:
    key = group.base_mul(group.random_scalar())
    return Election("kf", "v1", key, CANDIDATES, limit)


def test_a_majority_election_counts_the_ballots_and_the_record_stands() -> None:
    record = run_election(CANDIDATES, 2, VOTES)
    assert record.counts == (2, 4, 1, 2)
    assert verify(record) == []
    trackers = tuple(tracker(record.election, v, b) for v, b in record.ballots)
    assert verify(record, trackers, eligible=frozenset(str(s) for s in range(1, 72))) == []


def test_any_two_of_the_three_trustees_decrypt_the_same_counts() -> None:
    for present in combinations((1, 2, 3), 2):
        record = run_election(("S", "M", "SD"), 1, [(0,), (1,), (0,), (), (2,)], present)
        assert verify(record) == [], present
        assert record.counts == (2, 1, 1)


def test_one_trustee_alone_cannot_decrypt() -> None:
    record = run_election(CANDIDATES, 2, VOTES, present=(2,))
    assert verify(record) == ["2 trustees must decrypt, 1 did"]
    summed = sums(record.election, record.ballots)
    with pytest.raises(ValueError):  # one share is not the key: no count comes out
        counts(summed, {2: record.partials[0]}, len(record.ballots))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sets(st.integers(0, 3), max_size=2), max_size=6))
def test_any_ballots_within_the_limit_verify_and_add_up(marks: list[set[int]]) -> None:
    votes = [sorted(m) for m in marks]
    record = run_election(CANDIDATES, 2, votes, present=(2, 3))
    assert verify(record) == []


def test_a_selection_that_is_not_zero_or_one_is_refused() -> None:
    election = an_election()
    context = ballot_context(election, "5")
    two = encrypt(election.key, 2, 77)
    forged = prove_range(election.key, two, 2, 77, (0, 2), context)  # true, but of {0, 2}
    assert not verify_range(election.key, two, forged, BIT, context)
    honest = encrypt_ballot(election, "5", [0])
    ballot = replace(honest, selections=(Selection(two, forged), *honest.selections[1:]))
    assert ballot_errors(election, "5", ballot)[0] == "selection 0: not proved to be 0 or 1"


def test_more_marks_than_seats_are_refused() -> None:
    election = an_election(limit=2)
    with pytest.raises(ValueError):
        encrypt_ballot(election, "5", [0, 1, 2])
    wide = replace(election, limit=3)  # a tablet that believes in three seats
    over = encrypt_ballot(wide, "5", [0, 1, 2])
    errors = ballot_errors(election, "5", over)
    assert "the sum is not proved to be at most 2" in errors


def test_a_ballot_cast_again_from_another_seat_is_refused() -> None:
    election = an_election()
    ballot = encrypt_ballot(election, "5", [1])
    assert ballot_errors(election, "5", ballot) == []
    assert ballot_errors(election, "6", ballot) != []


def test_a_ballot_for_another_election_or_with_a_changed_ciphertext_is_refused() -> None:
    election = an_election()
    ballot = encrypt_ballot(election, "5", [1])
    assert ballot_errors(replace(election, vote="v2"), "5", ballot) != []
    first = ballot.selections[0]
    bumped = Ciphertext(first.ciphertext.pad, group.add(first.ciphertext.data, group.base_mul(1)))
    changed = replace(ballot, selections=(Selection(bumped, first.proof), *ballot.selections[1:]))
    assert ballot_errors(election, "5", changed) != []
    short = EncryptedBallot(ballot.selections[:3], ballot.total_proof)
    assert ballot_errors(election, "5", short) == ["4 selections expected, 3 given"]


def test_a_hub_that_changes_drops_or_adds_a_ballot_is_caught() -> None:
    record = run_election(CANDIDATES, 2, VOTES)
    trackers = tuple(tracker(record.election, v, b) for v, b in record.ballots)
    # Changed: the hub puts its own valid ballot in a voter's place; the voter's tracker is gone.
    own = encrypt_ballot(record.election, record.ballots[2][0], [0])
    changed = with_ballot(record, 2, own)
    assert any("tracker" in e for e in verify(changed, trackers))
    # Dropped: the tracker is gone, and the old decryption no longer fits the sums.
    dropped = replace(record, ballots=record.ballots[:-1])
    assert any("tracker" in e for e in verify(dropped, trackers))
    assert verify(dropped) != []
    # Added: a ballot from a seat that was not there, or a second from one that was.
    extra = encrypt_ballot(record.election, "99", [0])
    added = replace(record, ballots=(*record.ballots, ("99", extra)))
    assert "seat 99 could not vote" in verify(
        added, eligible=frozenset({"1", "2", "3", "4", "5", "6", "7"})
    )
    again = encrypt_ballot(record.election, "1", [3])
    assert "seat 1 cast more than one ballot" in verify(
        replace(record, ballots=(*record.ballots, ("1", again)))
    )


def test_published_counts_that_are_not_the_ballots_are_caught() -> None:
    record = run_election(CANDIDATES, 2, VOTES)
    wrong = replace(record, counts=(4, 2, 1, 2))
    assert verify(wrong) == ["the published counts [4, 2, 1, 2] are not the ballots' [2, 4, 1, 2]"]


def test_a_trustee_share_made_with_another_key_is_caught() -> None:
    record = run_election(CANDIDATES, 2, VOTES)
    summed = sums(record.election, record.ballots)
    liar = decrypt_share(record.election.context, 3, group.random_scalar(), summed)
    errors = verify(with_partials(record, (record.partials[0], liar)))
    assert errors and all(e.startswith("trustee 3: share") for e in errors)


def test_a_commitment_without_its_proof_and_a_share_that_does_not_fit_are_caught() -> None:
    ceremony = Ceremony("kf", ("a", "b", "c"), threshold=2)
    polynomial = draw_polynomial(ceremony)
    honest = commit(ceremony, 1, polynomial)
    other = commit(ceremony, 1, draw_polynomial(ceremony))
    swapped = replace(honest, proofs=other.proofs)
    assert commitment_errors(ceremony, honest) == []
    assert commitment_errors(ceremony, swapped) == [
        "trustee 1: coefficient 0 not proved",
        "trustee 1: coefficient 1 not proved",
    ]
    assert share_holds(honest, 2, evaluate(polynomial, 2))
    assert not share_holds(honest, 2, (evaluate(polynomial, 2) + 1) % group.ORDER)


def test_the_election_key_must_be_the_ceremonys() -> None:
    record = run_election(CANDIDATES, 2, VOTES)
    _, others = rehearse(record.ceremony)
    assert election_key(others) != record.election.key
    assert verify(replace(record, commitments=others)) == [
        "the election key is not the one the trustees formed"
    ]


def test_the_identity_is_a_value_and_bad_points_are_refused() -> None:
    assert group.add(group.IDENTITY, group.base_mul(1)) == group.base_mul(1)
    assert group.mul(0, group.base_mul(5)) == group.IDENTITY
    assert group.small_log(group.IDENTITY, 3) == 0
    with pytest.raises(group.GroupError):
        group.point(b"\xff" * 32)
    with pytest.raises(group.GroupError):
        group.scalar_from_bytes(group.ORDER.to_bytes(32, "little"))
