"""Fields of a command that the hub fills in, never the client.

Ids are named after the log position the command's first event will take, so
they are unique, need no counter and come out the same on every process.
Lottery seeds are derived from the installation's secret (HMAC), so that a
seed committed before a draw can be revealed at the draw, even by another
process or after a restart, and nobody reading the database can learn it early.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections.abc import Callable
from typing import Any

import speaker_queue

from ..domain.aggregate import Meeting
from ..domain.votes import commands as vc
from ..domain.votes.lottery import commitment_of

#: Per wire tag, the fields only the hub sets, with the blank a frame is given.
HOST_FILLED: dict[str, dict[str, Any]] = {
    "vote.open": {"vote": ""},
    "vote.close": {"urn": []},
    "lot.commit_seed": {"commitment": ""},
    "lot.draw": {"seed": "", "head": ""},
    "kontra.start": {"procedure": ""},
    "election.request_proportional": {"request": ""},
    "decision.acclaim": {"decision": ""},
    "kontra.settle_round": {"decision": ""},
    "debate.submit_proposal": {"id": ""},
    "debate.merge_proposals": {"id": ""},
}


def blank_host_fields(frame: dict[str, Any]) -> None:
    """Overwrite whatever a client put in the hub's fields (e.g. a forged urn)."""
    frame.update(HOST_FILLED.get(frame["type"], {}))


class HostFields:
    def __init__(self, meeting_id: str, secret: str) -> None:
        self.meeting_id = meeting_id
        self._key = hashlib.sha256(f"ordet-lot-seeds:{secret}".encode()).digest()

    def fill(
        self,
        command: Any,
        meeting: Meeting,
        next_seq: int,
        head: bytes,
        urn: Callable[[str], tuple[str, ...]],
    ) -> Any:
        """The command with its host fields set; client values are overwritten."""
        match command:
            case vc.OpenVote():
                return dataclasses.replace(command, vote=f"v{next_seq}")
            case vc.StartKontraproposition():
                return dataclasses.replace(command, procedure=f"k{next_seq}")
            case vc.RequestProportionalElection():
                return dataclasses.replace(command, request=f"r{next_seq}")
            case vc.AcclaimDecision() | vc.SettleRound():
                return dataclasses.replace(command, decision=f"d{next_seq}")
            case speaker_queue.SubmitProposal() | speaker_queue.MergeProposals():
                return dataclasses.replace(command, id=f"y{next_seq}")
            case vc.CommitLotSeed():
                seed = self.lot_seed(meeting, command.vote)
                return dataclasses.replace(command, commitment=commitment_of(seed))
            case vc.DrawLot():
                seed = self.lot_seed(meeting, command.vote)
                return dataclasses.replace(command, seed=seed, head=head.hex())
            case vc.CloseVote():
                return dataclasses.replace(command, urn=urn(command.vote))
        return command

    def lot_seed(self, meeting: Meeting, vote: str) -> str:
        record = meeting.votes.votes.get(vote)
        draws = len(record.lots) if record is not None else 0
        message = f"{self.meeting_id}:{vote}:{draws}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()
