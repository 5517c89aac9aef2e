"""A command is only what its sender chose: ids come from the state, and the
seeds, the log head and the urn from the context the hub gives the rules."""

from __future__ import annotations

import dataclasses

import pytest

import speaker_queue
from tests.domain.meeting_fixtures import CHAIR, arrived
from tests.support.hubs import TEST_SECRET
from voting_server.domain.aggregate import COMMANDS, decide
from voting_server.domain.base import Actor, Role
from voting_server.domain.context import Context
from voting_server.domain.errors import DomainError, ProtocolError
from voting_server.hub.lot_seeds import LotSeeds
from voting_server.protocol.commands import command_from

#: What only the server may choose, by any name a client might try.
SERVER_CHOSEN = {"urn", "seed", "head", "commitment"}
NEW_IDS = {
    "vote.open": "vote",
    "kontra.start": "procedure",
    "election.request_proportional": "request",
    "decision.acclaim": "decision",
    "debate.submit_proposal": "id",
    "debate.merge_proposals": "id",
}


def test_no_command_has_a_field_for_what_the_server_chooses() -> None:
    for tag in COMMANDS.tags():
        names = {f.name for f in dataclasses.fields(COMMANDS.cls(tag))}
        assert not names & SERVER_CHOSEN, tag
        if tag in NEW_IDS:
            assert NEW_IDS[tag] not in names, tag


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "vote.close", "vote": "v3", "urn": ["ja", "ja", "ja"]},
        {"type": "vote.open", "question": "Bifall?", "vote": "v1"},
        {"type": "lot.draw", "vote": "v3", "seed": "00" * 32, "head": "11" * 32},
        {"type": "lot.commit_seed", "vote": "v3", "commitment": "00" * 32},
        {"type": "debate.submit_proposal", "kind": "bifall", "id": "y1"},
    ],
)
def test_a_frame_that_sets_a_server_value_is_refused_by_name(frame: dict[str, object]) -> None:
    with pytest.raises(ProtocolError) as caught:
        command_from(dict(frame))
    assert caught.value.code == "frame.unknown_field"


def test_lottery_seeds_are_the_installations_own_and_differ_per_draw() -> None:
    seeds = LotSeeds("m", TEST_SECRET)
    assert seeds("v1", 0) == LotSeeds("m", TEST_SECRET)("v1", 0)  # any process, any restart
    assert len({seeds("v1", 0), seeds("v1", 1), seeds("v2", 0)}) == 3
    assert seeds("v1", 0) != LotSeeds("m", TEST_SECRET + "x")("v1", 0)
    assert seeds("v1", 0) != LotSeeds("other", TEST_SECRET)("v1", 0)


def test_a_context_without_seeds_refuses_a_lottery() -> None:
    with pytest.raises(DomainError) as caught:
        Context(0).lot_seed("v1", 0)
    assert caught.value.code == "lot.no_seed"


def test_a_proposal_is_numbered_from_the_meeting_not_the_sender() -> None:
    meeting = arrived("m1", "m2", "m3", item="2")
    proposal = speaker_queue.SubmitProposal(speaker_queue.ProposalKind.BIFALL)
    first = decide(meeting, proposal, Actor(Role.DELEGATE, "m2"), Context(1)).events
    second = decide(meeting, proposal, CHAIR, Context(2)).events
    ids = [e.id for e in (*first, *second) if isinstance(e, speaker_queue.ProposalSubmitted)]
    assert ids == ["y1", "y2"]
