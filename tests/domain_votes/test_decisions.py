"""Utslagsröst (the chair's casting vote), the announced decision, reservations and notes."""

from __future__ import annotations

from votes_world import MEMBERS, SECRETARY, World, delegate, world

from voting_server.domain.meeting import commands as mc
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes.model import DecidedBy, Method, Outcome, Status


def tied_vote(chair: str | None) -> World:
    """m2, m3 Ja; m4, m5 Nej; m6 abstains; the chair as given."""
    w = world()
    w.open_question()
    for person, choice in [("m2", "ja"), ("m3", "ja"), ("m4", "nej"), ("m5", "nej")]:
        w.cast("v1", person, choice)
    w.cast("v1", "m6", "avstar")
    if chair is not None:
        w.cast("v1", "m7", "nej" if chair == "ja" else "ja")
        w.cast("v1", "m1", chair)
    return w


def outcome(w: World, vote: str = "v1") -> Outcome | None:
    return w.votes.vote(vote).outcome


def test_the_chairs_own_ja_breaks_a_tie() -> None:
    w = tied_vote("ja")
    (closed,) = w.close()
    assert isinstance(closed, ev.VoteClosed)
    assert closed.outcome == Outcome(Status.DECIDED, DecidedBy.CASTING_VOTE, "ja")


def test_the_chairs_own_nej_breaks_a_tie() -> None:
    w = tied_vote("nej")
    w.close()
    assert outcome(w) == Outcome(Status.DECIDED, DecidedBy.CASTING_VOTE, "nej")


def test_a_tie_without_the_chairs_ja_or_nej_awaits_the_chair() -> None:
    for chair_vote in (None, "avstar"):
        w = tied_vote(None)
        if chair_vote:
            w.cast("v1", "m1", chair_vote)
        w.close()
        assert outcome(w) == Outcome(Status.TIE)
        assert w.refused(vc.AnnounceDecision("v1", "Bifall")) == "vote.not_decided"
        assert w.refused(vc.DecideTie("v1", "avstar")) == "vote.bad_choice"
        assert w.do(vc.DecideTie("v1", "nej")) == [ev.TieDecided("v1", "nej")]
        assert outcome(w) == Outcome(Status.DECIDED, DecidedBy.CHAIR, "nej")
        assert w.refused(vc.DecideTie("v1", "ja")) == "vote.not_tied"


def test_a_tie_is_decided_only_after_the_close_and_only_when_tied() -> None:
    w = world()
    w.open_question()
    assert w.refused(vc.DecideTie("v1", "ja")) == "vote.still_open"
    w.cast("v1", "m2", "ja")
    w.close()
    assert w.refused(vc.DecideTie("v1", "nej")) == "vote.not_tied"


def test_no_votes_at_all_is_a_tie() -> None:
    w = world()
    w.open_question()
    w.close()
    assert outcome(w) == Outcome(Status.TIE)


def test_the_chair_announces_the_decision_once() -> None:
    w = tied_vote("ja")
    assert w.refused(vc.AnnounceDecision("v1", "Bifall")) == "vote.still_open"
    w.close()
    assert w.refused(vc.AnnounceDecision("v1", "  ")) == "decision.text_required"
    assert w.do(vc.AnnounceDecision("v1", "Fullmäktige bifaller")) == [
        ev.DecisionAnnounced("v1", "Fullmäktige bifaller")
    ]
    assert w.refused(vc.AnnounceDecision("v1", "igen")) == "vote.already_announced"


def test_a_member_who_voted_against_may_reserve_once() -> None:
    w = tied_vote("ja")  # decided ja; m4, m5, m7 voted nej
    w.close()
    assert w.do(vc.EnterReservation("v1", "Skäl följer"), delegate("m4")) == [
        ev.ReservationEntered("v1", "m4", "Skäl följer")
    ]
    assert w.refused(vc.EnterReservation("v1"), delegate("m4")) == "reservation.already_entered"
    assert w.do(vc.EnterReservation("v1", person="m5"), SECRETARY) == [
        ev.ReservationEntered("v1", "m5", "")
    ]


def test_who_may_not_reserve() -> None:
    w = world(present=(*MEMBERS, "e1"))
    w.open_question()
    for person, choice in [("m1", "ja"), ("m2", "ja"), ("m3", "nej"), ("m4", "avstar")]:
        w.cast("v1", person, choice)
    assert w.refused(vc.EnterReservation("v1"), delegate("m3")) == "vote.still_open"
    w.close()
    assert w.refused(vc.EnterReservation("v1"), delegate("m2")) == "reservation.voted_for"
    assert w.refused(vc.EnterReservation("v1"), delegate("m4")) == "reservation.abstained"
    assert w.refused(vc.EnterReservation("v1"), delegate("m5")) == "reservation.did_not_vote"
    assert w.refused(vc.EnterReservation("v1"), delegate("e1")) == "reservation.did_not_vote"
    assert w.refused(vc.EnterReservation("v1", person="m2"), delegate("m3")) == (
        "auth.not_yourself"
    )


def test_no_reservation_before_a_tie_is_decided_nor_in_a_secret_vote() -> None:
    w = tied_vote(None)
    w.close()
    assert w.refused(vc.EnterReservation("v1"), delegate("m4")) == "vote.not_decided"
    w.do(vc.DecideTie("v1", "ja"))
    assert w.do(vc.EnterReservation("v1"), delegate("m4")) == [
        ev.ReservationEntered("v1", "m4", "")
    ]

    s = world()
    s.do(vc.OpenVote("Val", method=Method.MAJORITY, options=("A", "B"), secret=True))
    s.cast("v1", "m2", names=("A",))
    s.close("v1")
    assert s.refused(vc.EnterReservation("v1"), delegate("m2")) == "reservation.secret_vote"


