"""A handling filed in the portal while its meeting is open goes into the meeting's
log first (``Portal.file_in_log``): the minutes then show it, with the time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from ..domain.base import Actor, Role
from ..domain.errors import OrdetError
from ..domain.meeting.commands import FileDocument
from ..hub.hub import Hub
from ..hub.room import MeetingNotOpened
from ..portal.errors import PortalError


def file_in_log(hub: Hub) -> Callable[[str, FileDocument, str], Awaitable[None]]:
    async def file(meeting: str, command: FileDocument, person: str) -> None:
        try:
            room = await hub.room(meeting, may_open=False)  # filing never opens a meeting
        except MeetingNotOpened:
            return  # not opened yet: the opening lists every handling (DocumentsFiled)
        try:
            await room.submit(command, Actor(Role.SECRETARY, person), None)
        except OrdetError as err:
            status = 403 if err.code.startswith("auth.") else 409
            raise PortalError(err.code, err.message, status) from None

    return file
