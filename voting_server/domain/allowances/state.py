"""Allowance rules after the close: who questioned what, the corrections, the approval.

Pure, like the other rule modules. ``AllowanceState`` is folded from the
allowance events by the aggregate, and by the year's figures from an export.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..base import Actor, Event
from ..errors import DomainError, InvalidState
from ..roster import PersonKind
from .events import (
    AllowanceAnswered,
    AllowanceCorrected,
    AllowanceQuestioned,
    AllowancesApproved,
    AnswerAllowanceQuestion,
    ApproveAllowances,
    CorrectAllowance,
    QuestionAllowance,
)

if TYPE_CHECKING:
    from ..aggregate import Meeting

TEXT_LIMIT = 2000  # characters: a question or an answer, not a letter
DAY_MS = 86_400_000
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass
class Question:
    person: str
    reason: str
    asked_at: int
    answer: str | None = None  # None while open; a correction's reason once corrected
    answered_at: int | None = None
    corrected: bool = False


@dataclass
class Approval:
    person: str
    digest: str
    rows: int
    at: int


@dataclass
class AllowanceState:
    questions: list[Question] = field(default_factory=list)
    corrections: dict[str, AllowanceCorrected] = field(default_factory=dict)
    approval: Approval | None = None  # the latest; void once a correction follows it

    def open_question(self, person: str) -> Question | None:
        return next((q for q in self.questions if q.person == person and q.answer is None), None)

    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.answer is None]

    def apply(self, event: Event, at: int) -> None:
        if isinstance(event, AllowanceQuestioned):
            self.questions.append(Question(event.person, event.reason, at))
        elif isinstance(event, AllowanceAnswered):
            self._close(event.person, event.answer, at, corrected=False)
        elif isinstance(event, AllowanceCorrected):
            self.corrections[event.person] = event
            self._close(event.person, event.reason, at, corrected=True)
            self.approval = None  # the approved rows changed
        elif isinstance(event, AllowancesApproved):
            self.approval = Approval(event.person, event.digest, event.rows, at)

    def _close(self, person: str, answer: str, at: int, *, corrected: bool) -> None:
        question = self.open_question(person)
        if question is not None:
            question.answer, question.answered_at, question.corrected = answer, at, corrected


def decide(meeting: Meeting, command: Any, actor: Actor, now: int) -> list[Event]:
    if not meeting.core.adjourned:
        raise InvalidState(
            "allowance.meeting_not_closed", "the basis for allowances follows the meeting's close"
        )
    return _DECIDE[type(command)](meeting, command, actor, now)


def _text(value: str, what: str) -> str:
    text = value.strip()
    if not text or len(text) > TEXT_LIMIT:
        raise DomainError("allowance.bad_text", f"give {what} in 1 to {TEXT_LIMIT} characters")
    return text


def _on_roster(meeting: Meeting, person: str) -> str:
    found = meeting.core.roster.person(person)
    if found is None or found.kind is PersonKind.OFFICIAL:
        raise InvalidState("person.unknown", f"{person} is not a member of this meeting")
    return person


def _question(meeting: Meeting, c: QuestionAllowance, actor: Actor, now: int) -> list[Event]:
    person = _on_roster(meeting, actor.person or "")
    if meeting.allowances.open_question(person) is not None:
        raise InvalidState("allowance.question_open", "your earlier question is not answered yet")
    return [AllowanceQuestioned(person, _text(c.reason, "the question"))]


def _answer(meeting: Meeting, c: AnswerAllowanceQuestion, actor: Actor, now: int) -> list[Event]:
    if meeting.allowances.open_question(c.person) is None:
        raise InvalidState("allowance.no_question", f"{c.person} has no open question")
    return [AllowanceAnswered(c.person, _text(c.answer, "the answer"))]


def _correct(meeting: Meeting, c: CorrectAllowance, actor: Actor, now: int) -> list[Event]:
    person = _on_roster(meeting, c.person)
    span = c.left - c.arrived
    if not 0 <= span <= DAY_MS or not 0 <= c.served_ms <= span or c.left > now:
        raise DomainError(
            "allowance.bad_times",
            "arrival before leaving, within a day and not later than now; served within them",
        )
    return [AllowanceCorrected(person, c.arrived, c.left, c.served_ms, _text(c.reason, "a reason"))]


def _approve(meeting: Meeting, c: ApproveAllowances, actor: Actor, now: int) -> list[Event]:
    state = meeting.allowances
    if state.open_questions():
        raise InvalidState("allowance.questions_open", "answer the open questions first")
    if not _HASH.fullmatch(c.digest) or c.rows < 0:
        raise DomainError("allowance.bad_digest", "the digest is 64 lowercase hex digits")
    if state.approval is not None and state.approval.digest == c.digest:
        raise InvalidState("allowance.already_approved", "these figures are approved already")
    return [AllowancesApproved(actor.person or "", c.digest, c.rows)]


_DECIDE: dict[type, Callable[[Meeting, Any, Actor, int], list[Event]]] = {
    QuestionAllowance: _question,
    AnswerAllowanceQuestion: _answer,
    CorrectAllowance: _correct,
    ApproveAllowances: _approve,
}
