"""Yrkanden (proposals made during debate): submit, withdraw, merge.

Only a member who may propose (a seated member or a serving substitute) can
submit. A proposal is withdrawn (återtaget) or merged only with its authors'
agreement: by the sole author, or by the chair who says the authors agree.
"""

from __future__ import annotations

from . import commands as cmd
from . import events as ev
from .chamber import Chamber
from .checks import item_under_debate, may_take_part, override_allowed, person_for
from .errors import DebateError
from .kinds import NEEDS_TEXT, ProposalStatus, RequestKind
from .records import ItemDebate, Proposal
from .state import DebateState


def _active(debate: ItemDebate, proposal: str) -> Proposal:
    found = debate.proposals.get(proposal)
    if found is None:
        raise DebateError("debate.unknown_proposal", f"no proposal {proposal!r} on this item")
    if found.status is not ProposalStatus.ACTIVE:
        raise DebateError("debate.proposal_inactive", f"proposal {proposal!r} is {found.status}")
    return found


def _consent(chamber: Chamber, authors: tuple[str, ...], agreed: bool) -> None:
    if chamber.actor is not None and set(authors) == {chamber.actor}:
        return
    if not chamber.actor_is_chair:
        raise DebateError("debate.not_author", "only the author, or the chair with their consent")
    if not agreed:
        raise DebateError("debate.author_agreement_required", "the authors must agree")


def submit_proposal(
    state: DebateState, c: cmd.SubmitProposal, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    person = person_for(chamber, c.person)
    override_allowed(chamber, c.chair_override)
    may_take_part(chamber, person)
    if not chamber.may_propose(person):
        raise DebateError("debate.may_not_propose", f"{person} may speak but not propose")
    text = c.text.strip()
    if c.kind in NEEDS_TEXT and not text:
        raise DebateError("debate.text_required", f"a proposal of kind {c.kind} needs a text")
    debate = state.item(item)
    speaking = debate.current is not None and debate.current.person == person
    waiting = debate.waiting_for(person, RequestKind.SPEECH)
    if debate.closed and not (speaking or waiting or c.chair_override):
        # After a streck, only those still to speak may add proposals.
        raise DebateError("debate.list_closed", "the list is closed (streck i debatten)")
    events: list[ev.DebateEvent] = [
        ev.ProposalSubmitted(item, state.next_proposal_id(), person, c.kind, text)
    ]
    if state.settings.proposal_queues_author and not (debate.closed or speaking or waiting):
        events.append(ev.FloorRequested(item, state.next_request_id(), person, RequestKind.SPEECH))
    return events


def withdraw_proposal(
    state: DebateState, c: cmd.WithdrawProposal, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    proposal = _active(state.item(item), c.id)
    _consent(chamber, proposal.authors, c.author_agrees)
    return [ev.ProposalWithdrawn(item, proposal.id)]


def merge_proposals(
    state: DebateState, c: cmd.MergeProposals, chamber: Chamber, now: int
) -> list[ev.DebateEvent]:
    item = item_under_debate(chamber)
    debate = state.item(item)
    if len(set(c.sources)) < 2 or len(set(c.sources)) != len(c.sources):
        raise DebateError("debate.merge_needs_two", "name two or more different proposals")
    sources = [_active(debate, source) for source in c.sources]
    kinds = {source.kind for source in sources}
    if len(kinds) != 1:
        raise DebateError("debate.kinds_differ", "only proposals of one kind can be merged")
    text = c.text.strip()
    if not text:
        raise DebateError("debate.text_required", "a merged proposal needs a text")
    authors = tuple(dict.fromkeys(a for source in sources for a in source.authors))
    _consent(chamber, authors, c.authors_agree)
    kind = sources[0].kind
    return [ev.ProposalsMerged(item, state.next_proposal_id(), c.sources, kind, text, authors)]
