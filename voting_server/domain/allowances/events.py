"""The basis for allowances as events in the meeting's log, after its close.

The figures themselves are computed from the log's attendance
(``audit/allowances.py``); these events record what people did with them: a
member questions their own figures, the secretary answers or corrects them
with a reason, and approves the meeting's basis by its digest. None of these
is a wire command: the portal's routes build them for a logged-in person.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import Command, Event, Role


@dataclass(frozen=True, slots=True)
class AllowanceQuestioned(Event):
    """A member or substitute questions their own figures for this meeting."""

    type = "allowance.questioned"
    person: str
    reason: str


@dataclass(frozen=True, slots=True)
class AllowanceAnswered(Event):
    """The secretary answers a question and leaves the figures as they are."""

    type = "allowance.answered"
    person: str
    answer: str


@dataclass(frozen=True, slots=True)
class AllowanceCorrected(Event):
    """The secretary sets a person's times for the allowance, with the reason.

    ``arrived`` and ``left`` are epoch ms; the time present is the span between
    them and ``served_ms`` the time served in it. A correction replaces what
    the attendance gave for this person, and any earlier correction; a span
    of no length takes them off the basis.
    """

    type = "allowance.corrected"
    person: str
    arrived: int
    left: int
    served_ms: int
    reason: str


@dataclass(frozen=True, slots=True)
class AllowancesApproved(Event):
    """The secretary approved the meeting's basis, pinned by its digest.

    ``digest`` is the hex SHA-256 of the rows as approved (``basis_digest`` in
    ``audit/allowances.py``); an approval holds only while the rows computed
    from the log still have that digest.
    """

    type = "allowance.approved"
    person: str
    digest: str
    rows: int


@dataclass(frozen=True, slots=True)
class QuestionAllowance(Command):
    type = "allowance.question"
    roles = frozenset({Role.DELEGATE})
    reason: str


@dataclass(frozen=True, slots=True)
class AnswerAllowanceQuestion(Command):
    type = "allowance.answer"
    roles = frozenset({Role.SECRETARY})
    person: str
    answer: str


@dataclass(frozen=True, slots=True)
class CorrectAllowance(Command):
    type = "allowance.correct"
    roles = frozenset({Role.SECRETARY})
    person: str
    arrived: int
    left: int
    served_ms: int
    reason: str


@dataclass(frozen=True, slots=True)
class ApproveAllowances(Command):
    type = "allowance.approve"
    roles = frozenset({Role.SECRETARY})
    digest: str
    rows: int


ALLOWANCE_EVENTS: tuple[type[Event], ...] = (
    AllowanceQuestioned,
    AllowanceAnswered,
    AllowanceCorrected,
    AllowancesApproved,
)
ALLOWANCE_COMMANDS: tuple[type[Command], ...] = (
    QuestionAllowance,
    AnswerAllowanceQuestion,
    CorrectAllowance,
    ApproveAllowances,
)
