"""What each role sees of the votes, as plain maps ready for msgpack.

- display and public: while a vote is open, how many of how many have voted,
  never a choice; after the close, the result (and, for an open vote, the
  named list and the breakdown per party).
- chair, secretary and auditor: the same, and who has voted in an open vote.
- delegate: the same as the public, and ``my``: their own seat and ballot (a
  secret ballot only as "voted").

Values are never ``None``: a key that does not apply is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import IN_CHAMBER, Role
from .model import Ballot, NamedBallot, Outcome, PartyCount, Tally
from .state import DecisionRecord, Procedure, VoteRecord, VotesState

#: Roles that see who has voted in an open vote while it is open.
SEES_WHO_VOTED = frozenset({Role.CHAIR, Role.SECRETARY, Role.AUDITOR})


def public_view(record: VoteRecord) -> dict[str, Any]:
    """A vote as the display and the public see it: counts only while it is open."""
    opened = record.opened
    view: dict[str, Any] = {
        "id": opened.vote,
        "item": opened.item,
        "method": str(opened.method),
        "secret": opened.secret,
        "question": opened.question,
        "options": list(opened.options),
        "seats": opened.seats,
        "allow_change": opened.allow_change,
        "status": record.status,
        "opened_at": record.opened_at,
        "voted": len(record.voted_seats),
        "entitled": len(record.voters),
    }
    view.update(_present({"ja": opened.ja, "nej": opened.nej, "procedure": opened.procedure}))
    if opened.ballots:
        view["ballots"] = [{"label": b.label, "names": list(b.names)} for b in opened.ballots]
    if opened.round:
        view["round"] = opened.round
    if record.commitment is not None:
        view["lot_commitment"] = record.commitment
    if record.voided is not None:
        view["void_reason"] = record.voided.reason
        if record.closed_at is not None:
            view["closed_at"] = record.closed_at
    closed = record.closed
    if closed is None or record.outcome is None:
        return view
    if record.closed_at is not None:
        view["closed_at"] = record.closed_at
    view["tally"] = _tally(closed.tally)
    view["result"] = _outcome(record.outcome)
    if not opened.secret:
        view["named"] = [_named(line) for line in closed.named]
        view["by_party"] = [_party(p) for p in closed.by_party]
    if record.lots:
        view["lots"] = [
            {
                "seed": lot.seed,
                "head": lot.head,
                "entrants": list(lot.entrants),
                "order": list(lot.order),
            }
            for lot in record.lots
        ]
    if record.decision is not None:
        view["decision"] = record.decision
    if record.reservations:
        view["reservations"] = [
            _present({"person": r.person, "reason": r.reason}) for r in record.reservations
        ]
    if record.notes:
        view["notes"] = [{"person": n.person, "text": n.text} for n in record.notes]
    return view


def chair_view(record: VoteRecord) -> dict[str, Any]:
    """The public view, and who has voted while an open vote is open."""
    view = public_view(record)
    if record.is_open and not record.opened.secret:
        view["has_voted"] = sorted(v.person for v in record.voters if v.seat in record.ballots)
    return view


def delegate_view(record: VoteRecord, person: str) -> dict[str, Any]:
    """The public view, and ``my``: the person's own part in the vote."""
    view = public_view(record)
    view["my"] = my_part(record, person)
    return view


def my_part(record: VoteRecord, person: str) -> dict[str, Any]:
    """Whether ``person`` may vote, on which seat, whether they have, and (if open) how."""
    seat = record.seat_of(person)
    my: dict[str, Any] = {"entitled": seat is not None}
    if seat is not None:
        my["seat"] = seat
        my["voted"] = seat in (record.marked if record.opened.secret else record.ballots)
        ballot = record.ballots.get(seat)
        if ballot is not None:
            my["ballot"] = _ballot(ballot)
    return my


def vote_view(record: VoteRecord, role: Role, person: str | None = None) -> dict[str, Any]:
    """The view of one vote for a role; a person in the chamber also gets ``my``."""
    view = chair_view(record) if role in SEES_WHO_VOTED else public_view(record)
    if role in IN_CHAMBER and person is not None:
        view["my"] = my_part(record, person)
    return view


