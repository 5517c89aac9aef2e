"""What screens show of the debate: plain maps, ready for msgpack.

Times are the server's epoch milliseconds. A client draws the countdown as
``limit_ms - (elapsed_ms + (its_now - running_since))`` while the clock runs;
give ``now`` to have the view work out the elapsed time and the flags itself.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .chamber import Chamber
from .records import ItemDebate, Proposal, Request, Speech
from .state import DebateState
from .stats import SpeakingStats, meeting_stats


def debate_view(state: DebateState, chamber: Chamber, now: int | None = None) -> dict[str, Any]:
    item = chamber.current_item
    debate = state.item(item) if item is not None else ItemDebate()
    stats = meeting_stats(state)
    item_stats = stats.items.get(item) if item is not None else None
    return {
        "item": item,
        "current": _current(debate.current, chamber, now),
        "waiting": [_waiting(r, chamber) for r in debate.waiting],
        "closed": debate.closed,
        "replik_allowed": not debate.closed or debate.replik_after_close,
        "replik": _round(debate, chamber),
        "proposals": [_proposal(p, chamber) for p in debate.proposals.values()],
        "settings": dataclasses.asdict(state.settings),
        "stats": {
            "item": _summary(item_stats or SpeakingStats()),
            "meeting": _summary(stats.meeting),
        },
    }


def _person(person: str, chamber: Chamber) -> dict[str, Any]:
    return {"person": person, "name": chamber.name(person), "party": chamber.party(person)}


def _current(speech: Speech | None, chamber: Chamber, now: int | None) -> dict[str, Any] | None:
    if speech is None:
        return None
    elapsed = speech.elapsed_at(now) if now is not None else None
    limited = speech.limit_ms > 0 and elapsed is not None
    return {
        **_person(speech.person, chamber),
        "request": speech.request,
        "kind": str(speech.kind),
        "first_speech": speech.first_speech,
        "started_at": speech.started_at,
        "elapsed_ms": speech.elapsed_ms,  # at the last pause
        "running_since": speech.running_since,
        "paused": speech.running_since is None,
        "limit_ms": speech.limit_ms,
        "warn_at_ms": speech.warn_at_ms,
        "elapsed_now_ms": elapsed,
        # Only shown: the clock never ends a speech.
        "warning": limited and elapsed is not None and elapsed >= speech.warn_at_ms,
        "over_time": limited and elapsed is not None and elapsed > speech.limit_ms,
    }


def _waiting(request: Request, chamber: Chamber) -> dict[str, Any]:
    return {
        **_person(request.person, chamber),
        "request": request.id,
        "kind": str(request.kind),
        "present": chamber.is_present(request.person),
    }


def _round(debate: ItemDebate, chamber: Chamber) -> dict[str, Any] | None:
    round_ = debate.round
    if round_ is None:
        return None
    return {
        **_person(round_.speaker, chamber),
        "speech": round_.speech,
        "count": len(round_.repliers),
        "limit": round_.limit,
    }


def _proposal(proposal: Proposal, chamber: Chamber) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "kind": str(proposal.kind),
        "text": proposal.text,
        "authors": [_person(a, chamber) for a in proposal.authors],
        "status": str(proposal.status),
        "merged_into": proposal.merged_into,
    }


def _summary(stats: SpeakingStats) -> dict[str, Any]:
    def rows(tallies: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"key": k, "speeches": t.speeches, "ms": t.ms} for k, t in tallies.items()]

    return {
        "speeches": stats.total.speeches,
        "ms": stats.total.ms,
        "by_party": rows(stats.by_party),
        "by_gender": rows(stats.by_gender),
        "by_person": rows(stats.by_person),
    }
