"""What each role sees: counts only while a vote is open, results after the close."""

from __future__ import annotations

from typing import Any

from votes_world import SEED, World, delegate, world

from voting_server.domain.base import Role
from voting_server.domain.votes import commands as vc
from voting_server.domain.votes import commitment_of
from voting_server.domain.votes.model import Method
from voting_server.domain.votes.view import (
    chair_view,
    delegate_view,
    public_view,
    vote_view,
    votes_view,
)


def plain(value: Any) -> bool:
    """Only maps with str keys, lists, str, int and bool: nothing msgpack cannot carry, no None."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return isinstance(value, str | int | bool)


def mentions(view: Any, text: str) -> bool:
    if isinstance(view, dict):
        return any(mentions(v, text) for v in view.values())
    if isinstance(view, list):
        return any(mentions(v, text) for v in view)
    return bool(view == text)


OPEN_KEYS = {
    "id",
    "item",
    "method",
    "secret",
    "question",
    "options",
    "seats",
    "allow_change",
    "status",
    "opened_at",
    "voted",
    "entitled",
}


OPTIONS = ("Anna", "Bo")


def voting(secret: bool) -> World:
    """m2 and m3 have voted: in an open question, or in a secret election (only those are)."""
    w = world()
    if secret:
        w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=OPTIONS, secret=True))
        w.cast("v1", "m2", names=("Bo",))
        w.cast("v1", "m3")
    else:
        w.open_question()
        w.cast("v1", "m2", "nej")
        w.cast("v1", "m3", "avstar")
    return w


def test_while_open_the_public_sees_counts_and_no_choice() -> None:
    for secret in (False, True):
        w = voting(secret)
        view = public_view(w.votes.vote("v1"))
        assert view["status"] == "open"
        assert (view["voted"], view["entitled"]) == (2, 7)
        assert set(view) - {"options"} == OPEN_KEYS - {"options"}  # nothing about any ballot
        assert not mentions(view, "m2")
        assert plain(view)


def test_the_chair_sees_who_has_voted_in_an_open_vote_only() -> None:
    assert chair_view(voting(False).votes.vote("v1"))["has_voted"] == ["m2", "m3"]
    assert "has_voted" not in chair_view(voting(True).votes.vote("v1"))


def test_a_delegate_sees_their_own_ballot() -> None:
    record = voting(False).votes.vote("v1")
    assert delegate_view(record, "m2")["my"] == {
        "entitled": True,
        "seat": 2,
        "voted": True,
        "ballot": {"choice": "nej"},
    }
    assert delegate_view(record, "m4")["my"] == {"entitled": True, "seat": 4, "voted": False}
    assert delegate_view(record, "e1")["my"] == {"entitled": False}
    secret = voting(True).votes.vote("v1")
    assert delegate_view(secret, "m2")["my"] == {"entitled": True, "seat": 2, "voted": True}


def test_after_the_close_everyone_sees_the_result_and_the_named_list() -> None:
    w = voting(False)
    w.cast("v1", "m1", "ja")
    w.cast("v1", "m4", "ja")
    w.close()
    w.do(vc.AnnounceDecision("v1", "Bifall"))
    view = vote_view(w.votes.vote("v1"), Role.PUBLIC)
    assert view["result"] == {"status": "decided", "decided_by": "votes", "choice": "ja"}
    assert view["tally"]["counts"] == [
        {"option": "ja", "votes": 2},
        {"option": "nej", "votes": 1},
        {"option": "avstar", "votes": 1},
    ]
    assert view["named"][1] == {
        "seat": 2,
        "person": "m2",
        "party": "s",
        "voted": True,
        "ballot": {"choice": "nej"},
    }
    assert view["named"][4] == {"seat": 5, "person": "m5", "party": "m", "voted": False}
    assert view["decision"] == "Bifall"
    assert "has_voted" not in vote_view(w.votes.vote("v1"), Role.CHAIR)
    assert plain(view)


def test_a_closed_secret_vote_shows_counts_only() -> None:
    w = voting(True)
    w.close()
    view = public_view(w.votes.vote("v1"))
    assert "named" not in view and "by_party" not in view
    assert view["tally"]["ballots"] == 2


def test_the_whole_view_is_plain_for_every_role() -> None:
    w = world()
    w.do(vc.StartKontraproposition(("A", "B", "C"), "A"))
    w.do(vc.DemandVote("k1"), delegate("m2"))
    w.do(vc.OpenVote("Val", method=Method.MAJORITY, options=("X", "Y")))
    w.do(vc.CommitLotSeed("v1"))
    for role in Role:
        view = votes_view(w.votes, role, "m2")
        assert plain(view)
        assert view["current"] == "v1"
        assert view["procedures"]["k1"]["current"] == {
            "round": 1,
            "ja": "B",
            "nej": "C",
            "final": False,
        }
        assert view["votes"]["v1"]["lot_commitment"] == commitment_of(SEED)
        assert ("my" in view["votes"]["v1"]) == (role in (Role.DELEGATE, Role.CHAIR))
