"""The fields only the server chooses: one table, blanked on the way in and
filled by the hub, so a client's value never reaches the rules."""

from __future__ import annotations

import dataclasses

import speaker_queue
from tests.support.hubs import TEST_SECRET
from voting_server.domain.aggregate import COMMANDS, Meeting
from voting_server.domain.server_chosen import SERVER_CHOSEN, position_ids
from voting_server.domain.votes import commands as vc
from voting_server.hub.host_fields import HostFields
from voting_server.protocol.commands import command_from


def test_every_server_chosen_field_is_a_field_of_a_known_command() -> None:
    for cls, chosen in SERVER_CHOSEN.items():
        assert cls.type in COMMANDS, cls
        names = {f.name for f in dataclasses.fields(cls)}
        assert {f.name for f in chosen} <= names, cls


def test_a_forged_value_is_blanked_before_the_command_is_built() -> None:
    forged = {"type": "vote.close", "vote": "v3", "urn": ["ja", "ja", "ja"]}
    assert command_from(forged) == vc.CloseVote("v3")
    forged_id = {"type": "vote.open", "question": "Bifall?", "vote": "v1"}
    assert command_from(forged_id).vote == ""
    seed = {"type": "lot.draw", "vote": "v3", "seed": "00" * 32, "head": "11" * 32}
    drawn = command_from(seed)
    assert (drawn.seed, drawn.head) == ("", "")


def test_the_hub_names_each_new_thing_after_its_log_position() -> None:
    host = HostFields("m", TEST_SECRET)

    def filled(command: object) -> object:
        return host.fill(command, Meeting(), 42, b"\x00" * 32, lambda vote: ())

    assert filled(vc.OpenVote("Bifall?")).vote == "v42"  # type: ignore[attr-defined]
    proposal = speaker_queue.SubmitProposal("", speaker_queue.ProposalKind.BIFALL)
    assert filled(proposal).id == "y42"  # type: ignore[attr-defined]
    for cls in SERVER_CHOSEN:
        for field in position_ids(cls):
            assert field.blank == "" and field.id_prefix, cls
