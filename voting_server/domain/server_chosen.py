"""The fields of commands that only the server chooses, in one table.

A client never sets them: whatever it sends there is replaced with the
blank before the command is built (``protocol/commands.py``), and the hub
fills them in just before the rules decide (``hub/host_fields.py``). Ids are
named after the log position the command's first event will take, so they
are unique without a counter and the same on every hub process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import speaker_queue

from .votes import commands as vc


@dataclass(frozen=True)
class ServerField:
    name: str
    blank: Any  # in wire form: what a client's value is replaced with
    id_prefix: str = ""  # an id named after the log position, with this prefix


SERVER_CHOSEN: dict[type[Any], tuple[ServerField, ...]] = {
    vc.OpenVote: (ServerField("vote", "", "v"),),
    vc.StartKontraproposition: (ServerField("procedure", "", "k"),),
    vc.RequestProportionalElection: (ServerField("request", "", "r"),),
    vc.AcclaimDecision: (ServerField("decision", "", "d"),),
    vc.SettleRound: (ServerField("decision", "", "d"),),
    speaker_queue.SubmitProposal: (ServerField("id", "", "y"),),
    speaker_queue.MergeProposals: (ServerField("id", "", "y"),),
    # A secret vote's urn, the lottery's commitment, its seed and the log head it mixes in.
    vc.CloseVote: (ServerField("urn", []),),
    vc.CommitLotSeed: (ServerField("commitment", ""),),
    vc.DrawLot: (ServerField("seed", ""), ServerField("head", "")),
}
#: By wire tag, for frames not yet built into commands.
SERVER_CHOSEN_BY_TAG: dict[str, tuple[ServerField, ...]] = {
    cls.type: fields for cls, fields in SERVER_CHOSEN.items()
}


def position_ids(command_type: type[Any]) -> tuple[ServerField, ...]:
    """The fields of a command that are ids named after the log position."""
    return tuple(f for f in SERVER_CHOSEN.get(command_type, ()) if f.id_prefix)
