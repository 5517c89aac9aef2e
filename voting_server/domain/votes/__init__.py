"""Votes and decisions: open and secret votes, elections, lots and the order of questions.

Pure rules in the style of ``voting_server.domain.meeting``: ``decide`` turns
a command into events, ``VotesState.apply`` folds them, ``execute`` does both.
"""

from __future__ import annotations

from .commands import VOTE_COMMANDS
from .dhondt import Allocation, dhondt, first_in
from .events import VOTE_EVENTS
from .kontraproposition import Round, next_round
from .lottery import commitment_of, draw_order
from .ordering import follows_rules, propose_order
from .rules import after_jav, decide, execute
from .rules_secret import urn_deposit, urn_size
from .state import VotesState
from .thresholds import minority_threshold, proportional_threshold

__all__ = [
    "VOTE_COMMANDS",
    "VOTE_EVENTS",
    "Allocation",
    "Round",
    "VotesState",
    "after_jav",
    "commitment_of",
    "decide",
    "dhondt",
    "draw_order",
    "execute",
    "first_in",
    "follows_rules",
    "minority_threshold",
    "next_round",
    "proportional_threshold",
    "propose_order",
    "urn_deposit",
    "urn_size",
]
