"""A delegate who floods: texts have a limit, a connection has a rate, and what is
held back is said plainly and never reaches the permanent log."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import msgpack
from sqlalchemy.engine import Engine

from tests.support.actors import item_under_debate
from tests.support.hubs import HubProcess
from voting_server.protocol.frames import MAX_TEXT
from voting_server.protocol.rate import BURST
from voting_server.store.archive import Archive


async def test_a_yrkande_too_long_for_the_log_is_refused(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with item_under_debate(hub.url, demo_engine) as (_, member):
        head = Archive(demo_engine).head("demo")
        long = {"type": "debate.submit_proposal", "kind": "andring", "text": "x" * (MAX_TEXT + 1)}
        answer = await member.send(long)
        assert answer["type"] == "error" and answer["code"] == "frame.text_too_long"
        assert Archive(demo_engine).head("demo") == head
        fits = {**long, "text": "Anslaget höjs. " * (MAX_TEXT // 16)}
        assert (await member.send(fits))["type"] == "ack"


async def test_a_flood_of_commands_is_held_to_the_rate_and_told_so(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    async with item_under_debate(hub.url, demo_engine) as (chair, member):
        head = Archive(demo_engine).head("demo")
        flood = 3 * BURST
        frames = [
            {
                "type": "debate.submit_proposal",
                "kind": "andring",
                "text": f"Yrkande {i}",
                "rid": f"f{i}",
            }
            for i in range(flood)
        ]
        waiting = [asyncio.get_running_loop().create_future() for _ in frames]
        member._waiting.update({f["rid"]: w for f, w in zip(frames, waiting, strict=True)})
        for frame in frames:  # all at once, without waiting for answers
            await member._ws.send(msgpack.packb(frame))
        answers = await asyncio.wait_for(asyncio.gather(*waiting), 30)
        held = [a for a in answers if a.get("code") == "rate.limited"]
        accepted = [a for a in answers if a["type"] == "ack"]
        assert len(held) >= flood - 2 * BURST and len(accepted) + len(held) == flood
        assert all(a["retry_after"] > 0 and "wait" in a["message"] for a in held)
        # Only what was accepted reached the log; the chair's console still works.
        written = Archive(demo_engine).read("demo", head)
        submitted = [e for e in written if b"debate.proposal_submitted" in e.data]
        assert len(submitted) == len(accepted)
        assert await chair.command("debate.close_list", keep_waiting=True) > 0
