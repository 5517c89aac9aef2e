"""The tablet's encryption (display/static/election-crypto.js, run by Node on the
same file the browser loads) against the hub's: the same bytes from the same
nonces, and ballots it makes with its own randomness pass the hub's checks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.encrypted.vectors import FILE
from voting_server.domain.encrypted.ballots import Election, ballot_errors
from voting_server.domain.encrypted.wire import read_ballot, read_point

CHECK = Path(__file__).with_name("vectors_check.mjs")


def test_the_tablet_makes_the_protocols_bytes_and_the_hub_accepts_its_ballots() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: scripts/setup installs it", pytrace=False)
    run = subprocess.run([node, str(CHECK)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    vectors = json.loads(FILE.read_text(encoding="utf-8"))
    results = json.loads(run.stdout)
    assert [(r["name"], r["context"], r["ballot"], r["tracker"]) for r in results] == [
        (v["name"], True, True, True) for v in vectors["ballots"]
    ]
    for result, v in zip(results, vectors["ballots"], strict=True):
        election = Election(
            v["meeting"], v["vote"], read_point(vectors["key"]), tuple(v["choices"]), v["limit"]
        )
        fresh = read_ballot(result["random"])
        assert ballot_errors(election, v["voter"], fresh) == []
        assert ballot_errors(election, "13", fresh) != []  # bound to its seat
