"""A whole encrypted election held in memory: three trustees of whom two must
decrypt, voters' ballots, and the record anyone can check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from voting_server.domain.encrypted import group
from voting_server.domain.encrypted.ballots import Election, EncryptedBallot, encrypt_ballot
from voting_server.domain.encrypted.ceremony import (
    Ceremony,
    Commitment,
    commit,
    draw_polynomial,
    election_key,
    evaluate,
    open_share,
    seal_share,
    share_holds,
    trustee_secret,
)
from voting_server.domain.encrypted.decryption import PartialDecryption, decrypt_share
from voting_server.domain.encrypted.record import ElectionRecord, sums

TRUSTEES = ("m1", "m7", "m12")  # the chair and the two justerare


@dataclass
class Trustee:
    index: int
    transport_secret: int
    polynomial: list[int]
    secret: int = 0

    @property
    def transport_key(self) -> bytes:
        return group.base_mul(self.transport_secret)


def hold_ceremony(ceremony: Ceremony) -> tuple[list[Trustee], tuple[Commitment, ...]]:
    """Every trustee commits, seals a share to every other, and checks what it got."""
    trustees = [
        Trustee(i, group.random_scalar(), draw_polynomial(ceremony))
        for i in range(1, len(ceremony.trustees) + 1)
    ]
    commitments = tuple(commit(ceremony, t.index, t.polynomial) for t in trustees)
    for recipient in trustees:
        got = []
        for sender in trustees:
            sealed = seal_share(
                ceremony,
                sender.index,
                recipient.index,
                evaluate(sender.polynomial, recipient.index),
                recipient.transport_key,
            )
            share = open_share(ceremony, sealed, recipient.transport_secret)
            assert share_holds(commitments[sender.index - 1], recipient.index, share)
            got.append(share)
        recipient.secret = trustee_secret(got)
    return trustees, commitments


def run_election(
    choices: Sequence[str],
    limit: int,
    votes: Sequence[Sequence[int]],
    present: Sequence[int] = (1, 3),
) -> ElectionRecord:
    """An election with ``votes`` (the choices each voter marks), decrypted by ``present``."""
    ceremony = Ceremony("kf-2027-01", TRUSTEES, threshold=2)
    trustees, commitments = hold_ceremony(ceremony)
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
