"""Opening a vote with its roster fixed, and requests for a proportional election.

The roster of a vote is every seat filled when it opens, by a member or a
serving substitute, less anyone with jäv (conflict of interest) on the item;
jäv does not apply to elections. A vote needs quorum (beslutsförhet) to open.
"""

from __future__ import annotations

from ..base import Actor, Event
from ..errors import DomainError, InvalidState, NotAllowed
from ..meeting.rules import target_person
from ..meeting.state import MeetingState
from . import commands as cmd
from . import events as ev
from .guards import current_item, require_quorum, serving, supporters_of
from .kontraproposition import Round
from .model import QUESTION_OPTIONS, Method, Valsedel, Voter
from .rules_kontra import current_round
from .state import Procedure, VotesState
from .thresholds import proportional_threshold


def voters_of(meeting: MeetingState, method: Method) -> tuple[Voter, ...]:
    """Who may vote, seat by seat, if a vote of ``method`` opened now.

    In a question, a person with jäv on the item does not vote; a substitute
    serves for them. Jäv does not apply to elections: a present member whose
    seat a substitute holds only because of jäv votes in the election
    themselves.
    """
    if method is Method.QUESTION:
        return tuple(
            Voter(seat, person, meeting.roster.by_id[person].party)
            for seat, person in sorted(meeting.seated.items())
            if not meeting.has_jav(person)
        )
    voters = []
    for seat in meeting.roster.seats:
        owner = meeting.roster.seat_owner[seat]
        person = meeting.seated.get(seat)
        if meeting.is_present(owner) and meeting.has_jav(owner):
            person = owner
        if person is not None:
            voters.append(Voter(seat, person, meeting.roster.by_id[person].party))
    return tuple(voters)


def open_vote(
    votes: VotesState, meeting: MeetingState, c: cmd.OpenVote, actor: Actor
) -> list[Event]:
    if votes.current is not None:
        raise InvalidState("vote.another_open", f"close vote {votes.current!r} first")
    item = current_item(meeting)
    require_quorum(meeting)
    if c.secret and c.method is Method.QUESTION:
        raise DomainError("vote.secret_not_election", "only an election may be secret")
    if c.method is not Method.QUESTION and not c.secret and votes.secret_requests.get(item):
        raise InvalidState("vote.secret_requested", "a member asked for closed ballots")
    options = _options(c)
    if c.seats < 1 or (c.method is Method.QUESTION and c.seats != 1):
        raise DomainError("vote.bad_seats", "a question fills no seats; an election at least one")
    if c.method is Method.PROPORTIONAL:
        _check_request(votes, c, item)
        _check_valsedlar(c.ballots)
    elif c.request or c.ballots:
        raise DomainError("vote.request_not_expected", "only a proportional election has them")
    elif c.method is Method.MAJORITY and _proportional_granted(votes, item, c.seats):
        raise InvalidState(
            "vote.proportional_requested", "a granted request makes this election proportional"
        )
    ja, nej, round_number = c.ja, c.nej, 0
    if c.procedure:
        current = _round_for(votes.procedure(c.procedure), c, item)
        ja, nej, round_number = current.ja, current.nej, current.number
    return [
        ev.VoteOpened(
            vote=votes.next_vote_id(),
            item=item,
            method=c.method,
            secret=c.secret,
            question=c.question,
            options=options,
            seats=c.seats,
            allow_change=c.allow_change and not c.secret,  # an urn entry cannot be taken back
            voters=voters_of(meeting, c.method),
            ja=ja,
            nej=nej,
            procedure=c.procedure,
            round=round_number,
            request=c.request,
            ballots=c.ballots,
        )
    ]


def _options(c: cmd.OpenVote) -> tuple[str, ...]:
    if c.method is Method.QUESTION:
        if c.options not in ((), QUESTION_OPTIONS):
            raise DomainError("vote.bad_options", "a question is answered Ja, Nej or Avstår")
        return QUESTION_OPTIONS
    if c.method is Method.PROPORTIONAL:
        if c.options:
            raise DomainError("vote.bad_options", "proportional ballots carry their own lists")
        if not c.secret:
            raise DomainError("vote.proportional_secret", "proportional ballots are closed")
        return ()
    if not c.options or len(set(c.options)) != len(c.options) or not all(c.options):
        raise DomainError("vote.bad_options", "name each candidate once")
    return c.options


def _check_request(votes: VotesState, c: cmd.OpenVote, item: str) -> None:
    request = votes.requests.get(c.request)
    usable = (
        request is not None
        and request.granted
        and request.item == item
        and request.seats == c.seats
        and not votes.request_used(c.request)
    )
    if not usable:
        raise InvalidState(
            "vote.proportional_not_requested", "name a granted request for this item and seats"
        )


def _proportional_granted(votes: VotesState, item: str, seats: int) -> bool:
    """A granted request for these seats of the item that no election has used yet binds."""
    return any(
        r.granted and r.item == item and r.seats == seats and not votes.request_used(rid)
        for rid, r in votes.requests.items()
    )


def _check_valsedlar(ballots: tuple[Valsedel, ...]) -> None:
    """Each registered valsedel: a group label and a list of names, none of them twice."""
    labels = [b.label for b in ballots]
    if len(set(labels)) != len(labels):
        raise DomainError("vote.duplicate_valsedel", "each group label once")
    for b in ballots:
        if not b.label.strip() or not b.names or not all(n.strip() for n in b.names):
            raise DomainError("vote.bad_valsedel", "a valsedel has a label and a list of names")
        if len(set(b.names)) != len(b.names):
            raise DomainError("vote.bad_valsedel", f"{b.label}: a name stands once on the list")


def _round_for(procedure: Procedure, c: cmd.OpenVote, item: str) -> Round:
    current = current_round(procedure, item)
    if procedure.vote is not None:
        raise InvalidState("kontra.vote_pending", "this round already has a vote")
    if c.method is not Method.QUESTION or c.secret:
        raise DomainError("kontra.open_question_only", "a round is an open Ja/Nej vote")
    if c.ja not in ("", current.ja) or c.nej not in ("", current.nej):
        raise DomainError("kontra.wrong_round", f"this round is {current.ja} against {current.nej}")
    return current


def request_secret(
    votes: VotesState, meeting: MeetingState, c: cmd.RequestSecretElection, actor: Actor
) -> list[Event]:
    """Sluten omröstning at a member's request: binding for every election on the item."""
    person = target_person(meeting, actor, c.person)
    item = current_item(meeting)
    if not serving(meeting, person):
        raise NotAllowed("election.not_serving", "only a member serving may ask")
    if person in votes.secret_requests.get(item, ()):
        raise InvalidState("election.secret_already_requested", "you have asked already")
    current = votes.votes.get(votes.current or "")
    if current is not None and current.opened.item == item and not current.opened.secret:
        raise InvalidState("election.open_ballots_started", "the election is already open")
    return [ev.SecretElectionRequested(item, person)]


def request_proportional(
    votes: VotesState, meeting: MeetingState, c: cmd.RequestProportionalElection, actor: Actor
) -> list[Event]:
    item = current_item(meeting)
    if c.seats < 2:
        raise DomainError("election.bad_seats", "a proportional election fills two seats or more")
    supporters = supporters_of(meeting, c.supporters)
    present = len(meeting.seated)
    threshold = proportional_threshold(present, c.seats)
    granted = len(supporters) >= threshold
    return [
        ev.ProportionalElectionRequested(
            votes.next_request_id(), item, c.seats, supporters, present, threshold, granted
        )
    ]
