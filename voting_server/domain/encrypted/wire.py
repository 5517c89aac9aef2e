"""Ballots, proofs and decryptions as they travel and as the log keeps them:
points and scalars as lowercase hex of their 32 bytes, in plain lists and
dicts (msgpack and JSON alike). Reading checks every point and scalar.
"""

from __future__ import annotations

from typing import Any

from .ballots import EncryptedBallot, Selection
from .ceremony import Commitment, SealedShare
from .decryption import PartialDecryption
from .elgamal import Ciphertext
from .group import GroupError, Point, Scalar, point, scalar_bytes, scalar_from_bytes
from .proofs import EqualLogProof, KnowledgeProof, RangeProof

#: More choices than any election has: a bound on what a frame may make the hub verify.
MAX_CHOICES = 200


class WireError(ValueError):
    """A ballot or proof that is not well formed, in words."""


def hex_point(p: Point) -> str:
    return p.hex()


def hex_scalar(k: Scalar) -> str:
    return scalar_bytes(k).hex()


def read_point(raw: Any) -> Point:
    try:
        return point(_bytes(raw))
    except GroupError as err:
        raise WireError(str(err)) from None


def read_scalar(raw: Any) -> Scalar:
    try:
        return scalar_from_bytes(_bytes(raw))
    except GroupError as err:
        raise WireError(str(err)) from None


def _bytes(raw: Any) -> bytes:
    if not isinstance(raw, str) or len(raw) != 64:
        raise WireError("a point or scalar is 64 hex digits")
    try:
        return bytes.fromhex(raw)
    except ValueError:
        raise WireError("a point or scalar is 64 hex digits") from None


def _list(raw: Any, limit: int = MAX_CHOICES + 1) -> list[Any]:
    if not isinstance(raw, list) or len(raw) > limit:
        raise WireError(f"a list of at most {limit}")
    return raw


def _field(raw: Any, key: str) -> Any:
    if not isinstance(raw, dict) or key not in raw:
        raise WireError(f"{key!r} is missing")
    return raw[key]


def ciphertext_wire(c: Ciphertext) -> list[str]:
    return [hex_point(c.pad), hex_point(c.data)]


def read_ciphertext(raw: Any) -> Ciphertext:
    pad, data = _pair(raw)
    return Ciphertext(read_point(pad), read_point(data))


def _pair(raw: Any) -> tuple[Any, Any]:
    items = _list(raw, 2)
    if len(items) != 2:
        raise WireError("a pair")
    return items[0], items[1]


def range_wire(p: RangeProof) -> dict[str, list[str]]:
    return {"c": [hex_scalar(c) for c in p.challenges], "v": [hex_scalar(v) for v in p.responses]}


def read_range(raw: Any) -> RangeProof:
    challenges = tuple(read_scalar(c) for c in _list(_field(raw, "c")))
    responses = tuple(read_scalar(v) for v in _list(_field(raw, "v")))
    return RangeProof(challenges, responses)


def ballot_wire(b: EncryptedBallot) -> dict[str, Any]:
    return {
        "selections": [
            {"ct": ciphertext_wire(s.ciphertext), "proof": range_wire(s.proof)}
            for s in b.selections
        ],
        "total_proof": range_wire(b.total_proof),
    }


def read_ballot(raw: Any) -> EncryptedBallot:
    """A ballot from the wire; WireError when anything is malformed."""
    selections = tuple(
        Selection(read_ciphertext(_field(s, "ct")), read_range(_field(s, "proof")))
        for s in _list(_field(raw, "selections"), MAX_CHOICES)
    )
    return EncryptedBallot(selections, read_range(_field(raw, "total_proof")))


def equal_log_wire(p: EqualLogProof) -> list[str]:
    return [hex_scalar(p.challenge), hex_scalar(p.response)]


def read_equal_log(raw: Any) -> EqualLogProof:
    c, v = _pair(raw)
    return EqualLogProof(read_scalar(c), read_scalar(v))


def partial_wire(p: PartialDecryption) -> dict[str, Any]:
    return {
        "trustee": p.trustee,
        "shares": [hex_point(s) for s in p.shares],
        "proofs": [equal_log_wire(q) for q in p.proofs],
    }


def read_partial(raw: Any) -> PartialDecryption:
    trustee = _field(raw, "trustee")
    if not isinstance(trustee, int) or isinstance(trustee, bool) or not 1 <= trustee <= 99:
        raise WireError("trustee: a number from 1")
    return PartialDecryption(
        trustee,
        tuple(read_point(s) for s in _list(_field(raw, "shares"))),
        tuple(read_equal_log(q) for q in _list(_field(raw, "proofs"))),
    )


def commitment_wire(c: Commitment) -> dict[str, Any]:
    return {
        "index": c.index,
        "coefficients": [hex_point(p) for p in c.coefficients],
        "proofs": [[hex_scalar(p.challenge), hex_scalar(p.response)] for p in c.proofs],
    }


def read_commitment(raw: Any) -> Commitment:
    index = _field(raw, "index")
    if not isinstance(index, int) or isinstance(index, bool):
        raise WireError("index: a number")
    proofs = [_pair(p) for p in _list(_field(raw, "proofs"))]
    return Commitment(
        index,
        tuple(read_point(p) for p in _list(_field(raw, "coefficients"))),
        tuple(KnowledgeProof(read_scalar(c), read_scalar(v)) for c, v in proofs),
    )


def sealed_share_wire(s: SealedShare) -> dict[str, Any]:
    return {
        "sender": s.sender,
        "recipient": s.recipient,
        "ephemeral": hex_point(s.ephemeral),
        "masked": hex_scalar(s.masked),
    }


def read_sealed_share(raw: Any) -> SealedShare:
    sender, recipient = _field(raw, "sender"), _field(raw, "recipient")
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in (sender, recipient)):
        raise WireError("sender and recipient: numbers")
    return SealedShare(
        sender, recipient, read_point(_field(raw, "ephemeral")), read_scalar(_field(raw, "masked"))
    )