def votes_view(
    votes: VotesState,
    role: Role,
    person: str | None = None,
    *,
    known: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything of the votes a role sees: votes, kontrapropositions, orders, requests.

    ``known`` holds views of votes that did not change since they were made;
    they are reused as they are, so a closed vote is not rebuilt on every batch.
    """
    known = known or {}
    view: dict[str, Any] = {
        "votes": {
            vid: known[vid] if vid in known else vote_view(r, role, person)
            for vid, r in votes.votes.items()
        },
        "procedures": {pid: _procedure(p) for pid, p in votes.procedures.items()},
        "orders": {
            item: {
                "order": [{"id": p.id, "kind": str(p.kind)} for p in o.order],
                "overridden": o.overridden,
                "approved": o.approved,
            }
            for item, o in votes.orders.items()
        },
        "requests": {
            rid: {
                "item": r.item,
                "seats": r.seats,
                "supporters": list(r.supporters),
                "present": r.present,
                "threshold": r.threshold,
                "granted": r.granted,
            }
            for rid, r in votes.requests.items()
        },
        "secret_requests": {item: list(people) for item, people in votes.secret_requests.items()},
        "decisions": {did: _acclaimed(d) for did, d in votes.decisions.items()},
        "minority": [
            {
                "item": m.item,
                "motion": m.motion,
                "kind": str(m.kind),
                "supporters": list(m.supporters),
                "present": m.present,
                "threshold": m.threshold,
                "forced": m.forced,
                **_present({"reason": m.reason, "repeat": m.repeat or ""}),
            }
            for m in votes.minority
        ],
    }
    if votes.current is not None:
        view["current"] = votes.current
    return view


def _procedure(p: Procedure) -> dict[str, Any]:
    view: dict[str, Any] = {
        "item": p.started.item,
        "proposals": list(p.started.proposals),
        "main": p.started.main,
        "rounds": [
            _present(
                {"round": r.round, "ja": r.ja, "nej": r.nej, "winner": r.winner}
                | {"final": r.final, "vote": r.vote}
            )
            for r in p.rounds
        ],
    }
    current = p.current_round
    if current is None:
        view["adopted"] = p.rounds[-1].winner
        return view
    view["current"] = {
        "round": current.number,
        "ja": current.ja,
        "nej": current.nej,
        "final": current.final,
    }
    if p.demanded_by:
        view["vote_demanded_by"] = list(p.demanded_by)
    if p.vote is not None:
        view["vote"] = p.vote
    return view


def _ballot(ballot: Ballot) -> dict[str, Any]:
    if ballot.blank:
        return {"blank": True}
    return _present({"choice": ballot.choice, "label": ballot.label, "names": list(ballot.names)})


def _named(line: NamedBallot) -> dict[str, Any]:
    view: dict[str, Any] = {"seat": line.seat, "person": line.person, "party": line.party}
    view["voted"] = line.ballot is not None
    if line.ballot is not None:
        view["ballot"] = _ballot(line.ballot)
    return view


def _party(p: PartyCount) -> dict[str, Any]:
    counts = [{"option": c.option, "votes": c.votes} for c in p.counts]
    return {
        "party": p.party,
        "voters": p.voters,
        "voted": p.voted,
        "counts": counts,
        "blank": p.blank,
    }


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "ballots": t.ballots,
        "counts": [{"option": c.option, "votes": c.votes} for c in t.counts],
        "blank": t.blank,
        "groups": [{"label": g.label, "names": list(g.names), "votes": g.votes} for g in t.groups],
    }


def _outcome(o: Outcome) -> dict[str, Any]:
    view: dict[str, Any] = {"status": str(o.status)}
    if o.decided_by is not None:
        view["decided_by"] = str(o.decided_by)
    groups = [
        {"label": g.label, "names": list(g.names), "seats": g.seats, "elected": list(g.elected)}
        for g in o.groups
    ]
    view.update(
        _present(
            {"choice": o.choice, "elected": list(o.elected), "groups": groups, "tied": list(o.tied)}
        )
    )
    if o.unfilled:
        view["unfilled"] = o.unfilled
    return view


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """Only the values that say something: no empty strings or lists."""
    return {k: v for k, v in values.items() if v not in ("", [], None)}


def _acclaimed(record: DecisionRecord) -> dict[str, Any]:
    """A decision by acclamation as everyone sees it: words, proposal, dissent."""
    e = record.acclaimed
    view: dict[str, Any] = {"item": e.item, "text": e.text, "at": record.at}
    view.update(_present({"proposal": e.proposal, "procedure": e.procedure}))
    if record.reservations:
        view["reservations"] = [
            _present({"person": r.person, "reason": r.reason}) for r in record.reservations
        ]
    if record.notes:
        view["notes"] = [{"person": n.person, "text": n.text} for n in record.notes]
    if record.no_part:
        view["no_part"] = list(record.no_part)
    return view
