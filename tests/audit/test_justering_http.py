"""Digital justering over HTTP on a real hub: a TOTP step-up per signature, into the log."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine

from tests.audit.test_minutes_scenario import play_minutes_meeting
from tests.portal.web import Member, enrolled_session
from tests.support.hubs import HubProcess
from voting_server.audit import minutes_report
from voting_server.audit.minutes_model import local
from voting_server.client import HubClient, fetch_ticket
from voting_server.clock import CLOCK
from voting_server.domain.deadlines import deadline
from voting_server.domain.justering.events import MinutesSigned
from voting_server.portal import totp
from voting_server.store.archive import Archive


async def sign(
    http: httpx.AsyncClient, meeting: str, digest: str, code: str, paragraph: str = ""
) -> httpx.Response:
    return await http.post(
        f"/api/meetings/{meeting}/minutes/sign",
        json={"paragraph": paragraph, "document_hash": digest, "code": code},
    )


def wrong_code(member: Member) -> str:
    """Six digits that are none of the codes the drift window accepts now."""
    now = totp.step_at(CLOCK.now())
    valid = {totp.code_at(member.secret, step) for step in range(now - 2, now + 3)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def cli(hub: HubProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voting_server.cli", "audit", *args],
        env=hub.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.any_day
async def test_the_chair_and_the_justerare_sign_with_a_fresh_code_each(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, tmp_path: Path
) -> None:
    hub = start_hub()
    meeting = play_minutes_meeting(hub)
    sessions: dict[str, tuple[httpx.AsyncClient, Member]] = {}
    try:
        for person in ("m1", "m2", "m26", "m3", "sekr"):
            sessions[person] = await enrolled_session(hub.url, demo_engine, person)
        chair, chair_member = sessions["m1"]
        status = (await chair.get(f"/api/meetings/{meeting}/minutes/status")).json()
        assert status["me"] == {"person": "m1", "role": "chair", "secretary": False}
        assert [j["person"] for j in status["justerare"]] == ["m2", "m26"]
        digest = status["document_hash"]
        before = (await chair.get(f"/api/meetings/{meeting}/minutes.html")).content
        assert hashlib.sha256(before).hexdigest() == digest

        wrong = await sign(chair, meeting, digest, wrong_code(chair_member))
        assert wrong.status_code == 401 and wrong.json()["error"] == "auth.bad_code"
        stale = await sign(chair, meeting, "0" * 64, chair_member.next_code())
        assert stale.status_code == 409 and stale.json()["error"] == "minutes.document_changed"
        outsider, outsider_member = sessions["m3"]
        refused = await sign(outsider, meeting, digest, outsider_member.next_code())
        assert refused.status_code == 403 and refused.json()["error"] == "minutes.not_a_signatory"

        signed = await sign(chair, meeting, digest, chair_member.next_code())
        assert signed.status_code == 200, signed.text
        assert signed.json()["role"] == "chair"

        http, m2 = sessions["m2"]
        code = m2.next_code()
        assert (await sign(http, meeting, digest, code)).status_code == 200
        paragraph = status["paragraphs"][2]
        assert paragraph["item"] == "3" and paragraph["finished"]
        replayed = await sign(http, meeting, paragraph["hash"], code, paragraph="3")
        assert replayed.status_code == 401 and replayed.json()["error"] == "auth.code_used"

        http, m26 = sessions["m26"]
        assert (await sign(http, meeting, digest, m26.next_code())).status_code == 200

        status = (await chair.get(f"/api/meetings/{meeting}/minutes/status")).json()
        assert status["verified"] is True
        assert [(s["person"], s["role"], s["holds"]) for s in status["signatures"]] == [
            ("m1", "chair", True),
            ("m2", "justerare", True),
            ("m26", "justerare", True),
        ]
        after = (await chair.get(f"/api/meetings/{meeting}/minutes.html")).content
        assert after == before  # verified minutes do not change
        today = CLOCK.today()
        assert status["verified_on"] == today.isoformat()
        assert status["notice_date"] is None  # until the secretary records the posting
        assert status["notice_by"] == deadline(today, timedelta(days=2)).isoformat()

        # Only the secretary records the notice, and only as it was: not ahead of time.
        notice = f"/api/meetings/{meeting}/minutes/notice"
        member_try = await chair.post(notice, json={"day": today.isoformat()})
        assert member_try.status_code == 403
        secretary, _ = sessions["sekr"]
        ahead = await secretary.post(notice, json={"day": (today + timedelta(1)).isoformat()})
        assert ahead.status_code == 409 and ahead.json()["error"] == "minutes.notice_in_future"
        posted = await secretary.post(notice, json={"day": today.isoformat()})
        assert posted.status_code == 200, posted.text
        again = await secretary.post(notice, json={"day": today.isoformat()})
        assert again.json()["error"] == "minutes.notice_recorded"
        status = (await chair.get(f"/api/meetings/{meeting}/minutes/status")).json()

        # The public screen shows the notice and the appeal period, as anyone sees them.
        async with httpx.AsyncClient(base_url=hub.url) as anonymous:
            public = HubClient(hub.url, await fetch_ticket(anonymous, meeting, "public"))
        await public.connect()
        await public.wait_for(lambda c: "notice" in c.view.get("meeting", {}))
        assert public.view["meeting"]["notice"] == {
            "verified_on": today.isoformat(),
            "posted_on": today.isoformat(),
            "appeal_ends": deadline(today, timedelta(weeks=3)).isoformat(),
        }
        await public.close()
    finally:
        for http, _ in sessions.values():
            await http.aclose()

    entries = Archive(demo_engine).read(meeting)
    signatures = [e for e, _ in minutes_report.pairs_of(entries) if isinstance(e, MinutesSigned)]
    assert [(s.person, s.paragraph, s.document_hash) for s in signatures] == [
        ("m1", "", digest),
        ("m2", "", digest),
        ("m26", "", digest),
    ]
    assert local(signatures[-1].signed_at).date() == today
    assert status["notice_date"] == today.isoformat()
    assert status["appeal_ends"] == deadline(today, timedelta(weeks=3)).isoformat()

    export = tmp_path / "meeting.json"
    done = cli(hub, "export", meeting, "-o", str(export))
    assert done.returncode == 0, done.stderr
    verified = cli(hub, "verify", str(export))
    assert verified.returncode == 0, verified.stdout
    assert "RESULT: the file holds" in verified.stdout
    html = tmp_path / "protokoll.html"
    made = cli(hub, "minutes", str(export), "--html", str(html), "--pdf", str(tmp_path / "p.pdf"))
    assert made.returncode == 0, made.stderr
    assert hashlib.sha256(html.read_bytes()).hexdigest() == digest
    assert f"Protokollet är justerat {today.isoformat()}." in made.stderr
    assert f"Anslag (tillkännagivande): {today.isoformat()}" in made.stderr
