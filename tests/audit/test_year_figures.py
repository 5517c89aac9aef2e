"""The year in figures from meetings' logs: attendance per meeting and over the
year against a goal, per member and per organisation, and the basis for
allowances, including a member who left early and a substitute who served for
part of a meeting."""

from __future__ import annotations

from datetime import date

import pytest

from tests.audit.year_of_meetings import TimedMeeting, body_roster, meeting_of
from voting_server.audit.allowances import (
    AllowanceRow,
    AllowanceRules,
    Rate,
    allowance_rows,
    rules_from_settings,
)
from voting_server.audit.attendance import meeting_attendance
from voting_server.audit.errors import RulesError
from voting_server.audit.year import PlannedMeeting, goal_from_settings, year_figures
from voting_server.domain.base import Actor, Role
from voting_server.domain.meeting import commands as mc

BOARD = body_roster(14)
GROUP = body_roster(5)
RULES = AllowanceRules("served", (Rate("halvdag", 4.0), Rate("heldag", None)))


def seats(n: int, *more: str) -> list[str]:
    return [f"m{i}" for i in range(1, n + 1)] + list(more)


def second_board_meeting() -> TimedMeeting:
    """12 of 14 take part: m2 leaves at 10:00, e12 serves for m12 until 10:30."""
    played = TimedMeeting("nämnd-2", date(2026, 6, 10), BOARD)
    played.arrive("09:00", *seats(10), "e11", "e12")
    played.leave("10:00", "m2")
    played.leave("10:30", "e12")
    played.adjourn("15:00")
    return played


def board_year() -> list[PlannedMeeting]:
    meetings = [
        meeting_of("nämnd-1", date(2026, 3, 16), BOARD, seats(9), "09:00", "12:00"),
        second_board_meeting(),
        meeting_of("nämnd-3", date(2026, 9, 21), BOARD, seats(7), "13:00", "15:30"),
        meeting_of("nämnd-4", date(2026, 12, 7), BOARD, seats(10), "09:00", "11:00"),
    ]
    return [
        PlannedMeeting(m.meeting_id, "Sammanträde", "", meeting_attendance(m.envelopes))
        for m in meetings
    ]


def test_each_meeting_counts_the_seats_that_took_part_and_its_quorum() -> None:
    year = year_figures("E-nämnden", 2026, board_year(), 0.75, RULES)
    lines = [(m.date, m.time, m.seats_taking_part, m.seats, m.quorum) for m in year.meetings]
    assert lines == [
        ("2026-03-16", "09:00", 9, 14, True),
        ("2026-06-10", "09:00", 12, 14, True),
        ("2026-09-21", "13:00", 7, 14, False),  # half the seats is not a quorum
        ("2026-12-07", "09:00", 10, 14, True),
    ]
    assert round(year.meetings[0].rate * 100) == 64  # "9 av 14, ca 64 %"
    assert year.meetings[1].substitutes_served == 2


def test_the_year_against_the_goal() -> None:
    board = year_figures("E-nämnden", 2026, board_year(), 0.75, RULES)
    assert (board.total.took_part, board.total.of) == (38, 56)
    assert round(board.total.rate * 100, 1) == 67.9
    assert board.meets_goal is False
    group = year_figures(
        "Beredningsgruppen",
        2026,
        [
            PlannedMeeting(
                f"grupp-{n}",
                "Beredning",
                "",
                meeting_attendance(
                    meeting_of(
                        f"grupp-{n}", date(2026, n, 3), GROUP, seats(4), "13:00", "14:00"
                    ).envelopes
                ),
            )
            for n in range(1, 11)
        ],
        0.75,
        RULES,
    )
    assert (group.total.took_part, group.total.of, group.meets_goal) == (40, 50, True)


def test_per_member_and_per_organisation() -> None:
    year = year_figures("E-nämnden", 2026, board_year(), None, RULES)
    by_person = {m.person: m for m in year.members}
    assert len(by_person) == 14
    assert (by_person["m1"].present, by_person["m1"].meetings_held) == (4, 4)
    assert (by_person["m11"].present, by_person["m11"].substituted) == (0, 1)
    assert (by_person["m14"].present, by_person["m14"].substituted) == (0, 0)
    organisations = {s.key: (s.took_part, s.of) for s in year.parties}
    assert organisations["alingsås"] == (4, 4)
    assert organisations["tibro"] == (1, 4)  # m12's seat, by its substitute e12
    assert organisations["vårgårda"] == (0, 4)


