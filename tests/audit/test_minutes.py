"""The minutes of a meeting run through the real rules: every part, as HTML and PDF.

The meeting (``minutes_meeting``) is shared with the justering tests.
"""

from __future__ import annotations

import hashlib
import io
from html.parser import HTMLParser

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader

import speaker_queue
from speaker_queue import ProposalKind
from tests.audit.meeting_log import CHAIR, MEETING, ROSTER, SECRETARY, MeetingLog, member
from voting_server.audit import minutes_report
from voting_server.domain.justering.events import ElectJusterare
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.events import AgendaItem
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes.model import Proposal
from voting_server.domain.votes.model import ProposalKind as Kind

AGENDA = (
    AgendaItem("1", "Val av justerare"),
    AgendaItem("2", "Budget 2026"),
    AgendaItem("3", "Motion om cykelbanor"),
)


def minutes_meeting(*, adjourn: bool = True) -> MeetingLog:
    """Roll call, justerare, a debate with proposals, an order, a named vote, a reservation."""
    log = MeetingLog(Ed25519PrivateKey.generate())
    genesis = open_meeting(MEETING, "Regionfullmäktige", ROSTER, AGENDA)
    for event in genesis:
        log.meeting.apply(event, log.now)
    log.append(genesis)
    for person in ("m1", "m2", "m3", "m4", "e3"):
        log.meet(mc.CheckIn(person), SECRETARY)
    log.meet(mc.OpenRollCall())
    log.meet(mc.ConfirmRollCall())
    log.meet(mc.StartItem("1"))
    log.meet(ElectJusterare(("m2", "m4")))
    log.meet(mc.FinishItem())
    log.meet(mc.StartItem("2"))
    log.meet(speaker_queue.RequestFloor(), member("m2"))
    log.meet(speaker_queue.RequestFloor(), member("m4"))
    log.meet(speaker_queue.GiveFloor())
    log.meet(speaker_queue.SubmitProposal(ProposalKind.BIFALL), member("m2"))
    log.meet(speaker_queue.NextSpeaker())
    log.meet(speaker_queue.SubmitProposal(ProposalKind.AVSLAG), member("m4"))
    log.meet(speaker_queue.RequestReplik(), member("m2"))
    log.meet(speaker_queue.NextSpeaker())
    log.meet(speaker_queue.RequestKontrareplik(), member("m4"))
    log.meet(speaker_queue.NextSpeaker())
    log.meet(speaker_queue.RaisePointOfOrder(), member("m3"))
    log.meet(speaker_queue.NextSpeaker())
    log.meet(
        speaker_queue.SubmitProposal(ProposalKind.TILLAGG, "Uppföljning varje kvartal."),
        member("e3"),
    )
    log.meet(speaker_queue.FinishSpeech())
    log.meet(speaker_queue.NextSpeaker())  # e3, queued by the proposal
    log.meet(speaker_queue.FinishSpeech())
    order = (Proposal("y1", Kind.BIFALL), Proposal("y2", Kind.AVSLAG), Proposal("y3", Kind.TILLAGG))
    log.meet(vc.ProposeOrder(order))
    log.meet(vc.ApproveOrder())
    log.meet(vc.OpenVote(question="Bifall till budgeten?", ja="y1", nej="y2"))
    for person, choice in (("m1", "ja"), ("m2", "ja"), ("m3", "ja"), ("m4", "nej"), ("e3", "nej")):
        log.meet(vc.CastVote("v1", choice=choice), member(person))
    log.meet(vc.CloseVote("v1"))
    log.checkpoint("after v1")
    log.meet(vc.AnnounceDecision("v1", "Fullmäktige fastställer budgeten för 2026."))
    log.meet(vc.EnterReservation("v1", "Budgeten saknar täckning."), member("m4"))
    log.meet(vc.EnterMinutesNote("v1", "Jag vill se en uppföljning i juni."), member("e3"))
    log.meet(mc.FinishItem())
    log.mark("item 2 finished")
    log.meet(mc.CheckOut("m3"), SECRETARY)
    if adjourn:
        log.meet(mc.Adjourn(), CHAIR)
        log.checkpoint("adjourned")
    return log


