"""Propositionsordning and the minority right, as commands and events.

The chair proposes the order of questions and the meeting approves it by
acclamation. An order that breaks the rules of ``ordering`` is refused unless
the chair overrides, and the override is logged. A third of those present can
force återremiss or bordläggning (minority right) without a vote; an
återremiss needs the minority's reason, and the right applies once per
ärende (kommunallagen 5 kap.): when the same ärende, by its diarienummer,
comes back, a second återremiss is recorded but the majority decides.
"""

from __future__ import annotations

from ..base import Actor, Event
from ..errors import DomainError, InvalidState
from ..meeting.state import MeetingState
from . import commands as cmd
from . import events as ev
from .decisions import REASON_LIMIT
from .guards import current_item, require_quorum, supporters_of
from .model import FORMAL_KINDS, ProposalKind
from .ordering import follows_rules
from .state import VotesState
from .thresholds import minority_threshold


def propose(
    votes: VotesState, meeting: MeetingState, c: cmd.ProposeOrder, actor: Actor
) -> list[Event]:
    item = current_item(meeting)
    ids = [p.id for p in c.order]
    if not ids or not all(ids) or len(set(ids)) != len(ids):
        raise DomainError("order.bad_proposals", "name each proposal once")
    if not c.override and not follows_rules(c.order):
        raise DomainError("order.breaks_rules", "formal questions come first and additions last")
    return [ev.OrderProposed(item, c.order, c.override)]


def approve(
    votes: VotesState, meeting: MeetingState, c: cmd.ApproveOrder, actor: Actor
) -> list[Event]:
    item = current_item(meeting)
    order = votes.orders.get(item)
    if order is None:
        raise InvalidState("order.not_proposed", "propose an order first")
    if order.approved:
        raise InvalidState("order.already_approved", "the order is approved")
    require_quorum(meeting)
    return [ev.OrderApproved(item)]


def invoke_minority_right(
    votes: VotesState, meeting: MeetingState, c: cmd.InvokeMinorityRight, actor: Actor
) -> list[Event]:
    item = current_item(meeting)
    if c.kind not in FORMAL_KINDS:
        raise DomainError("minority.not_formal", "the right covers återremiss and bordläggning")
    if not c.motion:
        raise DomainError("minority.motion_required", "name the proposal")
    require_quorum(meeting)
    reason = c.reason.strip()
    if c.kind is ProposalKind.ATERREMISS and not reason:
        raise DomainError("minority.motivation_required", "the minority states its reason")
    if len(reason) > REASON_LIMIT:
        raise DomainError("minority.reason_too_long", f"at most {REASON_LIMIT} characters")
    supporters = supporters_of(meeting, c.supporters)
    present = len(meeting.seated)
    threshold = minority_threshold(present)
    repeat = c.kind is ProposalKind.ATERREMISS and _sent_back_before(votes, meeting, item)
    forced = len(supporters) >= threshold and not repeat
    return [
        ev.MinorityRightInvoked(
            item, c.motion, c.kind, supporters, present, threshold, forced, reason, repeat
        )
    ]


def _sent_back_before(votes: VotesState, meeting: MeetingState, item: str) -> bool:
    """A minority återremiss of the same ärende already: at an earlier meeting, or this one."""
    agenda_item = meeting.item(item)
    if agenda_item is not None and agenda_item.minority_returned:
        return True
    return any(
        m.item == item and m.forced and m.kind is ProposalKind.ATERREMISS for m in votes.minority
    )
