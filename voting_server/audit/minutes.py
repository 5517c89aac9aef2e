"""The minutes (protokoll) of a meeting, read from its log alone.

``build`` walks the ``(event, at)`` pairs of a log in order and collects
what the minutes record: the opening and closing, attendance with the
substitutes who served and the times, and per agenda item the speakers,
the proposals, the propositionsordning, each vote, the decision,
reservations and notes. Justering signatures and checkpoints are not part
of the document: the signatures are made over it (see ``minutes_justering``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from speaker_queue import events as dev

from ..domain.justering.events import JusterareElected
from ..domain.meeting import events as mev
from ..domain.votes import events as vev
from .minutes_model import (
    AcclaimedEntry,
    Minutes,
    Pair,
    Paragraph,
    ProposalEntry,
    Service,
    Span,
    Speaker,
    VoteEntry,
)


def build(pairs: Iterable[Pair]) -> Minutes:
    """The minutes of a log's events, in log order; signatures and checkpoints left out."""
    return _Builder().run(pairs)


class _Builder:
    def __init__(self) -> None:
        self.m = Minutes()
        self.current: Paragraph | None = None
        self.seated: dict[int, str] = {}
        self.speech_person: dict[str, str] = {}  # request id -> speaker
        self.votes: dict[str, VoteEntry] = {}
        self.decisions: dict[str, AcclaimedEntry] = {}

    def run(self, pairs: Iterable[Pair]) -> Minutes:
        for event, at in pairs:
            if self.m.created_at is None:
                self.m.created_at = at
            handler = getattr(self, "_" + type(event).__name__, None)
            if handler is not None:
                handler(event, at)
        return self.m

    def _para(self, item: str) -> Paragraph | None:
        return self.m.paragraph(item)

    # --- the meeting and attendance ------------------------------------------------
    def _MeetingOpened(self, e: mev.MeetingOpened, at: int) -> None:
        self.m.meeting, self.m.title, self.m.roster = e.meeting, e.title, e.roster
        if e.roster.chair:
            self.m.presided, self.m.presiding = [e.roster.chair], e.roster.chair
        self.m.paragraphs = [
            Paragraph(number + 2, item.id, item.title, proposal=item.proposal)
            for number, item in enumerate(e.agenda)
        ]

    def _DocumentsFiled(self, e: mev.DocumentsFiled, at: int) -> None:
        for document in e.documents:
            para = self._para(document.item) if document.item else None
            (para.documents if para else self.m.documents).append(document)

    def _DocumentFiled(self, e: mev.DocumentFiled, at: int) -> None:
        self._DocumentsFiled(mev.DocumentsFiled((e.document,)), at)
        self.m.filed_at[e.document.sha256] = at

    def _NoticesRecorded(self, e: mev.NoticesRecorded, at: int) -> None:
        self.m.notices, self.m.unannounced = e.notices, e.unannounced

    def _MeetingRecessed(self, e: mev.MeetingRecessed, at: int) -> None:
        self.m.recesses.append([at, None])

    def _MeetingResumed(self, e: mev.MeetingResumed, at: int) -> None:
        self.m.recesses[-1][1] = at

    def _MeetingAdjourned(self, e: mev.MeetingAdjourned, at: int) -> None:
        self.m.adjourned_at = at
        if self.m.recesses and self.m.recesses[-1][1] is None:
            self.m.recesses[-1][1] = at
        for spans in self.m.intervals.values():
            if spans and spans[-1].end is None:
                spans[-1].end = at
        for service in self.m.services:
            if service.spans and service.spans[-1].end is None:
                service.spans[-1].end = at

    def _CheckedIn(self, e: mev.CheckedIn, at: int) -> None:
        self.m.intervals.setdefault(e.person, []).append(Span(at))

    def _CheckedOut(self, e: mev.CheckedOut, at: int) -> None:
        spans = self.m.intervals.get(e.person)
        if spans and spans[-1].end is None:
            spans[-1].end = at

    def _SeatTaken(self, e: mev.SeatTaken, at: int) -> None:
        self.seated[e.seat] = e.person
        owner = self.m.roster.seat_owner.get(e.seat, "")
        if owner and owner != e.person:
            service = next(
                (s for s in self.m.services if s.person == e.person and s.seat == e.seat), None
            )
            if service is None:
                service = Service(e.person, e.seat, owner)
                self.m.services.append(service)
            service.spans.append(Span(at))

    def _SeatVacated(self, e: mev.SeatVacated, at: int) -> None:
        self.seated.pop(e.seat, None)
        for service in self.m.services:
            same = service.person == e.person and service.seat == e.seat
            if same and service.spans and service.spans[-1].end is None:
                service.spans[-1].end = at

    def _RollCallConfirmed(self, e: mev.RollCallConfirmed, at: int) -> None:
        self.m.rollcalls.append((at, len(e.present)))

    def _ItemStarted(self, e: mev.ItemStarted, at: int) -> None:
        if self.m.opened_at is None:
            self.m.opened_at = at
        self.current = self._para(e.item)
        if self.current is not None and self.current.started_at is None:
            self.current.started_at = at
        if self.current is not None and self.m.presiding not in self.current.presided_by:
            self.current.presided_by.append(self.m.presiding)

    def _ChairHandedOver(self, e: mev.ChairHandedOver, at: int) -> None:
        self.m.presiding = e.to
        if e.to not in self.m.presided:
            self.m.presided.append(e.to)
        if self.current is not None and e.to not in self.current.presided_by:
            self.current.presided_by.append(e.to)

    def _ItemFinished(self, e: mev.ItemFinished, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.finished_at = at
        self.current = None

    def _JavDeclared(self, e: mev.JavDeclared, at: int) -> None:
        para = self._para(e.item)
        if para is not None and e.person not in para.jav:
            para.jav.append(e.person)

    def _JavWithdrawn(self, e: mev.JavWithdrawn, at: int) -> None:
        para = self._para(e.item)
        if para is not None and e.person in para.jav:
            para.jav.remove(e.person)

    def _JusterareElected(self, e: JusterareElected, at: int) -> None:
        self.m.justerare = e.persons
        if self.current is not None:
            self.current.justerare = e.persons

    # --- debate --------------------------------------------------------------------
    def _FloorGiven(self, e: dev.FloorGiven, at: int) -> None:
        self.speech_person[e.request] = e.person
        para = self._para(e.item)
        if para is not None:
            target = self.speech_person.get(e.target or "", "")
            para.speakers.append(Speaker(e.person, e.kind, e.started_at, target))

    def _ProposalSubmitted(self, e: dev.ProposalSubmitted, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.proposals[e.id] = ProposalEntry(e.id, str(e.kind), e.text, (e.person,))

    def _ProposalWithdrawn(self, e: dev.ProposalWithdrawn, at: int) -> None:
        para = self._para(e.item)
        if para is not None and e.id in para.proposals:
            para.proposals[e.id].status = "withdrawn"

    def _ProposalsMerged(self, e: dev.ProposalsMerged, at: int) -> None:
        para = self._para(e.item)
        if para is None:
            return
        for source in e.sources:
            if source in para.proposals:
                para.proposals[source].status = "merged"
                para.proposals[source].merged_into = e.id
        para.proposals[e.id] = ProposalEntry(e.id, str(e.kind), e.text, e.authors)

    # --- order, votes and decisions --------------------------------------------------
    def _OrderProposed(self, e: vev.OrderProposed, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.order = tuple((p.id, str(p.kind)) for p in e.order)
            para.order_overridden, para.order_approved = e.overridden, False

    def _OrderApproved(self, e: vev.OrderApproved, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.order_approved = True

    def _VoteOpened(self, e: vev.VoteOpened, at: int) -> None:
        entry = VoteEntry(e)
        self.votes[e.vote] = entry
        para = self._para(e.item)
        if para is not None:
            para.votes.append(entry)

    def _VoterExcused(self, e: vev.VoterExcused, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].excused.append(e)

    def _VoteClosed(self, e: vev.VoteClosed, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].closed = e

    def _VoteVoided(self, e: vev.VoteVoided, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].voided = e

    def _TieDecided(self, e: vev.TieDecided, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].tie = e

    def _LotDrawn(self, e: vev.LotDrawn, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].lots.append(e)

    def _DecisionAnnounced(self, e: vev.DecisionAnnounced, at: int) -> None:
        if e.vote in self.votes:
            self.votes[e.vote].decision = e.text

    def _dissent(self, vote: str, decision: str) -> VoteEntry | AcclaimedEntry | None:
        return self.decisions.get(decision) if decision else self.votes.get(vote)

    def _DecisionAcclaimed(self, e: vev.DecisionAcclaimed, at: int) -> None:
        entry = AcclaimedEntry(e)
        self.decisions[e.decision] = entry
        para = self._para(e.item)
        if para is not None:
            para.acclaimed.append(entry)

    def _NoPartDeclared(self, e: vev.NoPartDeclared, at: int) -> None:
        if e.decision in self.decisions:
            self.decisions[e.decision].no_part.append(e.person)

    def _ReservationEntered(self, e: vev.ReservationEntered, at: int) -> None:
        entry = self._dissent(e.vote, e.decision)
        if entry is not None:
            entry.reservations.append(e)

    def _ReservationReasonGiven(self, e: vev.ReservationReasonGiven, at: int) -> None:
        entry = self._dissent(e.vote, e.decision)
        if entry is not None:
            entry.reservations = [
                dataclasses.replace(r, reason=e.reason) if r.person == e.person else r
                for r in entry.reservations
            ]

    def _MinutesNoteEntered(self, e: vev.MinutesNoteEntered, at: int) -> None:
        entry = self._dissent(e.vote, e.decision)
        if entry is not None:
            entry.notes.append(e)

    def _KontrapropositionStarted(self, e: vev.KontrapropositionStarted, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.kontra.append(e)

    def _RoundSettled(self, e: vev.RoundSettled, at: int) -> None:
        for para in self.m.paragraphs:
            if any(k.procedure == e.procedure for k in para.kontra):
                para.rounds.append(e)

    def _SecretElectionRequested(self, e: vev.SecretElectionRequested, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.secret_requested_by.append(e.person)

    def _MinorityRightInvoked(self, e: vev.MinorityRightInvoked, at: int) -> None:
        para = self._para(e.item)
        if para is not None:
            para.minority.append(e)
