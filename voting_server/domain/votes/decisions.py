"""After the count: the chair's tie decision, the announced decision, reservations and notes.

A reservation is for a member who took part and voted against the decision:
not for one who abstained or did not vote, and not in a secret vote, where
nobody's ballot is known. A protokollsanteckning (minutes note) may be
entered by any member present.
"""

from __future__ import annotations

from ..base import Actor, Event
from ..errors import DomainError, InvalidState, NotAllowed
from ..meeting.rules import target_person
from ..meeting.state import MeetingState
from ..roster import PersonKind
from . import commands as cmd
from . import events as ev
from .guards import closed_vote, current_item, decided_vote, require_quorum, serving
from .kontraproposition import round_count
from .model import Choice, Method, Status
from .rules_kontra import settle_by_vote
from .state import VotesState


def decide_tie(
    votes: VotesState, meeting: MeetingState, c: cmd.DecideTie, actor: Actor
) -> list[Event]:
    record = closed_vote(votes, c.vote)
    if record.outcome is None or record.outcome.status is not Status.TIE:
        raise InvalidState("vote.not_tied", "only a tied question awaits the chair")
    if c.choice not in (Choice.JA, Choice.NEJ):
        raise DomainError("vote.bad_choice", "decide for ja or nej")
    return [ev.TieDecided(c.vote, c.choice), *settle_by_vote(votes, record, c.choice)]


def announce(
    votes: VotesState, meeting: MeetingState, c: cmd.AnnounceDecision, actor: Actor
) -> list[Event]:
    record = decided_vote(votes, c.vote)
    if record.decision is not None:
        raise InvalidState("vote.already_announced", "the decision is announced")
    if not c.text.strip():
        raise DomainError("decision.text_required", "say what was decided")
    return [ev.DecisionAnnounced(c.vote, c.text)]


def acclaim(
    votes: VotesState, meeting: MeetingState, c: cmd.AcclaimDecision, actor: Actor
) -> list[Event]:
    """A decision by acclamation (ja-rop): recorded as any decision, and it needs quorum."""
    item = current_item(meeting)
    require_quorum(meeting)
    if votes.current is not None:
        raise InvalidState("vote.another_open", "close the vote first")
    if not c.text.strip():
        raise DomainError("decision.text_required", "say what was decided")
    if len(c.text) > TEXT_LIMIT or len(c.proposal) > 64:
        raise DomainError("decision.text_too_long", f"at most {TEXT_LIMIT} characters")
    serving = tuple(sorted(meeting.seated.values()))
    return [
        ev.DecisionAcclaimed(
            votes.next_decision_id(), item, c.text.strip(), c.proposal, "", serving
        )
    ]


def no_part(
    votes: VotesState, meeting: MeetingState, c: cmd.DeclareNoPart, actor: Actor
) -> list[Event]:
    person = target_person(meeting, actor, c.person)
    record = votes.decision(c.decision)
    if person not in record.acclaimed.serving:
        raise NotAllowed("decision.not_serving", "only those serving took part or not")
    if person in record.no_part:
        raise InvalidState("decision.no_part_declared", "declared already")
    if any(r.person == person for r in record.reservations):
        raise InvalidState("decision.reserved", "one who reserved took part")
    return [ev.NoPartDeclared(c.decision, person)]


def reserve(
    votes: VotesState, meeting: MeetingState, c: cmd.EnterReservation, actor: Actor
) -> list[Event]:
    person = target_person(meeting, actor, c.person)
    if c.decision:
        return _reserve_against_acclamation(votes, c, person)
    record = decided_vote(votes, c.vote)
    opened = record.opened
    if opened.secret:
        raise InvalidState("reservation.secret_vote", "nobody's ballot is known in a secret vote")
    if opened.method is not Method.QUESTION:
        raise InvalidState("reservation.not_a_question", "reserve against a decided question")
    if opened.procedure:
        proposals = votes.procedure(opened.procedure).started.proposals
        if opened.round < round_count(proposals):
            raise InvalidState("reservation.not_a_decision", "a round only picks the motförslag")
    ballot = record.ballot_of(person)
    if ballot is None:
        raise NotAllowed("reservation.did_not_vote", "only those who voted may reserve")
    if ballot.choice == Choice.AVSTAR:
        raise NotAllowed("reservation.abstained", "one who abstained cannot reserve")
    assert record.outcome is not None
    if ballot.choice == record.outcome.choice:
        raise NotAllowed("reservation.voted_for", "one who voted for the decision cannot reserve")
    if any(r.person == person for r in record.reservations):
        raise InvalidState("reservation.already_entered", "the reservation is entered")
    return [ev.ReservationEntered(c.vote, person, c.reason)]


def _reserve_against_acclamation(
    votes: VotesState, c: cmd.EnterReservation, person: str
) -> list[Event]:
    """One serving when it was made may say they were against it (no ballot to check)."""
    record = votes.decision(c.decision)
    if person not in record.acclaimed.serving:
        raise NotAllowed("reservation.did_not_take_part", "only those serving may reserve")
    if person in record.no_part:
        raise NotAllowed("reservation.no_part", "one who took no part cannot reserve")
    if any(r.person == person for r in record.reservations):
        raise InvalidState("reservation.already_entered", "the reservation is entered")
    return [ev.ReservationEntered("", person, c.reason, c.decision)]


REASON_LIMIT = 4000  # characters: a written reason, not a document
TEXT_LIMIT = 4000  # a decision's words


def give_reason(
    votes: VotesState, meeting: MeetingState, c: cmd.GiveReservationReason, actor: Actor
) -> list[Event]:
    """The reservation's written reason, until the minutes are verified (see the aggregate)."""
    person = target_person(meeting, actor, c.person)
    record = votes.decision(c.decision) if c.decision else decided_vote(votes, c.vote)
    if not any(r.person == person for r in record.reservations):
        raise InvalidState("reservation.none", "enter the reservation first")
    reason = c.reason.strip()
    if not reason:
        raise DomainError("reservation.reason_required", "write the reason")
    if len(reason) > REASON_LIMIT:
        raise DomainError("reservation.reason_too_long", f"at most {REASON_LIMIT} characters")
    return [ev.ReservationReasonGiven(c.vote, person, reason, c.decision)]


def note(
    votes: VotesState, meeting: MeetingState, c: cmd.EnterMinutesNote, actor: Actor
) -> list[Event]:
    person = target_person(meeting, actor, c.person)
    if c.decision:
        votes.decision(c.decision)
    else:
        closed_vote(votes, c.vote)
    is_member = meeting.roster.by_id[person].kind is PersonKind.MEMBER
    if not meeting.is_present(person) or not (is_member or serving(meeting, person)):
        raise NotAllowed("note.not_a_member_present", "only a member present may add a note")
    if not c.text.strip():
        raise DomainError("note.text_required", "write the note")
    return [ev.MinutesNoteEntered(c.vote, person, c.text, c.decision)]