class Outline(HTMLParser):
    """Text by element class, rows by table class, and data-* attributes per class."""

    def __init__(self, document: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, list[str]] = {}
        self.attrs: dict[str, list[dict[str, str]]] = {}
        self.headings: list[str] = []
        self.open: list[tuple[str, list[str], list[str]]] = []  # (tag, classes, text)
        self.feed(document.decode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        classes = [*found.get("class", "").split(), tag]
        for name in classes:
            self.attrs.setdefault(name, []).append(found)
        self.open.append((tag, classes, []))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, classes, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            for c in classes:
                self.text.setdefault(c, []).append(text)
            if name in ("h1", "h2"):
                self.headings.append(text)
            if self.open:
                self.open[-1][2].append(" ".join(parts) + " ")
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


@pytest.fixture(scope="module")
def log() -> MeetingLog:
    return minutes_meeting()


@pytest.fixture(scope="module")
def rendered(log: MeetingLog) -> minutes_report.Rendered:
    return minutes_report.render(minutes_report.pairs_of(log.entries))


def test_the_minutes_have_a_header_and_one_paragraph_per_item_after_attendance(
    rendered: minutes_report.Rendered,
) -> None:
    page = Outline(rendered.document)
    assert page.headings == [
        "PROTOKOLL",
        "§ 1 Närvaro",
        "§ 2 Val av justerare",
        "§ 3 Budget 2026",
        "§ 4 Motion om cykelbanor",
        "Justering",
    ]
    assert page.text["organ"] == ["Regionfullmäktige"]
    assert page.text["datum"] == ["2025-05-11"]  # 23.46 in Stockholm, 21.46 UTC
    assert page.text["tid"][0].startswith("kl. ")
    assert page.text["ej-behandlat"] == ["Ärendet behandlades inte."]


def test_attendance_lists_members_substitutes_for_whom_and_times(
    rendered: minutes_report.Rendered,
) -> None:
    page = Outline(rendered.document)
    rows = [a.get("data-person") for a in page.attrs["tr"] if a.get("data-person")]
    assert rows[:5] == ["m1", "m2", "m3", "m4", "e3"]  # members by seat, then substitutes
    assert [(a["data-person"], a["data-for"]) for a in page.attrs["tr"] if "data-for" in a] == [
        ("e3", "m5")
    ]
    assert page.text["franvarande"] == ["Eva Fem (b)"]
    assert page.text["upprop"][0].endswith("5 närvarande.")
    minutes = rendered.minutes
    m3 = minutes.intervals["m3"][0]
    assert m3.end is not None and m3.end < (minutes.adjourned_at or 0)  # m3 left early
    assert minutes.services[0].spans[0].end == minutes.adjourned_at


def test_each_item_records_speakers_proposals_order_vote_decision_and_dissent(
    rendered: minutes_report.Rendered,
) -> None:
    page = Outline(rendered.document)
    kinds = ("speech", "replik", "kontrareplik", "ordningsfraga")
    speakers = [
        (a["data-person"], a["data-kind"]) for a in page.attrs["li"] if a.get("data-kind") in kinds
    ]
    assert speakers == [
        ("m2", "speech"),
        ("m4", "speech"),
        ("m2", "replik"),
        ("m4", "kontrareplik"),
        ("m3", "ordningsfraga"),
        ("e3", "speech"),
    ]
    talare = page.text["talare"][0]
    assert "Bo Två (a), replik på Dan Fyra" in talare and "ordningsfråga" in talare
    yrkanden = page.text["yrkanden"][0]
    assert "Bo Två (a) yrkar bifall" in yrkanden
    assert "Dan Fyra (b) yrkar avslag" in yrkanden
    assert "Ersättare B1 (b) yrkar tilläggsyrkande – Uppföljning varje kvartal." in yrkanden
    order = [a["data-proposal"] for a in page.attrs["li"] if "data-proposal" in a]
    assert order[-3:] == ["y1", "y2", "y3"]
    assert page.text["godkand"] == ["Fullmäktige godkänner propositionsordningen."]
    assert page.text["rakning"] == ["Röstsammanräkning: Ja 3, Nej 2, Avstår 0 (5 röster)."]
    rows = [a["data-person"] for a in page.attrs["tr"] if "data-person" in a]
    assert rows[-5:] == ["m1", "m2", "m3", "m4", "e3"]  # the named list, seat by seat
    assert "Ersättare B1 (för Eva Fem) b Nej" in page.text["namnlista"][0]
    assert page.text["utfall"] == ["Ja-sidan vann."]
    assert page.text["beslut"] == ["Beslut: Fullmäktige fastställer budgeten för 2026."]
    assert page.text["reservation"] == [
        "Dan Fyra (b) reserverar sig mot beslutet: Budgeten saknar täckning."
    ]
    assert page.text["protokollsanteckning"] == [
        "Protokollsanteckning av Ersättare B1 (b): Jag vill se en uppföljning i juni."
    ]
    assert page.text["val-av-justerare"] == ["Till justerare valdes Bo Två (a), Dan Fyra (b)."]


def test_the_justering_block_names_the_chair_and_the_two_justerare(
    rendered: minutes_report.Rendered,
) -> None:
    page = Outline(rendered.document)
    signers = [(a["data-role"], a["data-person"]) for a in page.attrs["li"] if "data-role" in a]
    assert signers == [("chair", "m1"), ("justerare", "m2"), ("justerare", "m4")]
    assert rendered.document_hash == hashlib.sha256(rendered.document).hexdigest()
    assert not rendered.status.verified and rendered.status.notice_date is None


def test_the_same_log_gives_the_same_bytes_and_each_paragraph_is_in_the_document(
    log: MeetingLog, rendered: minutes_report.Rendered
) -> None:
    again = minutes_report.render(minutes_report.pairs_of(log.entries))
    assert again.document == rendered.document
    from voting_server.audit.minutes_html import render_paragraph

    for item, digest in rendered.paragraph_hashes.items():
        section = render_paragraph(rendered.minutes, item)
        assert section in rendered.document
        assert hashlib.sha256(section).hexdigest() == digest


def test_the_pdf_says_the_same_and_adds_the_justeringsintyg(
    rendered: minutes_report.Rendered,
) -> None:
    data = minutes_report.pdf(rendered)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for part in (
        "PROTOKOLL",
        "§ 1 Närvaro",
        "§ 3 Budget 2026",
        "Tjänstgörande ersättare",
        "Bo Två (a), replik på Dan Fyra",
        "Dan Fyra (b) yrkar avslag",
        "Propositionsordning",
        "Röstsammanräkning: Ja 3, Nej 2, Avstår 0 (5 röster).",
        "Ersättare B1 (för Eva Fem)",
        "Beslut: Fullmäktige fastställer budgeten för 2026.",
        "reserverar sig mot beslutet",
        "Protokollsanteckning av Ersättare B1",
        "Justeringsintyg",
        f"Dokumentets SHA-256: {rendered.document_hash}",
        "Protokollet är ännu inte justerat.",
    ):
        assert part in text, part
    assert minutes_report.pdf(rendered) == data  # reproducible
