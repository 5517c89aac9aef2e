"""The minutes of ``scenarios/minutes_meeting.toml``, played against a real hub.

The HTML is read with a parser and the PDF with pypdf; both must hold every
part the minutes record.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from tests.audit.test_minutes import Outline
from tests.support.hubs import HubProcess
from voting_server.audit import minutes_report
from voting_server.store.archive import Archive

SCRIPT = Path(__file__).resolve().parents[2] / "scenarios" / "minutes_meeting.toml"


def play_minutes_meeting(hub: HubProcess) -> str:
    """Play the script on the hub; the id of the meeting it played in."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "voting_server.cli",
            "scenario",
            "run",
            str(SCRIPT),
            "--url",
            hub.url,
        ],
        env=hub.env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = json.loads(done.stdout)
    [scenario] = report["scenarios"]
    assert scenario["ok"], scenario["error"]
    return str(scenario["meeting"])


async def test_the_scripted_meeting_has_every_part_in_the_html_and_the_pdf(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    meeting = play_minutes_meeting(hub)
    async with httpx.AsyncClient(base_url=hub.url) as http:
        html = await http.get(f"/api/meetings/{meeting}/minutes.html")
        pdf = await http.get(f"/api/meetings/{meeting}/minutes.pdf")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"

    # The page serves exactly what the log gives, on any computer.
    from_log = minutes_report.render(minutes_report.pairs_of(Archive(demo_engine).read(meeting)))
    assert html.content == from_log.document

    page = Outline(html.content)
    assert page.headings[:3] == [
        "PROTOKOLL",
        "§ 1 Närvaro",
        "§ 2 Sammanträdets öppnande / Opening of the meeting",
    ]
    assert page.headings[-1] == "Justering"
    rows = [a["data-person"] for a in page.attrs["tr"] if "data-person" in a]
    assert rows[:4] == ["m1", "m2", "m3", "m4"] and "m5" not in rows[:40]
    assert [(a["data-person"], a["data-for"]) for a in page.attrs["tr"] if "data-for" in a] == [
        ("e1", "m5")
    ]
    assert from_log.minutes.name("m5") in page.text["franvarande"][0]
    assert page.text["upprop"][0].endswith("40 närvarande.")
    assert page.text["val-av-justerare"][0].startswith("Till justerare valdes")
    kinds = ("speech", "replik", "kontrareplik", "ordningsfraga")
    speakers = [
        (a["data-person"], a["data-kind"]) for a in page.attrs["li"] if a.get("data-kind") in kinds
    ]
    assert speakers == [
        ("m2", "speech"),
        ("m26", "speech"),
        ("m2", "replik"),
        ("m26", "kontrareplik"),
        ("m3", "ordningsfraga"),
    ]
    proposals = [
        a["data-kind"] for a in page.attrs["li"] if "data-proposal" in a and "data-kind" in a
    ]
    assert proposals == ["bifall", "avslag"]
    assert page.text["propositionsordning"] and page.text["godkand"]
    assert page.text["rakning"] == ["Röstsammanräkning: Ja 25, Nej 14, Avstår 1 (40 röster)."]
    named = [a["data-person"] for a in page.attrs["tr"] if "data-person" in a][-40:]
    assert named[0] == "m1" and named[4] == "e1" and named[-1] == "m40"
    assert page.text["utfall"] == ["Ja-sidan vann."]
    assert page.text["beslut"] == ["Beslut: Fullmäktige fastställer budgeten för 2027."]
    assert (
        len(page.text["reservation"]) == 1
        and "Budgeten är underfinansierad." in page.text["reservation"][0]
    )
    assert "revisionens granskning" in page.text["protokollsanteckning"][0]
    signers = [(a["data-role"], a["data-person"]) for a in page.attrs["li"] if "data-role" in a]
    assert signers == [("chair", "m1"), ("justerare", "m2"), ("justerare", "m26")]

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for part in (
        "§ 1 Närvaro",
        "Tjänstgörande ersättare",
        "Upprop förrättades",
        "Till justerare valdes",
        "replik på",
        "kontrareplik",
        "ordningsfråga",
        "yrkar bifall",
        "yrkar avslag",
        "Propositionsordning",
        "Fullmäktige godkänner propositionsordningen.",
        "Röstsammanräkning: Ja 25, Nej 14, Avstår 1 (40 röster).",
        "Ja-sidan vann.",
        "Beslut: Fullmäktige fastställer budgeten för 2027.",
        "reserverar sig mot beslutet",
        "Protokollsanteckning av",
        "Justeringsintyg",
        f"Dokumentets SHA-256: {from_log.document_hash}",
    ):
        assert part in text, part
