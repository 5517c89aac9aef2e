"""The tablet's encryption in a real Chromium, loaded the way a page loads it (the
import map, the Content-Security-Policy): the fixed vectors' bytes, and ballots
of its own randomness that the hub's checks accept."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.browser.screens import watch_errors
from tests.browser.test_attendance_page import WAIT_MS, chromium
from tests.encrypted.vectors import FILE
from tests.support.hubs import HubProcess
from voting_server.domain.encrypted.ballots import Election, ballot_errors
from voting_server.domain.encrypted.wire import read_ballot, read_point

RUN = """async (vectors) => {
  const m = await import("/static/election-crypto.js");
  const counter = (seed) => {
    let i = 0;
    return () => {
      const bytes = new Uint8Array([...new TextEncoder().encode(seed), 0, 0, 0, 0]);
      new DataView(bytes.buffer).setUint32(bytes.length - 4, i++);
      return m.hashToScalar(bytes);
    };
  };
  return vectors.ballots.map((v) => {
    const { meeting, vote, choices, limit } = v;
    const election = { meeting, vote, key: vectors.key, choices, limit };
    const fixed = m.encryptBallot(election, v.voter, v.marked, counter(v.nonce_seed));
    const started = performance.now();
    const fresh = m.encryptBallot(election, v.voter, v.marked);
    const ms = performance.now() - started;
    return { fixed, tracker: m.tracker(election, v.voter, fixed), fresh, ms };
  });
}"""


async def test_chromium_encrypts_as_the_hub_verifies(start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub()
    vectors = json.loads(FILE.read_text(encoding="utf-8"))
    errors: list[str] = []
    async with chromium() as browser:
        page = await browser.new_page()
        page.set_default_timeout(WAIT_MS)
        watch_errors(page, errors)
        await page.goto(f"{hub.url}/portal/login")
        results = await page.evaluate(RUN, vectors)
        await page.close()
    assert errors == []
    for result, v in zip(results, vectors["ballots"], strict=True):
        assert result["fixed"] == v["ballot"], v["name"]
        assert result["tracker"] == v["tracker"]
        election = Election(
            v["meeting"], v["vote"], read_point(vectors["key"]), tuple(v["choices"]), v["limit"]
        )
        assert ballot_errors(election, v["voter"], read_ballot(result["fresh"])) == []
