"""The ersättarordning of a nämnd: whose substitutes fill a party's empty seat."""

from __future__ import annotations

import pytest

from voting_server.domain.aggregate import Meeting, execute, fold
from voting_server.domain.base import Actor, Role
from voting_server.domain.bodies import (
    BodyKind,
    BodyRuleError,
    SubstituteOrder,
    body_kind,
    substitute_orders,
)
from voting_server.domain.context import Context
from voting_server.domain.meeting import commands as c
from voting_server.domain.meeting.events import AgendaItem, SubstituteOrderSet
from voting_server.domain.meeting.rules import open_meeting
from voting_server.domain.roster import Party, Person, PersonKind, Roster

# Seat 1 is party B's, seats 2 and 3 party A's, seat 4 party C's.
ROSTER = Roster(
    parties=(Party("A", "Party A"), Party("B", "Party B"), Party("C", "Party C")),
    people=(
        Person("b-m1", "B one", PersonKind.MEMBER, "B", seat=1),
        Person("a-m2", "A two", PersonKind.MEMBER, "A", seat=2),
        Person("a-m3", "A three", PersonKind.MEMBER, "A", seat=3),
        Person("c-m4", "C four", PersonKind.MEMBER, "C", seat=4),
        Person("a-e1", "A sub", PersonKind.SUBSTITUTE, "A", order=1),
        Person("b-e1", "B sub", PersonKind.SUBSTITUTE, "B", order=1),
        Person("c-e1", "C sub", PersonKind.SUBSTITUTE, "C", order=1),
        Person("c-e2", "C sub two", PersonKind.SUBSTITUTE, "C", order=2),
    ),
    chair="a-m3",
)
SECRETARY = Actor(Role.SECRETARY, "sekr")
CHAIR = Actor(Role.CHAIR, "a-m3")
#: B's seats go to A's substitutes, then C's; A's to C's; C's to nobody else.
ORDERS = (SubstituteOrder("A", ("C",)), SubstituteOrder("B", ("A", "C")))


def meeting(orders: tuple[SubstituteOrder, ...] = ORDERS) -> Meeting:
    genesis = open_meeting("t", "Nämnd", ROSTER, (AgendaItem("1", "Ärende"),))
    extra = [SubstituteOrderSet(orders)] if orders else []
    return fold([(e, 0) for e in (*genesis, *extra)])


def check_in(m: Meeting, *people: str) -> None:
    for person in people:
        execute(m, c.CheckIn(person), SECRETARY, Context(0))


def check_out(m: Meeting, person: str) -> None:
    execute(m, c.CheckOut(person), SECRETARY, Context(0))


def test_without_an_order_only_the_partys_own_substitutes_serve() -> None:
    m = meeting(orders=())
    check_in(m, "a-m2", "a-m3", "c-m4", "a-e1", "c-e1")
    assert 1 not in m.core.seated


def test_a_seat_without_its_partys_substitute_goes_to_the_next_party_in_the_order() -> None:
    m = meeting()
    check_in(m, "b-m1", "a-m2", "a-m3", "c-m4", "c-e1", "a-e1")
    check_out(m, "b-m1")
    assert m.core.seated[1] == "a-e1"  # A comes before C in B's order, whoever came first


def test_a_serving_substitute_of_another_party_keeps_the_seat_from_one_later_in_order() -> None:
    m = meeting()
    check_in(m, "a-m2", "a-m3", "c-m4", "c-e1", "a-e1")
    assert m.core.seated[1] == "c-e1"


def test_the_next_party_after_that_when_the_first_has_nobody_free() -> None:
    m = meeting()
    check_in(m, "a-m2", "a-m3", "c-m4", "c-e1")
    assert m.core.seated[1] == "c-e1"


def test_a_partys_own_seats_come_before_a_seat_its_substitutes_could_fill_elsewhere() -> None:
    m = meeting()
    check_in(m, "a-m3", "c-m4", "a-e1")  # B's seat 1 and A's seat 2 are empty
    assert m.core.seated[2] == "a-e1"
    assert 1 not in m.core.seated


def test_a_party_not_in_the_order_never_serves() -> None:
    m = meeting(orders=(SubstituteOrder("B", ("A",)),))
    check_in(m, "a-m2", "a-m3", "c-m4", "c-e1")
    assert 1 not in m.core.seated


def test_between_items_the_seats_own_party_takes_it_back() -> None:
    m = meeting()
    check_in(m, "a-m2", "a-m3", "c-m4", "a-e1")
    execute(m, c.StartItem("1"), CHAIR, Context(0))
    check_in(m, "b-e1")
    assert m.core.seated[1] == "a-e1"  # during the item the serving substitute stays
    execute(m, c.FinishItem(), CHAIR, Context(0))
    assert m.core.seated[1] == "b-e1"
    assert "a-e1" not in m.core.seat_of


def test_between_items_a_lent_substitute_goes_back_to_an_empty_seat_of_their_own() -> None:
    m = meeting()
    check_in(m, "a-m2", "a-m3", "c-m4", "a-e1", "c-e1")
    assert m.core.seated[1] == "a-e1"
    execute(m, c.StartItem("1"), CHAIR, Context(0))
    check_out(m, "a-m2")
    assert m.core.seated[2] == "c-e1"  # C's substitute, next in A's order
    execute(m, c.FinishItem(), CHAIR, Context(0))
    assert m.core.seated[2] == "a-e1"
    assert m.core.seated[1] == "c-e1"  # B's seat: A had nobody left, so C


def test_the_order_is_read_from_settings_with_the_partys_own_first() -> None:
    orders = substitute_orders(
        BodyKind.NAMND, {"B": ["B", "A", "C"], "A": ["C"], "C": ["C"]}, {"A", "B", "C"}
    )
    assert orders == (SubstituteOrder("A", ("C",)), SubstituteOrder("B", ("A", "C")))


def test_fullmaktige_refuses_any_order_naming_another_party() -> None:
    with pytest.raises(BodyRuleError) as refused:
        substitute_orders(BodyKind.FULLMAKTIGE, {"B": ["B", "A"]}, {"A", "B"})
    assert refused.value.code == "body.cross_party_substitutes"
    assert substitute_orders(BodyKind.FULLMAKTIGE, {"B": ["B"]}, {"A", "B"}) == ()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ({"B": ["A", "A"]}, "body.bad_substitute_order"),
        ({"B": "A"}, "body.bad_substitute_order"),
        (["B"], "body.bad_substitute_order"),
        ({"X": ["A"]}, "body.unknown_party"),
        ({"B": ["X"]}, "body.unknown_party"),
        ({"B": [1]}, "body.unknown_party"),
    ],
)
def test_a_malformed_order_is_refused(raw: object, code: str) -> None:
    with pytest.raises(BodyRuleError) as refused:
        substitute_orders(BodyKind.NAMND, raw, {"A", "B"})
    assert refused.value.code == code


def test_a_body_without_a_kind_is_fullmaktige_and_an_unknown_kind_is_refused() -> None:
    assert body_kind(None) is BodyKind.FULLMAKTIGE
    assert body_kind("namnd") is BodyKind.NAMND
    with pytest.raises(BodyRuleError):
        body_kind("kommitté")
