"""``ordet bench election``: what an encrypted election costs (docs/encrypted-elections.md).

For a majority and a proportional election it prints one JSON line: the key
ceremony of three trustees (threshold two), one ballot encrypted by the hub's
code and by the tablet's in Chromium (if there is one), the hub verifying
every ballot of ``--voters``, and the trustees' decryption and the offline
verification of the whole record.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.encrypted import group
from ..domain.encrypted.ballots import Election, ballot_errors, encrypt_ballot
from ..domain.encrypted.ceremony import Ceremony, Commitment, election_key, verification_key
from ..domain.encrypted.decryption import counts, decrypt_share, partial_errors
from ..domain.encrypted.record import ElectionRecord, sums, verify
from ..domain.encrypted.rehearsal import rehearse
from ..domain.encrypted.wire import ballot_wire

CHROMIUM = Path("/usr/bin/chromium")
KINDS = {  # name: (choices, limit)
    "majority": (tuple(f"Kandidat {n}" for n in range(1, 9)), 3),
    "proportional": (("S", "M", "SD", "C", "V", "KD", "L", "MP"), 1),
}


def _ms(fn: Callable[[], Any], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def _ceremony() -> tuple[Ceremony, tuple[Commitment, ...], list[int], float]:
    started = time.perf_counter()
    ceremony = Ceremony("bench", ("t1", "t2", "t3"), threshold=2)
    trustees, commitments = rehearse(ceremony)
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    return ceremony, commitments, [t.secret for t in trustees], elapsed


def measure(kind: str, voters: int, browser_ms: float | str) -> dict[str, Any]:
    choices, limit = KINDS[kind]
    ceremony, commitments, secrets, ceremony_ms = _ceremony()
    election = Election("bench", kind, election_key(commitments), choices, limit)
    # Every seat votes: blank, or one to ``limit`` choices, spread over them all.
    marks = [[(s // 2 + j) % len(choices) for j in range(s % (limit + 1))] for s in range(voters)]
    encrypt_ms = _ms(lambda: encrypt_ballot(election, "1", marks[1]), repeat=20)
    ballots = tuple((str(s), encrypt_ballot(election, str(s), m)) for s, m in enumerate(marks))
    started = time.perf_counter()
    refused = sum(bool(ballot_errors(election, voter, b)) for voter, b in ballots)
    verify_s = time.perf_counter() - started
    summed = sums(election, ballots)
    started = time.perf_counter()
    partials = {t: decrypt_share(election.context, t, secrets[t - 1], summed) for t in (1, 3)}
    decrypt_ms = (time.perf_counter() - started) * 1000 / len(partials)
    started = time.perf_counter()
    assert all(
        not partial_errors(election.context, p, verification_key(commitments, t), summed)
        for t, p in partials.items()
    )
    found = counts(summed, partials, voters)
    combine_ms = (time.perf_counter() - started) * 1000
    record = ElectionRecord(
        ceremony, commitments, election, ballots, tuple(partials.values()), tuple(found)
    )
    started = time.perf_counter()
    offline = verify(record)
    return {
        "election": kind,
        "choices": len(choices),
        "limit": limit,
        "voters": voters,
        "ballot_bytes": len(json.dumps(ballot_wire(ballots[0][1]))),
        "ceremony_ms": ceremony_ms,
        "encrypt_ballot_hub_code_ms": encrypt_ms,
        "encrypt_ballot_chromium_ms": browser_ms,
        "verify_ballots_s": round(verify_s, 2),
        "verify_per_ballot_ms": round(verify_s * 1000 / voters, 2),
        "refused": refused,
        "decrypt_per_trustee_ms": round(decrypt_ms, 1),
        "check_shares_and_count_ms": round(combine_ms, 1),
        "verify_record_offline_s": round(time.perf_counter() - started, 2),
        "record_ok": offline == [],
        "counts": found,
    }


async def _chromium_ms(kind: str) -> float | str:
    """The tablet's code in Chromium: the median of 20 ballots, after one to warm up."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        return "skipped: playwright is not installed"
    if not CHROMIUM.exists():
        return f"skipped: no Chromium at {CHROMIUM}"
    choices, limit = KINDS[kind]
    election = {"meeting": "bench", "vote": kind, "key": group.base_mul(7).hex(),
                "choices": list(choices), "limit": limit}  # fmt: skip
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = await browser.new_page()
        await page.route("http://ordet.bench/**", _serve)
        await page.goto("http://ordet.bench/bench.html")
        result = await page.evaluate(
            """async (election) => {
              const m = await import("/static/election-crypto.js");
              m.encryptBallot(election, "1", [0]);
              const times = [];
              for (let i = 0; i < 20; i++) {
                const started = performance.now();
                m.encryptBallot(election, "1", [0]);
                times.push(performance.now() - started);
              }
              times.sort((a, b) => a - b);
              return times[10];
            }""",
            election,
        )
        await browser.close()
    return round(float(result), 2)


async def _serve(route: Any) -> None:
    path = route.request.url.removeprefix("http://ordet.bench")
    if path == "/bench.html":
        from ..portal.pages import IMPORT_MAP

        page = f'<!doctype html><script type="importmap">{IMPORT_MAP}</script>'
        await route.fulfill(body=page, content_type="text/html")
        return
    from ..web.app import DISPLAY_DIR, VENDOR

    roots = {"/static/": DISPLAY_DIR / "static"}
    roots |= {f"{path}/": DISPLAY_DIR / folder for path, folder, _ in VENDOR}
    for prefix, root in roots.items():
        if path.startswith(prefix):
            file = (root / path.removeprefix(prefix)).resolve()
            if file.is_file() and root.resolve() in file.parents:
                await route.fulfill(body=file.read_bytes(), content_type="text/javascript")
                return
    await route.fulfill(status=404, body="")


def main(voters: int, browser: bool) -> int:
    for kind in KINDS:
        browser_ms = asyncio.run(_chromium_ms(kind)) if browser else "skipped: --no-browser"
        print(json.dumps(measure(kind, voters, browser_ms)), flush=True)
    return 0
