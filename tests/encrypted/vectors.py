"""Fixed vectors: the protocol's bytes for given secrets and nonces, kept in
vectors.json so that any implementation (the tablet's) can be held to them.

``python -m tests.encrypted.vectors`` writes the file again; the test only reads it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from voting_server.domain.encrypted import group
from voting_server.domain.encrypted.ballots import Election, encrypt_ballot
from voting_server.domain.encrypted.ceremony import Ceremony, seal_share
from voting_server.domain.encrypted.proofs import prove_equal_log, prove_knowledge
from voting_server.domain.encrypted.record import tracker
from voting_server.domain.encrypted.wire import (
    ballot_wire,
    equal_log_wire,
    hex_point,
    hex_scalar,
    sealed_share_wire,
)

FILE = Path(__file__).with_name("vectors.json")


def counter_nonces(seed: str) -> Callable[[], int]:
    """Nonce i is SHA-512(seed ‖ i as 4 bytes big-endian), reduced: the same everywhere."""

    def numbers() -> Iterator[int]:
        i = 0
        while True:
            yield group.hash_to_scalar(seed.encode() + i.to_bytes(4, "big"))
            i += 1

    it = numbers()
    return lambda: next(it)


def vectors() -> dict[str, Any]:
    secret = group.hash_to_scalar(b"ordet test election key")
    key = group.base_mul(secret)
    cases = []
    for name, choices, limit, marked in (
        ("majority", ("Anna", "Bo", "Cecilia"), 2, [0, 2]),
        ("proportional", ("S", "M", "SD", "V"), 1, [1]),
        ("blank", ("S", "M"), 1, []),
    ):
        election = Election("kf-2027-01", f"v-{name}", key, choices, limit)
        ballot = encrypt_ballot(election, "12", marked, counter_nonces(name))
        cases.append(
            {
                "name": name,
                "meeting": election.meeting,
                "vote": election.vote,
                "choices": list(choices),
                "limit": limit,
                "voter": "12",
                "marked": marked,
                "nonce_seed": name,
                "context": election.context.hex(),
                "ballot": ballot_wire(ballot),
                "tracker": tracker(election, "12", ballot),
            }
        )
    context = bytes(range(32))
    share, proof = prove_equal_log(
        secret, group.base_mul(7), context, nonces=counter_nonces("dleq")
    )
    knowledge = prove_knowledge(secret, context, counter_nonces("schnorr"))
    ceremony = Ceremony("kf-2027-01", ("m1", "m7", "m12"), 2)
    sealed = seal_share(ceremony, 1, 2, 123456789, key, counter_nonces("share"))
    return {
        "key_secret": hex_scalar(secret),
        "key": hex_point(key),
        "ballots": cases,
        "equal_log": {
            "context": context.hex(),
            "base": hex_point(group.base_mul(7)),
            "result": hex_point(share),
            "proof": equal_log_wire(proof),
        },
        "knowledge": {"proof": [hex_scalar(knowledge.challenge), hex_scalar(knowledge.response)]},
        "sealed_share": {"ceremony": ceremony.context.hex(), **sealed_share_wire(sealed)},
    }


if __name__ == "__main__":
    FILE.write_text(json.dumps(vectors(), indent=1) + "\n", encoding="utf-8")
