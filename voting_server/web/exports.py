"""Downloads for spreadsheets: a meeting's speaking statistics as CSV.

Speaking statistics are public in a council, like the minutes, so the export
needs no login. The figures come from the meeting's live room, so they are
those of every speech finished so far.
"""

from __future__ import annotations

import asyncio
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

import speaker_queue

from ..hub.hub import Hub
from ..hub.room import MeetingNotOpened
from ..store.directory import Directory

_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


async def debate_stats_csv(request: Request) -> Response:
    """``GET /api/meetings/{meeting}/speaking-stats.csv``: one row per scope and key."""
    meeting_id: str = request.path_params["meeting"]
    directory: Directory = request.app.state.directory
    # Ask the database first: a public URL must not load a room for any id typed in.
    if await asyncio.to_thread(directory.meeting, meeting_id) is None:
        return _unknown_meeting()
    hub: Hub = request.app.state.hub
    try:
        room = await hub.room(meeting_id, may_open=False)  # anyone may ask: open nothing
    except LookupError:
        return _unknown_meeting()
    except MeetingNotOpened as err:
        return JSONResponse({"error": err.code, "message": err.message}, 409)
    async with room.lock:  # a consistent state, never one half through a batch
        stats = speaker_queue.meeting_stats(room.meeting.debate)
        text = speaker_queue.to_csv(stats, room.meeting.chamber().name)
    filename = f"talarstatistik-{_UNSAFE_IN_FILENAME.sub('-', meeting_id)}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",  # the figures grow with every speech
        },
    )


def _unknown_meeting() -> Response:
    return JSONResponse({"error": "meeting.unknown", "message": "no such meeting"}, 404)