def test_no_reservation_after_the_meeting_closes() -> None:
    w = tied_vote("ja")
    w.close()
    w.meet(mc.Adjourn())
    assert w.refused(vc.EnterReservation("v1"), delegate("m4")) == "meeting.adjourned"


def test_the_written_reason_may_follow_after_the_meeting() -> None:
    w = tied_vote("ja")  # decided ja; m4, m5, m7 voted nej
    w.close()
    w.do(vc.EnterReservation("v1"), delegate("m4"))
    w.meet(mc.Adjourn())
    refused = w.refused(vc.GiveReservationReason("v1", "Skäl"), delegate("m5"))
    assert refused == "reservation.none"  # m5 could have reserved, but did not
    assert w.refused(vc.GiveReservationReason("v1", "  "), delegate("m4")) == (
        "reservation.reason_required"
    )
    assert w.refused(vc.GiveReservationReason("v1", "x" * 4001), delegate("m4")) == (
        "reservation.reason_too_long"
    )
    assert w.refused(vc.GiveReservationReason("v1", "Skäl", person="m4"), delegate("m5")) == (
        "auth.not_yourself"
    )
    assert w.do(vc.GiveReservationReason("v1", " Budgeten är ofinansierad. "), delegate("m4")) == [
        ev.ReservationReasonGiven("v1", "m4", "Budgeten är ofinansierad.")
    ]
    [reservation] = w.votes.vote("v1").reservations
    assert reservation.reason == "Budgeten är ofinansierad."


def test_any_member_present_may_enter_a_minutes_note() -> None:
    w = world(present=(*MEMBERS, "e1"))
    w.open_question()
    assert w.refused(vc.EnterMinutesNote("v1", "x"), delegate("m2")) == "vote.still_open"
    w.cast("v1", "m2", "ja")
    w.close()
    assert w.do(vc.EnterMinutesNote("v1", "Anteckning"), delegate("m2")) == [
        ev.MinutesNoteEntered("v1", "m2", "Anteckning")
    ]
    assert w.do(vc.EnterMinutesNote("v1", "Jag med", person="m5"), SECRETARY) == [
        ev.MinutesNoteEntered("v1", "m5", "Jag med")
    ]
    assert w.refused(vc.EnterMinutesNote("v1", " "), delegate("m3")) == "note.text_required"
    # A substitute who is not serving, and the secretary, are not members present.
    assert w.refused(vc.EnterMinutesNote("v1", "x"), delegate("e1")) == (
        "note.not_a_member_present"
    )
    assert w.refused(vc.EnterMinutesNote("v1", "x"), SECRETARY) == "note.not_a_member_present"
    w.meet(mc.CheckOut("m6"), SECRETARY)
    assert w.refused(vc.EnterMinutesNote("v1", "x"), delegate("m6")) == (
        "note.not_a_member_present"
    )


def test_a_decision_by_acclamation_is_recorded_and_may_be_reserved_against() -> None:
    w = world(present=(*MEMBERS, "e1"))
    assert w.refused(vc.AcclaimDecision("  ")) == "decision.text_required"
    (acclaimed,) = w.do(vc.AcclaimDecision("Fullmäktige bifaller motionen.", "y3"))
    assert acclaimed == ev.DecisionAcclaimed(
        "d1", "i1", "Fullmäktige bifaller motionen.", "y3", "", MEMBERS
    )
    assert w.do(vc.EnterReservation(decision="d1"), delegate("m4")) == [
        ev.ReservationEntered("", "m4", "", "d1")
    ]
    assert w.refused(vc.EnterReservation(decision="d1"), delegate("m4")) == (
        "reservation.already_entered"
    )
    assert w.refused(vc.DeclareNoPart("d1"), delegate("m4")) == "decision.reserved"
    assert w.do(vc.DeclareNoPart("d1"), delegate("m5")) == [ev.NoPartDeclared("d1", "m5")]
    assert w.refused(vc.EnterReservation(decision="d1"), delegate("m5")) == "reservation.no_part"
    # e1 was present but not serving: no part in the decision to reserve against.
    assert w.refused(vc.EnterReservation(decision="d1"), delegate("e1")) == (
        "reservation.did_not_take_part"
    )
    w.do(vc.EnterMinutesNote(text="Vi följer upp.", decision="d1"), delegate("m6"))
    w.do(
        vc.GiveReservationReason(reason="Motionen är ofinansierad.", decision="d1"), delegate("m4")
    )
    record = w.votes.decision("d1")
    assert [(r.person, r.reason) for r in record.reservations] == [
        ("m4", "Motionen är ofinansierad.")
    ]
    assert record.no_part == ["m5"] and [n.person for n in record.notes] == ["m6"]
    assert w.refused(vc.EnterReservation(decision="d9"), delegate("m4")) == "decision.unknown"


def test_a_decision_by_acclamation_needs_quorum_and_no_open_vote() -> None:
    w = world(present=("m1", "m2", "m3"))
    assert w.refused(vc.AcclaimDecision("Bifall")) == "meeting.no_quorum"
    w = world()
    w.open_question()
    assert w.refused(vc.AcclaimDecision("Bifall")) == "vote.another_open"
    assert world(item=None).refused(vc.AcclaimDecision("Bifall")) == ("vote.no_item")
