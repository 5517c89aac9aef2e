"""The notice's rules: what counts as a change, and when the law wants it posted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from voting_server.domain.bodies import BodyKind
from voting_server.domain.notice import (
    ChangeKind,
    FiledDocument,
    NoticeChange,
    NoticeContent,
    NoticeItem,
    announce_by,
    changes,
    must_be_public,
)

BUDGET = NoticeItem("1", "Budget 2027", "Budget 2027", "arende", "RS 2026/12", "Att anta budgeten")
TAXES = NoticeItem("2", "Skattesats", kind="arende")
ELECTION = NoticeItem("3", "Val av revisorer", kind="val")
REPORT = FiledDocument("1", "Tjänsteskrivelse", 1, "a" * 64)
NOTICE = NoticeContent(
    "Regionfullmäktige", "2027-02-10T09:00", "Regionens hus", (BUDGET, TAXES), (REPORT,)
)


def kinds(found: tuple[NoticeChange, ...]) -> list[ChangeKind]:
    return [c.kind for c in found]


def test_the_same_notice_has_no_changes_and_the_same_hash() -> None:
    again = replace(NOTICE, items=tuple(NOTICE.items))
    assert changes(NOTICE, again) == ()
    assert NOTICE.sha256() == again.sha256()


def test_time_place_and_title_are_changes_with_their_new_value() -> None:
    moved = replace(NOTICE, starts_at="2027-02-11T13:00", place="Stadshuset", title="Extra möte")
    assert changes(NOTICE, moved) == (
        NoticeChange(ChangeKind.TITLE, "Extra möte"),
        NoticeChange(ChangeKind.TIME, "2027-02-11T13:00"),
        NoticeChange(ChangeKind.PLACE, "Stadshuset"),
    )
    assert moved.sha256() != NOTICE.sha256()


def test_items_added_removed_changed_and_reordered() -> None:
    later = replace(NOTICE, items=(replace(TAXES, proposal="Oförändrad"), ELECTION))
    assert changes(NOTICE, later) == (
        NoticeChange(ChangeKind.ITEM_CHANGED, "Skattesats"),
        NoticeChange(ChangeKind.ITEM_ADDED, "Val av revisorer"),
        NoticeChange(ChangeKind.ITEM_REMOVED, "Budget 2027"),
    )
    swapped = replace(NOTICE, items=(TAXES, BUDGET))
    assert kinds(changes(NOTICE, swapped)) == [ChangeKind.REORDERED]


def test_a_removed_item_alone_is_no_reordering() -> None:
    fewer = replace(NOTICE, items=(TAXES,))
    assert kinds(changes(NOTICE, fewer)) == [ChangeKind.ITEM_REMOVED]


def test_documents_added_in_a_new_version_and_withdrawn() -> None:
    minutes = FiledDocument("", "Protokollsutdrag", 1, "b" * 64)
    revised = replace(REPORT, version=2, sha256="c" * 64)
    assert changes(NOTICE, replace(NOTICE, documents=(revised, minutes))) == (
        NoticeChange(ChangeKind.DOCUMENT_VERSION, "Tjänsteskrivelse (2)"),
        NoticeChange(ChangeKind.DOCUMENT_ADDED, "Protokollsutdrag"),
    )
    assert changes(NOTICE, replace(NOTICE, documents=())) == (
        NoticeChange(ChangeKind.DOCUMENT_REMOVED, "Tjänsteskrivelse"),
    )


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_fullmaktige_is_announced_a_week_before_and_other_bodies_choose(day: date) -> None:
    deadline = announce_by(BodyKind.FULLMAKTIGE, day)
    assert deadline is not None and (day - deadline).days == 7
    assert must_be_public(BodyKind.FULLMAKTIGE)
    for kind in (BodyKind.STYRELSE, BodyKind.NAMND, BodyKind.BEREDNING):
        assert announce_by(kind, day) is None
        assert not must_be_public(kind)
