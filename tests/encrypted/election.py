"""A whole encrypted election held in memory: three trustees of whom two must
decrypt, voters' ballots, and the record anyone can check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from voting_server.domain.encrypted.ballots import Election, EncryptedBallot, encrypt_ballot
from voting_server.domain.encrypted.ceremony import Ceremony, election_key
from voting_server.domain.encrypted.decryption import PartialDecryption, decrypt_share
from voting_server.domain.encrypted.record import ElectionRecord, sums
from voting_server.domain.encrypted.rehearsal import rehearse

TRUSTEES = ("m1", "m7", "m12")  # the chair and the two justerare


def run_election(
    choices: Sequence[str],
    limit: int,
    votes: Sequence[Sequence[int]],
    present: Sequence[int] = (1, 3),
) -> ElectionRecord:
    """An election with ``votes`` (the choices each voter marks), decrypted by ``present``."""
    ceremony = Ceremony("kf-2027-01", TRUSTEES, threshold=2)
    trustees, commitments = rehearse(ceremony)
    election = Election("kf-2027-01", "v1", election_key(commitments), tuple(choices), limit)
    ballots = tuple(
        (str(seat), encrypt_ballot(election, str(seat), marked))
        for seat, marked in enumerate(votes, start=1)
    )
    summed = sums(election, ballots)
    partials = tuple(
        decrypt_share(election.context, t.index, t.secret, summed)
        for t in trustees
        if t.index in present
    )
    counted = tuple(sum(i in marked for marked in votes) for i in range(len(choices)))
    return ElectionRecord(ceremony, commitments, election, ballots, partials, counted)


def with_ballot(record: ElectionRecord, index: int, ballot: EncryptedBallot) -> ElectionRecord:
    ballots = list(record.ballots)
    ballots[index] = (ballots[index][0], ballot)
    return replace(record, ballots=tuple(ballots))


def with_partials(
    record: ElectionRecord, partials: tuple[PartialDecryption, ...]
) -> ElectionRecord:
    return replace(record, partials=partials)
