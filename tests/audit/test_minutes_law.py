"""What the law asks of the record shows in the minutes and survives the auditor's recount."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import speaker_queue
from tests.audit.meeting_log import CHAIR, MEETING, ROSTER, SECRETARY, MeetingLog, member
from tests.audit.test_minutes import AGENDA, Outline
from voting_server.audit import minutes_report
from voting_server.audit.export import build, parse
from voting_server.audit.replay import snapshot, state_at
from voting_server.audit.verify import verify_export
from voting_server.domain.base import Actor, Role
from voting_server.domain.errors import DomainError
from voting_server.domain.justering.events import ElectJusterare, MinutesRulesSet, SignMinutes
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes.model import Method, ProposalKind


def opened_log() -> MeetingLog:
    log = MeetingLog(Ed25519PrivateKey.generate())
    genesis = open_meeting(MEETING, "Regionfullmäktige", ROSTER, AGENDA)
    for event in genesis:
        log.meeting.apply(event, log.now)
    log.append(genesis)
    for person in ("m1", "m2", "m3", "m4", "m5", "e1"):
        log.meet(mc.CheckIn(person), SECRETARY)
    log.meet(mc.StartItem("2"))
    return log


def test_jav_declared_during_a_vote_is_in_the_minutes_and_the_recount() -> None:
    log = opened_log()
    log.meet(vc.OpenVote(question="Bifall till budgeten?"))
    for person, choice in (("m1", "ja"), ("m2", "ja"), ("m3", "nej"), ("m4", "nej")):
        log.meet(vc.CastVote("v1", choice=choice), member(person))
    log.meet(mc.DeclareJav("2", "m2"), SECRETARY)  # after the ballot: it is set aside
    log.meet(vc.CloseVote("v1"))
    log.checkpoint("after v1")
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn(), CHAIR)

    document = minutes_report.render(minutes_report.pairs_of(log.entries)).document
    outline = Outline(document)
    [note] = outline.text["jav-under-votering"]
    assert "Bo Två" in note and "räknas inte" in note
    assert [a["data-person"] for a in outline.attrs["jav-under-votering"]] == ["m2"]
    table = document.decode().split('<table class="namnlista">')[1].split("</table>")[0]
    named = {row.split('"')[1] for row in table.split("<tr data-person=")[1:]}
    assert named == {"m1", "m3", "m4", "m5"}  # e1 serves for m2 but joined after the opening
    assert "Röstsammanräkning: Ja 1, Nej 2" in document.decode()  # the tie broken by jäv

    report = verify_export(parse(build(MEETING, log.entries, [log.public_key])))
    assert report.ok, report


def test_a_vote_declared_void_is_in_the_minutes_with_its_reason_and_replays() -> None:
    log = opened_log()
    log.meet(vc.OpenVote(question="Bifall till fel motion?"))
    log.meet(vc.CastVote("v1", choice="ja"), member("m2"))
    log.meet(vc.VoidVote("v1", "Omröstningen gällde fel motion."))
    log.meet(vc.OpenVote(question="Bifall till motionen?"))
    for person in ("m1", "m2", "m3"):
        log.meet(vc.CastVote("v2", choice="ja"), member(person))
    log.meet(vc.CloseVote("v2"))
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn(), CHAIR)

    document = minutes_report.render(minutes_report.pairs_of(log.entries)).document
    [void] = Outline(document).text["ogiltig"]
    assert "ogiltig" in void and "Omröstningen gällde fel motion." in void
    assert "Ingen röst räknades" in void
    assert document.decode().count("Röstsammanräkning:") == 1  # only v2 was counted
    # The replay shows it as void, to the display and to the auditor.
    shown = state_at(log.entries, log.entries[-1].seq)["votes"]["votes"]["v1"]
    assert shown["status"] == "void" and "tally" not in shown
    votes = snapshot(log.entries)["votes"]
    assert [(v["vote"], v["status"]) for v in votes] == [("v1", "void"), ("v2", "closed")]
    assert votes[0]["void_reason"] == "Omröstningen gällde fel motion."
    assert verify_export(parse(build(MEETING, log.entries, [log.public_key]))).ok


def test_a_break_is_in_the_head_of_the_minutes_and_holds_back_decisions() -> None:
    log = opened_log()  # the log's clock reads 23.46 Swedish time
    log.meet(mc.Recess("23.55"))
    with pytest.raises(DomainError) as refusal:
        log.meet(vc.OpenVote(question="Bifall?"))
    assert refusal.value.code == "meeting.in_recess"
    log.now += 5 * 60 * 1000
    log.meet(mc.Resume())
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn(), CHAIR)

    document = minutes_report.render(minutes_report.pairs_of(log.entries)).document
    [head_time] = Outline(document).text["tid"][:1]
    assert "ajournering kl. 23.46–23.51" in head_time
    assert verify_export(parse(build(MEETING, log.entries, [log.public_key]))).ok


def test_the_minutes_name_proposals_by_kind_and_author_never_by_id() -> None:
    log = opened_log()
    log.meet(speaker_queue.SubmitProposal(ProposalKind.BIFALL, "Bifall."), member("m2"))
    log.meet(speaker_queue.SubmitProposal(ProposalKind.AVSLAG, "Avslag."), member("m4"))
    log.meet(vc.OpenVote(question="Bifall mot avslag?", ja="y1", nej="y2"))
    for person in ("m1", "m2", "m3"):
        log.meet(vc.CastVote("v1", choice="ja"), member(person))
    log.meet(vc.CloseVote("v1"))
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn(), CHAIR)

    document = minutes_report.render(minutes_report.pairs_of(log.entries)).document
    [sides] = Outline(document).text["ja-nej"]
    assert sides == "Ja för bifall (Bo Två (a)), nej för avslag (Dan Fyra (b))."
    assert "y1" not in sides and "y2" not in sides


def test_a_decision_by_acclamation_is_in_the_minutes_with_its_dissent() -> None:
    log = opened_log()
    log.meet(vc.AcclaimDecision("Fullmäktige bifaller motionen.", "y7"))
    log.meet(vc.EnterReservation(reason="Ofinansierat.", decision="d1"), member("m4"))
    log.meet(vc.DeclareNoPart("d1"), member("m5"))
    log.meet(vc.EnterMinutesNote(text="Följs upp i juni.", decision="d1"), member("m3"))
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn(), CHAIR)

    document = minutes_report.render(minutes_report.pairs_of(log.entries)).document
    outline = Outline(document)
    [decided] = outline.text["acklamation"]
    assert "utan omröstning" in decided and "Fullmäktige bifaller motionen." in decided
    assert [a["data-person"] for a in outline.attrs["reservation"]] == ["m4"]
    assert "Ofinansierat." in outline.text["reservation"][0]
    assert [a["data-person"] for a in outline.attrs["deltog-ej"]] == ["m5"]
    assert [a["data-person"] for a in outline.attrs["protokollsanteckning"]] == ["m3"]
    assert verify_export(parse(build(MEETING, log.entries, [log.public_key]))).ok


def test_an_assembly_of_one_justerare_verifies_with_the_chair_and_one() -> None:
    log = MeetingLog(Ed25519PrivateKey.generate())
    genesis = [
        *open_meeting(MEETING, "Regionfullmäktige", ROSTER, AGENDA),
        MinutesRulesSet(justering_days=7, justerare=1),
    ]
    for event in genesis:
        log.meeting.apply(event, log.now)
    log.append(genesis)
    for person in ("m1", "m2", "m3", "m4"):
        log.meet(mc.CheckIn(person), SECRETARY)
    log.meet(mc.StartItem("1"))
    with pytest.raises(DomainError) as two:
        log.meet(ElectJusterare(("m2", "m3")))
    assert two.value.code == "minutes.justerare_count"
    log.meet(ElectJusterare(("m2",)))
    log.meet(mc.FinishItem())
    log.meet(mc.Adjourn(), CHAIR)
    for person in ("m1", "m2"):
        digest = minutes_report.render(minutes_report.pairs_of(log.entries)).document_hash
        log.meet(SignMinutes("", digest), member(person))
    status = minutes_report.render(minutes_report.pairs_of(log.entries)).status
    assert status.verified and status.justerare == ("m2",)
    assert status.deadlines.justering_by is not None
    closed = status.deadlines.closed_on
    assert closed is not None and (status.deadlines.justering_by - closed).days >= 7


def test_a_meeting_that_uses_every_rule_verifies_and_replays_step_by_step() -> None:
    """Secret request, handover, jäv after the opening, acclamation, valsedlar, minority."""
    log = opened_log()
    log.meet(vc.RequestSecretElection(), member("m4"))
    log.meet(
        vc.OpenVote(
            "Val av revisor",
            method=Method.MAJORITY,
            options=("Anna Ek", "Bo Lind"),
            secret=True,
        )
    )
    for person, name in (("m1", "Anna Ek"), ("m2", "Bo Lind"), ("m4", "Anna Ek")):
        log.meet(vc.CastVote("v1", names=(name,)), member(person))
    log.meet(vc.CloseVote("v1"))
    log.checkpoint("after v1")
    log.meet(mc.HandOverChair("m3"))  # the ordförande steps down for a while
    vice = Actor(Role.CHAIR, "m3")
    log.meet(vc.OpenVote(question="Bifall?"), vice)
    for person, choice in (("m1", "ja"), ("m2", "ja"), ("m4", "nej"), ("m5", "nej")):
        log.meet(vc.CastVote("v2", choice=choice), Actor(Role.DELEGATE, person))  # tablets
    log.meet(mc.DeclareJav("2", "m1"), SECRETARY)  # m1's ja is set aside: nej wins
    log.meet(vc.CloseVote("v2"), vice)
    log.checkpoint("after v2")
    log.meet(vc.AcclaimDecision("Fullmäktige bifaller tillägget.", "y3"), vice)
    log.meet(vc.EnterReservation(decision="d1"), member("m4"))
    log.meet(
        vc.InvokeMinorityRight("y9", ProposalKind.ATERREMISS, ("m4", "m5"), "Utred mer."),
        SECRETARY,
    )
    log.meet(mc.FinishItem(), vice)
    log.meet(mc.Adjourn(), vice)
    log.checkpoint("adjourned")

    report = verify_export(parse(build(MEETING, log.entries, [log.public_key])))
    assert report.ok, report
    assert report.votes == 2  # both recounted equal to the record
    rendered = minutes_report.render(minutes_report.pairs_of(log.entries))
    assert rendered.status.chairs == ("m1", "m3")
    text = rendered.document.decode()
    for mark in ("sluten-begard", "jav-under-votering", "acklamation", "minoritet", "ordforande"):
        assert f'class="{mark}"' in text, mark
    # The replay folds to every position with the hub's own code.
    presiding = [
        state_at(log.entries, seq)["meeting"]["presiding"] for seq in range(1, len(log.entries))
    ]
    assert presiding[0] == "m1" and presiding[-1] == "m3"
