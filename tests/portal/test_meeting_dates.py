"""A meeting's start is a Swedish date and time: refused when it is none, never a crash."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from voting_server.clock import CLOCK
from voting_server.domain.swedish_time import local_iso
from voting_server.portal import forms
from voting_server.portal.errors import PortalError
from voting_server.portal.overview import overview
from voting_server.store.models import MeetingRow


def test_a_start_that_is_no_date_is_refused_with_a_clear_error() -> None:
    assert forms.local_time({"starts_at": "2027-06-25T09:00"}, "starts_at") == "2027-06-25T09:00"
    assert forms.local_time({}, "starts_at") == ""
    with pytest.raises(PortalError) as caught:
        forms.local_time({"starts_at": "imorgon kl 9"}, "starts_at")
    assert "2026-12-10T09:00" in caught.value.message
    # Summer time: the offset is Stockholm's on that day.
    assert local_iso("2027-06-25T09:00") == "2027-06-25T09:00+02:00"
    assert local_iso("2027-12-24T09:00") == "2027-12-24T09:00+01:00"


def test_an_old_row_with_no_date_still_gives_the_members_page(demo_engine: Engine) -> None:
    with Session(demo_engine) as s:
        row = s.get(MeetingRow, "demo")
        assert row is not None
        row.starts_at = "imorgon kl 9"
        s.add(row)
        s.commit()
    page = overview(demo_engine, "m2", CLOCK.today())
    [card] = page["upcoming"]  # not held yet, and no day to put it on
    assert card["id"] == "demo" and card["starts_at"] == "" and card["day"] == ""
