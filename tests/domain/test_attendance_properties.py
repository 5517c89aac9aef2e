"""Invariants of attendance and seating over random command sequences."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.meeting_fixtures import AGENDA, CHAIR, ROSTER
from tests.domain.meeting_fixtures import given as given_events
from voting_server.domain.aggregate import execute, fold
from voting_server.domain.base import Actor, Role
from voting_server.domain.context import Context
from voting_server.domain.errors import DomainError
from voting_server.domain.meeting import commands as c
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.roster import PersonKind

PEOPLE = [p.id for p in ROSTER.people]
ITEMS = [i.id for i in AGENDA]
SECRETARY = Actor(Role.SECRETARY, "sekr")

commands = st.one_of(
    st.builds(c.CheckIn, st.sampled_from(PEOPLE)),
    st.builds(c.CheckOut, st.sampled_from(PEOPLE)),
    st.builds(c.DeclareJav, st.sampled_from(ITEMS), st.sampled_from(PEOPLE)),
    st.builds(c.WithdrawJav, st.sampled_from(ITEMS), st.sampled_from(PEOPLE)),
    st.builds(c.StartItem, st.sampled_from(ITEMS)),
    st.just(c.FinishItem()),
    st.just(c.OpenRollCall()),
    st.just(c.ConfirmRollCall()),
)


def run(sequence: list[Any]) -> tuple[Any, list[tuple[Any, int]]]:
    meeting = given_events()
    log: list[tuple[Any, int]] = []
    for now, command in enumerate(sequence):
        actor = (
            CHAIR
            if isinstance(command, c.StartItem | c.FinishItem | c.OpenRollCall | c.ConfirmRollCall)
            else SECRETARY
        )
        with contextlib.suppress(DomainError):
            log += [(e, now) for e in execute(meeting, command, actor, Context(now))]
        check_invariants(meeting)
    return meeting, log


def check_invariants(meeting: Any) -> None:
    state = meeting.core
    seats = len(ROSTER.seats)
    assert state.quorum == (2 * len(state.seated) > seats)
    occupants = list(state.seated.values())
    assert len(occupants) == len(set(occupants)), "nobody sits on two seats"
    for seat, person in state.seated.items():
        who = ROSTER.by_id[person]
        owner = ROSTER.by_id[ROSTER.seat_owner[seat]]
        assert state.is_present(person), "only present people sit"
        assert not state.has_jav(person), "nobody with jäv on the item sits"
        if who.kind is PersonKind.SUBSTITUTE:
            assert who.party == owner.party, "substitutes serve their own party"
        else:
            assert person == owner.id, "members sit on their own seats"
    for seat in ROSTER.seats:
        owner = ROSTER.seat_owner[seat]
        if seat not in state.seated:
            # An empty seat: no eligible substitute of the party is left idle.
            party = ROSTER.by_id[owner].party
            idle = [
                s
                for s in ROSTER.substitutes_by_party.get(party, ())
                if state.is_present(s) and not state.has_jav(s) and s not in occupants
            ]
            assert not idle


@settings(max_examples=200, deadline=None)
@given(st.lists(commands, max_size=40))
def test_seating_rules_hold_after_every_command(sequence: list[Any]) -> None:
    run(sequence)


@settings(max_examples=100, deadline=None)
@given(st.lists(commands, max_size=40))
def test_replaying_the_events_rebuilds_the_same_state(sequence: list[Any]) -> None:
    meeting, log = run(sequence)
    genesis = [(e, 0) for e in open_meeting("t", "Test meeting", ROSTER, AGENDA)]
    replayed = fold(genesis + log)
    assert replayed.core == meeting.core
