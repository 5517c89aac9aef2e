"""Every vote command and event is wire-safe: dotted tags, known field types, a round trip."""

from __future__ import annotations

import dataclasses

from votes_world import SECRETARY, actor_for, world

from voting_server.domain.aggregate import COMMANDS, EVENTS
from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.commands import MEETING_COMMANDS
from voting_server.domain.meeting.events import MEETING_EVENTS
from voting_server.domain.votes import VOTE_COMMANDS, VOTE_EVENTS
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes.model import Method, Proposal, ProposalKind
from voting_server.domain.wire import Registry, to_wire


def test_tags_are_dotted_unique_and_apart_from_the_meetings() -> None:
    events = Registry("event", (*MEETING_EVENTS, *VOTE_EVENTS))
    commands = Registry("command", (*MEETING_COMMANDS, *VOTE_COMMANDS))
    assert len(events.tags()) == len(MEETING_EVENTS) + len(VOTE_EVENTS)
    assert len(commands.tags()) == len(MEETING_COMMANDS) + len(VOTE_COMMANDS)
    assert all("." in cls.type and cls.type in EVENTS for cls in VOTE_EVENTS)
    assert all("." in cls.type and cls.type in COMMANDS for cls in VOTE_COMMANDS)
    assert all(dataclasses.is_dataclass(cls) for cls in (*VOTE_EVENTS, *VOTE_COMMANDS))
    assert all(cls.roles for cls in VOTE_COMMANDS)


def test_every_event_of_a_full_meeting_survives_the_wire() -> None:
    """Every kind of event, produced by the rules, read back from its plain map."""
    registry = Registry("event", VOTE_EVENTS)
    w = world()
    w.votes = w.meeting.votes  # one state: jäv (a meeting command) reaches the open vote
    w.do(vc.ProposeOrder((Proposal("p1", ProposalKind.BIFALL),)))
    w.do(vc.ApproveOrder())
    w.do(vc.InvokeMinorityRight("p2", ProposalKind.ATERREMISS, ("m6",), "Skäl"), actor_for("m1"))
    w.do(vc.StartKontraproposition(("A", "B", "C", "D"), "A"))
    w.do(vc.SettleRound("k1", "C"))
    w.do(vc.DemandVote("k1"), actor_for("m2"))
    w.do(vc.OpenVote("C mot D", procedure="k1"))
    w.cast("v1", "m2", "ja")
    w.cast("v1", "m3", "nej")
    w.close("v1")
    w.do(vc.DecideTie("v1", "ja"))
    w.do(vc.OpenVote("A mot C", procedure="k1"))
    w.cast("v2", "m1", "ja")
    w.cast("v2", "m2", "nej")
    w.cast("v2", "m3", "ja")
    w.cast("v2", "m4", "ja")
    w.meet(mc.DeclareJav("i1", "m4"), SECRETARY)  # jäv after the opening
    w.close("v2")
    w.do(vc.EnterReservation("v2"), actor_for("m2"))
    w.do(vc.GiveReservationReason("v2", "Skäl"), actor_for("m2"))
    w.do(vc.EnterMinutesNote("v2", "Not"), actor_for("m3"))
    w.do(vc.AnnounceDecision("v2", "Fullmäktige bifaller A"))
    w.do(vc.RequestSecretElection(), actor_for("m5"))
    w.do(vc.AcclaimDecision("Fullmäktige bifaller p1.", "p1"))
    w.do(vc.DeclareNoPart("d1"), actor_for("m6"))
    w.do(vc.RequestProportionalElection(2, ("m1", "m2", "m3")), actor_for("m1"))
    w.do(vc.OpenVote("Val", method=Method.PROPORTIONAL, secret=True, seats=2, request="r1"))
    w.do(vc.CommitLotSeed("v3"))
    for person, label in (("m1", "A"), ("m2", "B"), ("m3", "C")):
        w.cast("v3", person, label=label, names=(label.lower(),))
    w.close("v3")
    w.do(vc.DrawLot("v3"))
    w.open_question()
    w.do(vc.VoidVote("v4", "Fel fråga"))

    vote_events = [e for e in w.log if type(e) in VOTE_EVENTS]
    assert {type(e) for e in vote_events} == set(VOTE_EVENTS)
    for event in vote_events:
        assert registry.from_wire(to_wire(event)) == event
