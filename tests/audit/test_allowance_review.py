"""After the close: a member questions their figures, the secretary answers or
corrects them with a reason, and approves the meeting's basis by its digest.
The rules refuse what would make the record wrong, and the year's figures
show which approvals still hold."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from tests.audit.year_of_meetings import SECRETARY, TimedMeeting, body_roster
from voting_server.audit.allowances import AllowanceRules, Rate, basis_digest
from voting_server.audit.attendance import meeting_attendance
from voting_server.audit.year import PlannedMeeting, Year, year_figures
from voting_server.audit.year_files import tables
from voting_server.domain.allowances.events import (
    AnswerAllowanceQuestion,
    ApproveAllowances,
    CorrectAllowance,
    QuestionAllowance,
)
from voting_server.domain.base import Actor, Role
from voting_server.domain.errors import DomainError
from voting_server.domain.justering.events import MinutesSigned
from voting_server.domain.meeting import commands as mc
from voting_server.domain.swedish_time import STOCKHOLM

BOARD = body_roster(14)
RULES = AllowanceRules("served", (Rate("halvdag", 4.0), Rate("heldag", None)))
DAY = date(2026, 3, 16)


def member(person: str) -> Actor:
    return Actor(Role.DELEGATE, person)


def at(clock: str) -> int:
    hour, minute = (int(x) for x in clock.split(":"))
    return int(datetime.combine(DAY, time(hour, minute), STOCKHOLM).timestamp() * 1000)


def closed_meeting() -> TimedMeeting:
    """Nine members from 09:00; m2 checks out at 10:00; closed at 15:00."""
    played = TimedMeeting("nämnd-1", DAY, BOARD)
    played.arrive("09:00", *(f"m{i}" for i in range(1, 10)))
    played.leave("10:00", "m2")
    played.adjourn("15:00")
    return played


def figures(played: TimedMeeting, rules: AllowanceRules = RULES) -> Year:
    attendance = meeting_attendance(played.envelopes)
    return year_figures(
        "E-nämnden", 2026, [PlannedMeeting("nämnd-1", "", "", attendance)], None, rules
    )


def refused(played: TimedMeeting, clock: str, command: object, actor: Actor = SECRETARY) -> str:
    with pytest.raises(DomainError) as refusal:
        played.at(clock, command, actor)
    return refusal.value.code


def approve(played: TimedMeeting, clock: str) -> None:
    year = figures(played)
    played.at(clock, ApproveAllowances(year.meetings[0].digest, len(year.allowances)))


def test_nothing_is_questioned_or_approved_before_the_close() -> None:
    played = TimedMeeting("nämnd-1", DAY, BOARD)
    played.arrive("09:00", "m1", "m2")
    assert refused(played, "09:30", QuestionAllowance("Fel tid"), member("m2")) == (
        "allowance.meeting_not_closed"
    )
    assert refused(played, "09:30", ApproveAllowances("0" * 64, 2)) == (
        "allowance.meeting_not_closed"
    )


def test_an_approval_waits_for_the_answer_and_pins_the_rows() -> None:
    played = closed_meeting()
    assert figures(played).meetings[0].allowance == "to_approve"
    played.at("16:00", QuestionAllowance("Jag var kvar till lunch"), member("m2"))
    assert figures(played).meetings[0].allowance == "questioned"
    assert refused(played, "16:05", ApproveAllowances("0" * 64, 9)) == "allowance.questions_open"
    assert refused(played, "16:06", QuestionAllowance("Igen"), member("m2")) == (
        "allowance.question_open"
    )
    played.at("16:10", AnswerAllowanceQuestion("m2", "Du checkade ut kl. 10."))
    approve(played, "16:20")
    year = figures(played)
    line = year.meetings[0]
    assert (line.allowance, line.approved_at, line.approved_by) == (
        "approved", "2026-03-16 16:20", "sekr",
    )  # fmt: skip
    assert {r.approved for r in year.allowances} == {"2026-03-16"}
    asked = year.questions[0]
    assert (asked.person, asked.answer, asked.corrected) == ("m2", "Du checkade ut kl. 10.", False)
    assert len(tables(year)["payroll"][1]) == 9
    assert refused(played, "16:25", ApproveAllowances(line.digest, 9)) == (
        "allowance.already_approved"
    )


def test_a_correction_replaces_the_logged_times_and_voids_the_approval() -> None:
    played = closed_meeting()
    approve(played, "15:30")
    played.at("16:00", QuestionAllowance("Jag gick först 12.30"), member("m2"))
    played.at(
        "16:30",
        CorrectAllowance("m2", at("09:00"), at("12:30"), 12_600_000, "Utcheckad av misstag"),
    )
    year = figures(played)
    row = next(r for r in year.allowances if r.person == "m2")
    assert (row.arrived, row.left, row.served_hours, row.present_hours) == (
        "09:00",
        "12:30",
        3.5,
        3.5,
    )
    assert (row.rate, row.correction, row.approved) == ("halvdag", "Utcheckad av misstag", "")
    assert year.meetings[0].allowance == "to_approve"  # the rows approved are not these
    assert year.questions[0].corrected and year.questions[0].answer == "Utcheckad av misstag"
    assert tables(year)["payroll"][1] == []
    approve(played, "16:40")
    assert figures(played).meetings[0].allowance == "approved"


def test_a_correction_adds_someone_never_checked_in_or_takes_someone_off() -> None:
    played = closed_meeting()
    played.at(
        "16:00",
        CorrectAllowance(
            "e14", at("09:00"), at("15:00"), 6 * 3_600_000, "Surfplattan fungerade inte"
        ),
    )
    played.at("16:01", CorrectAllowance("m9", at("09:00"), at("09:00"), 0, "Var inte där"))
    rows = {r.person: r for r in figures(played).allowances}
    assert rows["e14"].name == "Ersättare Vårgårda" and rows["e14"].rate == "heldag"
    assert "m9" not in rows
    # The attendance the law counts is the log's, whatever the allowance says.
    attendance = meeting_attendance(played.envelopes)
    assert attendance.seats_taking_part == 9 and attendance.person("e14") is None


def test_an_approval_no_longer_holds_when_the_rules_change() -> None:
    played = closed_meeting()
    approve(played, "15:30")
    other = AllowanceRules("served", (Rate("sammanträde", None),))
    year = figures(played, other)
    assert year.meetings[0].allowance == "changed"
    assert {r.approved for r in year.allowances} == {""}


@pytest.mark.parametrize(
    ("arrived", "left", "served", "now"),
    [
        ("12:00", "11:00", 0, "16:00"),  # leaves before arriving
        ("09:00", "11:00", 3 * 3_600_000, "16:00"),  # served longer than present
        ("09:00", "17:00", 0, "16:00"),  # not yet over
    ],
)
def test_impossible_times_are_refused(arrived: str, left: str, served: int, now: str) -> None:
    played = closed_meeting()
    command = CorrectAllowance("m3", at(arrived), at(left), served, "Rättelse")
    assert refused(played, now, command) == "allowance.bad_times"


def test_who_may_do_what() -> None:
    played = closed_meeting()
    digest = figures(played).meetings[0].digest
    assert refused(played, "16:00", ApproveAllowances(digest, 9), member("m1")) == "auth.forbidden"
    assert refused(played, "16:00", QuestionAllowance("Mina?"), SECRETARY) == "auth.forbidden"
    assert refused(played, "16:00", QuestionAllowance("Mina?"), member("sekr")) == "person.unknown"
    assert refused(played, "16:00", QuestionAllowance("   "), member("m3")) == "allowance.bad_text"
    assert refused(played, "16:00", AnswerAllowanceQuestion("m3", "Ja")) == "allowance.no_question"
    assert refused(played, "16:00", CorrectAllowance("x9", at("09:00"), at("10:00"), 0, "?")) == (
        "person.unknown"
    )
    assert refused(played, "16:00", ApproveAllowances("ABC", 9)) == "allowance.bad_digest"


def test_verified_minutes_do_not_stop_the_allowances() -> None:
    played = closed_meeting()
    signed = MinutesSigned("", "m1", "chair", "a" * 64, at("15:10"))
    played.meeting.apply(signed, at("15:10"))
    assert refused(played, "15:20", mc.CheckIn("m10")) in ("minutes.verified", "meeting.adjourned")
    played.at("15:30", QuestionAllowance("Timmar?"), member("m3"))
    played.at("15:40", AnswerAllowanceQuestion("m3", "Stämmer"))
    approve(played, "15:50")
    assert figures(played).meetings[0].allowance == "approved"


def test_the_digest_is_of_the_rows_in_order() -> None:
    rows = figures(closed_meeting()).allowances
    assert basis_digest(rows) != basis_digest(tuple(reversed(rows)))
    assert len(basis_digest(rows)) == 64
