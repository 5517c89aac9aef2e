"""Propositionsordning and the minority right."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from votes_world import MEMBERS, SECRETARY, world

from voting_server.domain.meeting import commands as mc
from voting_server.domain.meeting.events import AgendaItem, ItemKind
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import events as ev
from voting_server.domain.votes import (
    follows_rules,
    minority_threshold,
    proportional_threshold,
    propose_order,
)
from voting_server.domain.votes.model import Proposal
from voting_server.domain.votes.model import ProposalKind as K

MADE = (
    Proposal("p1", K.BIFALL),
    Proposal("p2", K.TILLAGG),
    Proposal("p3", K.ATERREMISS),
    Proposal("p4", K.AVSLAG),
    Proposal("p5", K.BORDLAGGNING),
    Proposal("p6", K.ANDRING),
)


def test_formal_questions_first_additions_last_otherwise_as_made() -> None:
    assert [p.id for p in propose_order(MADE)] == ["p3", "p5", "p1", "p4", "p6", "p2"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(list(K)), max_size=8))
def test_a_proposed_order_always_follows_the_rules(kinds: list[K]) -> None:
    proposals = [Proposal(f"p{i}", kind) for i, kind in enumerate(kinds)]
    order = propose_order(proposals)
    assert follows_rules(order)
    assert sorted(p.id for p in order) == sorted(p.id for p in proposals)


def test_the_chair_proposes_and_the_meeting_approves() -> None:
    w = world()
    order = propose_order(MADE)
    assert w.refused(vc.ApproveOrder()) == "order.not_proposed"
    assert w.do(vc.ProposeOrder(order)) == [ev.OrderProposed("i1", order, False)]
    assert w.do(vc.ApproveOrder()) == [ev.OrderApproved("i1")]
    assert w.refused(vc.ApproveOrder()) == "order.already_approved"


def test_an_order_that_breaks_the_rules_needs_the_chairs_override() -> None:
    w = world()
    assert w.refused(vc.ProposeOrder(MADE)) == "order.breaks_rules"
    assert w.do(vc.ProposeOrder(MADE, override=True)) == [ev.OrderProposed("i1", MADE, True)]
    assert w.refused(vc.ProposeOrder(())) == "order.bad_proposals"
    twice = (Proposal("p1", K.BIFALL), Proposal("p1", K.AVSLAG))
    assert w.refused(vc.ProposeOrder(twice)) == "order.bad_proposals"
    assert world(item=None).refused(vc.ProposeOrder(MADE[:1])) == "vote.no_item"


def test_thresholds() -> None:
    assert [minority_threshold(n) for n in (0, 1, 3, 4, 7, 71)] == [0, 1, 1, 2, 3, 24]
    # Lag 2022:629: ⌈present / (seats + 1)⌉.
    assert proportional_threshold(71, 5) == 12
    assert proportional_threshold(71, 11) == 6
    assert proportional_threshold(7, 3) == 2


def test_a_third_of_those_present_force_aterremiss() -> None:
    w = world()  # seven present: the threshold is three
    invoke = vc.InvokeMinorityRight
    why = "Konsekvenserna för landsbygden är inte utredda."
    assert w.do(invoke("p3", K.ATERREMISS, ("m7", "m6"), why), SECRETARY) == [
        ev.MinorityRightInvoked("i1", "p3", K.ATERREMISS, ("m6", "m7"), 7, 3, False, why)
    ]
    assert w.do(invoke("p5", K.BORDLAGGNING, ("m5", "m6", "m7")), SECRETARY) == [
        ev.MinorityRightInvoked("i1", "p5", K.BORDLAGGNING, ("m5", "m6", "m7"), 7, 3, True)
    ]


def test_the_minority_right_covers_formal_questions_only() -> None:
    w = world(present=(*MEMBERS, "e2"))
    invoke = vc.InvokeMinorityRight
    assert w.refused(invoke("p1", K.BIFALL, ("m6",)), SECRETARY) == "minority.not_formal"
    assert w.refused(invoke("", K.ATERREMISS, ("m6",)), SECRETARY) == "minority.motion_required"
    assert w.refused(invoke("p3", K.ATERREMISS, ("m6",)), SECRETARY) == (
        "minority.motivation_required"
    )
    assert w.refused(invoke("p3", K.ATERREMISS, ("e2",), "Skäl"), SECRETARY) == (
        "supporters.not_serving"
    )


def test_the_minority_right_applies_once_per_arende() -> None:
    w = world()
    invoke = vc.InvokeMinorityRight
    supporters = ("m5", "m6", "m7")
    (first,) = w.do(invoke("p3", K.ATERREMISS, supporters, "Utred mer."), SECRETARY)
    assert isinstance(first, ev.MinorityRightInvoked) and first.forced
    (again,) = w.do(invoke("p4", K.ATERREMISS, supporters, "Fortfarande oklart."), SECRETARY)
    assert isinstance(again, ev.MinorityRightInvoked)
    assert (again.forced, again.repeat) == (False, True)  # recorded; the majority decides


def test_an_arende_sent_back_by_a_minority_before_is_not_sent_back_by_one_again() -> None:
    agenda = (AgendaItem("i1", "Detaljplan", ItemKind.ARENDE, "KS 2026/118", True),)
    w = world(agenda=agenda)
    (invoked,) = w.do(
        vc.InvokeMinorityRight("p3", K.ATERREMISS, ("m5", "m6", "m7"), "Skäl"), SECRETARY
    )
    assert isinstance(invoked, ev.MinorityRightInvoked)
    assert (invoked.forced, invoked.repeat) == (False, True)
    (postponed,) = w.do(vc.InvokeMinorityRight("p5", K.BORDLAGGNING, ("m5", "m6", "m7")), SECRETARY)
    assert isinstance(postponed, ev.MinorityRightInvoked) and postponed.forced


def test_every_decision_needs_quorum_not_only_a_vote() -> None:
    """Beslutsförhet: refused once more than half of the seats are empty."""
    w = world()
    w.do(vc.ProposeOrder(MADE, override=True))
    w.do(vc.StartKontraproposition(("A", "B", "C"), "A"))
    for person in ("m4", "m5", "m6", "m7"):  # four of seven seats empty: no quorum
        w.meet(mc.CheckOut(person), SECRETARY)
    assert not w.meeting.core.quorum
    refusals = {
        "approve the order": w.refused(vc.ApproveOrder()),
        "settle a round": w.refused(vc.SettleRound("k1", "B")),
        "minority right": w.refused(
            vc.InvokeMinorityRight("p3", K.ATERREMISS, ("m2", "m3"), "Skäl"), SECRETARY
        ),
        "open a vote": w.refused(vc.OpenVote("Bifall?")),
    }
    assert refusals == dict.fromkeys(refusals, "meeting.no_quorum")
