"""The hub fills in the fields of a command that only the server chooses
(``domain/server_chosen.py`` lists them).

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

from ..domain.aggregate import Meeting
from ..domain.server_chosen import position_ids
from ..domain.votes import commands as vc
from ..domain.votes.lottery import commitment_of


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
        ids = {f.name: f"{f.id_prefix}{next_seq}" for f in position_ids(type(command))}
        if ids:
            return dataclasses.replace(command, **ids)
        match command:
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
