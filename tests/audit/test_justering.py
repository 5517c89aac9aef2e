"""Justering through the meeting's rules: who signs, what a signature freezes, and the dates."""

from __future__ import annotations

from datetime import date

import pytest

from tests.audit.meeting_log import CHAIR, SECRETARY, MeetingLog, member
from tests.audit.test_minutes import minutes_meeting
from voting_server.audit import minutes_report
from voting_server.audit.export import build, parse
from voting_server.audit.verify import verify_export
from voting_server.domain import aggregate
from voting_server.domain.base import Actor, Role
from voting_server.domain.context import Context
from voting_server.domain.errors import DomainError
from voting_server.domain.justering.events import (
    ElectJusterare,
    MinutesSigned,
    RecordNotice,
    SignMinutes,
)
from voting_server.domain.meeting import commands as mc
from voting_server.domain.votes import commands as vc


def rendered(log: MeetingLog) -> minutes_report.Rendered:
    return minutes_report.render(minutes_report.pairs_of(log.entries))


def refused(log: MeetingLog, command: object, actor: Actor, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        aggregate.execute(log.meeting, command, actor, Context(log.now))
    assert caught.value.code == code


def sign(log: MeetingLog, person: str, paragraph: str = "") -> None:
    digest = rendered(log).hash_of(paragraph)
    assert digest is not None
    log.meet(SignMinutes(paragraph, digest), member(person))


def test_justerare_are_two_attending_members_other_than_the_chair() -> None:
    log = minutes_meeting(adjourn=False)
    refused(log, ElectJusterare(("m2",)), CHAIR, "minutes.justerare_count")
    refused(log, ElectJusterare(("m2", "m2")), CHAIR, "minutes.justerare_count")
    refused(log, ElectJusterare(("m1", "m2")), CHAIR, "minutes.chair_not_justerare")
    refused(log, ElectJusterare(("m2", "m5")), CHAIR, "minutes.justerare_absent")
    refused(log, ElectJusterare(("m2", "nobody")), CHAIR, "person.unknown")
    refused(log, ElectJusterare(("m2", "m3")), member("m2"), "auth.forbidden")
    log.meet(ElectJusterare(("m3", "e3")), SECRETARY)  # the secretary may record a new choice
    assert log.meeting.justering.justerare == ("m3", "e3")


def test_the_justering_command_cannot_come_over_the_wire() -> None:
    assert "minutes.elect_justerare" in aggregate.COMMANDS
    assert "minutes.sign" not in aggregate.COMMANDS  # only the step-up route builds it
    assert "minutes.signed" in aggregate.EVENTS


def test_a_finished_paragraph_is_verified_at_once_and_then_cannot_change() -> None:
    log = minutes_meeting(adjourn=False)
    refused(log, SignMinutes("3", "0" * 64), CHAIR, "minutes.paragraph_not_finished")
    refused(log, SignMinutes("", "0" * 64), CHAIR, "minutes.meeting_not_closed")
    refused(log, SignMinutes("2", "0" * 64), member("m3"), "minutes.not_a_signatory")
    refused(log, SignMinutes("2", "A" * 64), CHAIR, "minutes.bad_hash")
    before = rendered(log)
    for person in ("m1", "m2", "m4"):
        sign(log, person, "2")
    refused(log, SignMinutes("2", before.paragraph_hashes["2"]), CHAIR, "minutes.already_signed")
    after = rendered(log)
    assert after.status.verified_paragraphs == ("2",)
    assert [s.holds for s in after.status.signatures] == [True, True, True]
    assert after.paragraph_hashes["2"] == before.paragraph_hashes["2"]
    # Nothing may change the verified paragraph any more ...
    refused(
        log, vc.EnterMinutesNote("v1", "Sent tillägg."), member("m2"), "minutes.paragraph_verified"
    )
    refused(
        log, vc.EnterReservation("v1", "Ändå emot."), member("e3"), "minutes.paragraph_verified"
    )
    refused(log, mc.DeclareJav("2", "m3"), SECRETARY, "minutes.paragraph_verified")
    refused(log, ElectJusterare(("m3", "e3")), CHAIR, "minutes.signing_started")
    # ... while the meeting goes on with the next item.
    log.meet(mc.StartItem("3"))
    log.meet(mc.FinishItem())


def test_the_three_signatures_verify_the_minutes_which_then_never_change() -> None:
    log = minutes_meeting()
    draft = rendered(log)
    sign(log, "m1")
    refused(log, SignMinutes("", "f" * 64), member("m2"), "minutes.hash_differs")
    sign(log, "m2")
    assert not rendered(log).status.verified  # one justerare still to sign
    sign(log, "m4")
    final = rendered(log)
    assert final.document == draft.document  # regenerating gives the same bytes
    assert final.status.verified
    assert [(s.person, s.role, s.holds) for s in final.status.signatures] == [
        ("m1", "chair", True),
        ("m2", "justerare", True),
        ("m4", "justerare", True),
    ]
    # The test clock runs on Sunday 11 May 2025 in Stockholm: the notice is due
    # within two days (Tuesday), and nothing is posted until the secretary says so.
    assert final.status.deadlines.verified_on == date(2025, 5, 11)
    assert final.status.deadlines.notice_by == date(2025, 5, 13)
    assert final.status.notice_date is None and final.status.appeal_ends is None
    refused(log, RecordNotice("2025-05-12"), SECRETARY, "minutes.notice_in_future")
    refused(log, RecordNotice("2025-05-10"), SECRETARY, "minutes.notice_before_justering")
    refused(log, RecordNotice("11 maj"), SECRETARY, "minutes.bad_date")
    refused(log, RecordNotice("2025-05-11"), member("m2"), "auth.forbidden")
    log.meet(RecordNotice("2025-05-11"), SECRETARY)
    posted = rendered(log).status
    assert posted.notice_date == date(2025, 5, 11)
    assert posted.appeal_ends == date(2025, 6, 2)  # 1 June is a Sunday
    assert posted.document_hash == final.document_hash  # the notice is not in the document
    refused(log, RecordNotice("2025-05-11"), SECRETARY, "minutes.notice_recorded")
    refused(log, vc.EnterReservation("v1"), member("m4"), "minutes.verified")
    refused(log, vc.GiveReservationReason("v1", "Sent skäl."), member("e3"), "minutes.verified")
    refused(log, SignMinutes("", final.document_hash), CHAIR, "minutes.already_signed")


def test_a_signature_over_another_document_is_flagged_not_counted() -> None:
    log = minutes_meeting()
    log.meet(SignMinutes("", "e" * 64), CHAIR)  # a stale or forged hash
    sign_m2 = rendered(log)
    signature = sign_m2.status.signatures[0]
    assert (signature.person, signature.holds) == ("m1", False)
    assert not sign_m2.status.verified


def test_an_export_with_the_signatures_still_verifies() -> None:
    log = minutes_meeting()
    for person in ("m1", "m2", "m4"):
        sign(log, person)
    log.checkpoint("verified")
    export = parse(build("rf-2025-05", log.entries, [log.public_key]))
    report = verify_export(export, [log.public_key])
    assert report.ok, [f.message for f in report.findings]
    signed = [e for e, _ in minutes_report.pairs_of(export.entries) if isinstance(e, MinutesSigned)]
    assert [s.person for s in signed] == ["m1", "m2", "m4"]
    assert minutes_report.render(minutes_report.pairs_of(export.entries)).status.verified


def test_the_justerare_sign_as_delegates_and_the_chair_as_chair() -> None:
    log = minutes_meeting()
    refused(log, SignMinutes("", "0" * 64), Actor(Role.SECRETARY, "sekr"), "auth.forbidden")
