"""Checking an encrypted election from its public record alone: the ceremony's
commitments, every ballot and its proofs, the sums, each trustee's share of
the decryption and the counts published. No secret is needed.

A voter's tablet keeps the ballot's tracker (its hash); a tracker that is not
in the record shows a ballot changed or dropped, and every ballot names the
seat it was cast from, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ballots import Election, EncryptedBallot, ballot_errors
from .ceremony import Ceremony, Commitment, commitment_errors, election_key, verification_key
from .decryption import PartialDecryption, counts, partial_errors
from .elgamal import Ciphertext, total
from .transcript import digest


@dataclass(frozen=True, slots=True)
class ElectionRecord:
    ceremony: Ceremony
    commitments: tuple[Commitment, ...]
    election: Election
    ballots: tuple[tuple[str, EncryptedBallot], ...]  # (the voter's seat, the ballot), in order
    partials: tuple[PartialDecryption, ...]
    counts: tuple[int, ...]  # per choice, as published


def tracker(election: Election, voter: str, ballot: EncryptedBallot) -> str:
    """The ballot's fingerprint, which the voter's tablet shows and keeps."""
    parts: list[bytes | int | str] = []
    for s in ballot.selections:
        parts += [s.ciphertext.pad, s.ciphertext.data, *s.proof.challenges, *s.proof.responses]
    parts += [*ballot.total_proof.challenges, *ballot.total_proof.responses]
    return digest("tracker", election.context, voter, *parts).hex()


def sums(election: Election, ballots: tuple[tuple[str, EncryptedBallot], ...]) -> list[Ciphertext]:
    """Each choice's ciphertexts added over every ballot."""
    return [
        total([b.selections[i].ciphertext for _, b in ballots])
        for i in range(len(election.choices))
    ]


def verify(
    record: ElectionRecord,
    trackers: tuple[str, ...] = (),
    eligible: frozenset[str] | None = None,
) -> list[str]:
    """Everything wrong with the record, in words; empty when the result stands.

    ``trackers``: those the voters kept (each must be in the record);
    ``eligible``: the seats that could vote (from the meeting's log).
    """
    errors = _ceremony_errors(record)
    if errors:
        return errors
    election, ballots = record.election, record.ballots
    voters = [voter for voter, _ in ballots]
    twice = sorted(v for v in set(voters) if voters.count(v) > 1)
    errors += [f"seat {v} cast more than one ballot" for v in twice]
    if eligible is not None:
        errors += [f"seat {v} could not vote" for v in voters if v not in eligible]
    for voter, ballot in ballots:
        errors += [f"ballot of seat {voter}: {e}" for e in ballot_errors(election, voter, ballot)]
    held = {tracker(election, voter, ballot) for voter, ballot in ballots}
    errors += [f"tracker {t} is not in the record" for t in trackers if t not in held]
    if errors:
        return errors
    return errors + _tally_errors(record, sums(election, ballots))


def _ceremony_errors(record: ElectionRecord) -> list[str]:
    ceremony, commitments = record.ceremony, record.commitments
    indices = sorted(c.index for c in commitments)
    if indices != list(range(1, len(ceremony.trustees) + 1)):
        return ["the ceremony needs one commitment from each trustee"]
    errors = [e for c in commitments for e in commitment_errors(ceremony, c)]
    if not errors and election_key(commitments) != record.election.key:
        errors.append("the election key is not the one the trustees formed")
    return errors


def _tally_errors(record: ElectionRecord, summed: list[Ciphertext]) -> list[str]:
    by_trustee = {p.trustee: p for p in record.partials}
    if len(by_trustee) != len(record.partials):
        return ["a trustee decrypted twice"]
    if len(by_trustee) < record.ceremony.threshold:
        return [f"{record.ceremony.threshold} trustees must decrypt, {len(by_trustee)} did"]
    context = record.election.context
    errors = []
    for trustee, partial in by_trustee.items():
        if not 1 <= trustee <= len(record.ceremony.trustees):
            errors.append(f"no trustee {trustee}")
            continue
        key = verification_key(record.commitments, trustee)
        errors += partial_errors(context, partial, key, summed)
    if errors:
        return errors
    try:
        found = counts(summed, by_trustee, len(record.ballots))
    except ValueError as err:
        return [str(err)]
    if tuple(found) != record.counts:
        return [f"the published counts {list(record.counts)} are not the ballots' {found}"]
    return []