def test_the_allowances_follow_the_time_served() -> None:
    year = year_figures("E-nämnden", 2026, board_year(), None, RULES)
    rows = {(r.meeting, r.person): r for r in year.allowances}
    chair = rows[("nämnd-2", "m1")]
    assert (chair.date, chair.arrived, chair.left, chair.served_hours) == (
        "2026-06-10", "09:00", "15:00", 6.0,
    )  # fmt: skip
    assert chair.rate == "heldag"
    early = rows[("nämnd-2", "m2")]  # left at ten
    assert (early.left, early.served_hours, early.rate) == ("10:00", 1.0, "halvdag")
    part = rows[("nämnd-2", "e12")]  # served for m12 until half past ten
    assert (part.served_hours, part.present_hours, part.rate) == (1.5, 1.5, "halvdag")
    assert ("nämnd-2", "m12") not in rows
    assert len([r for r in year.allowances if r.meeting == "nämnd-1"]) == 9


def test_a_cancelled_meeting_is_listed_as_not_held() -> None:
    planned = [*board_year(), PlannedMeeting("nämnd-5", "Extra", "2026-12-14T09:00", None)]
    year = year_figures("E-nämnden", 2026, planned, 0.75, RULES)
    cancelled = year.meetings[-1]
    assert (cancelled.held, cancelled.date, cancelled.time) == (False, "2026-12-14", "09:00")
    assert year.total.of == 56  # only meetings held count


def test_the_body_rules_are_read_from_its_settings_or_refused() -> None:
    rules = rules_from_settings(
        {"allowance": {"basis": "present", "rates": [
            {"up_to_hours": 4, "rate": "halvdag"}, {"rate": "heldag"}]}}
    )  # fmt: skip
    assert rules.basis == "present" and rules.rate_for(4.0) == "halvdag"
    assert rules.rate_for(4.01) == "heldag"
    assert rules_from_settings({}).rate_for(9.0) == "sammanträde"
    assert goal_from_settings({"attendance_goal": 0.75}) == 0.75
    for bad in (
        {"allowance": {"basis": "paid"}},
        {"allowance": {"rates": [{"rate": "heldag"}, {"up_to_hours": 4, "rate": "halvdag"}]}},
        {"allowance": {"rates": [{"up_to_hours": -1, "rate": "x"}, {"rate": "y"}]}},
        {
            "allowance": {
                "rates": [
                    {"up_to_hours": 8, "rate": "a"},
                    {"up_to_hours": 4, "rate": "b"},
                    {"rate": "c"},
                ]
            }
        },
    ):
        with pytest.raises(RulesError):
            rules_from_settings(bad)
    for goal in (75, 0, True, "0.75"):
        with pytest.raises(RulesError):
            goal_from_settings({"attendance_goal": goal})


def test_a_break_is_paid_time_unless_the_rules_deduct_it() -> None:
    """09:00-16:00 with lunch 12:00-13:00: six hours or seven, by the body's rules."""
    chair = Actor(Role.CHAIR, "m1")
    played = TimedMeeting("nämnd-lunch", date(2026, 5, 4), BOARD)
    played.arrive("09:00", *seats(8))
    played.at("12:00", mc.Recess("13.00"), chair)
    played.at("13:00", mc.Resume(), chair)
    played.leave("14:30", "m2")
    played.adjourn("16:00")
    attendance = meeting_attendance(played.envelopes)
    assert [(b.end - b.start) // 60_000 for b in attendance.breaks] == [60]
    rates = (Rate("halvdag", 6.5), Rate("heldag", None))

    def rows(breaks: str) -> dict[str, AllowanceRow]:
        rules = AllowanceRules("served", rates, breaks)
        return {r.person: r for r in allowance_rows(attendance, "E", rules)}

    counted, deducted = rows("count"), rows("deduct")
    assert (counted["m1"].served_hours, counted["m1"].rate) == (7.0, "heldag")
    assert (deducted["m1"].served_hours, deducted["m1"].rate) == (6.0, "halvdag")
    assert (deducted["m1"].arrived, deducted["m1"].left) == ("09:00", "16:00")
    assert deducted["m2"].served_hours == 4.5  # 09:00-14:30 less the hour's lunch
    assert rules_from_settings({"allowance": {"breaks": "deduct"}}).breaks == "deduct"
    with pytest.raises(RulesError):
        rules_from_settings({"allowance": {"breaks": "sometimes"}})
