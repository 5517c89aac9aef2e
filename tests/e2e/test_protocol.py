"""The protocol over a real uvicorn: resume, fan-out across processes, bad input."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import msgpack
import pytest
import websockets
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as, ticket_for
from tests.support.hubs import TEST_SECRET, HubProcess
from voting_server.auth.tickets import Ticket, TicketSigner
from voting_server.client import CommandRefused, HubClient
from voting_server.domain.base import Role
from voting_server.log.chain import verify
from voting_server.store.archive import Archive


async def test_a_client_resumes_after_a_drop_with_exactly_what_it_missed(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    display = await connect_as(hub.url, demo_engine, "display")
    member = await connect_as(hub.url, demo_engine, "m2")
    await member.command("attendance.check_in")
    await display.wait_for(lambda c: c.view["attendance"]["filled"] == 1)
    await display.drop()
    others = [await connect_as(hub.url, demo_engine, f"m{i}") for i in range(3, 9)]
    for other in others:
        await other.command("attendance.check_in")
    await display.resume(ticket=await ticket_for(hub.url, demo_engine, "display"))
    await display.wait_for(lambda c: c.view["attendance"]["filled"] == 7)
    assert display.snapshots == 1, "resumed with patches, not a fresh snapshot"
    assert display.gaps == 0
    fresh = await connect_as(hub.url, demo_engine, "display")
    assert fresh.view == display.view
    for client in (display, member, fresh, *others):
        await client.close()


async def test_a_command_on_one_process_reaches_a_client_of_another(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    first, second = start_hub(), start_hub()
    display = await connect_as(second.url, demo_engine, "display")
    member = await connect_as(first.url, demo_engine, "m4")
    await member.command("attendance.check_in")
    await display.wait_for(lambda c: c.view["attendance"]["presence"].get("m4") == "present")
    await display.close()
    await member.close()


async def test_two_processes_appending_to_one_meeting_lose_and_duplicate_nothing(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hubs = [start_hub(), start_hub()]
    members = [await connect_as(hubs[i % 2].url, demo_engine, f"m{i}") for i in range(1, 72)]
    seqs = await asyncio.gather(*(m.command("attendance.check_in") for m in members))
    assert len(set(seqs)) == 71
    displays = [await connect_as(h.url, demo_engine, "display") for h in hubs]
    for display in displays:
        await display.wait_for(lambda c: c.view["attendance"]["filled"] == 71)
    entries = Archive(demo_engine).read("demo")
    verify(entries)
    check_ins = [e for e in entries if b"attendance.checked_in" in e.data]
    assert len(check_ins) == 71
    for client in (*members, *displays):
        await client.close()


async def test_a_retried_request_is_answered_with_its_original_result(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    member = await connect_as(hub.url, demo_engine, "m9")
    first = await member.send({"type": "attendance.check_in", "rid": "same"})
    again = await member.send({"type": "attendance.check_in", "rid": "same"})
    assert first["type"] == again["type"] == "ack"
    assert first["seq"] == again["seq"]
    await member.close()


async def _head(display: HubClient) -> int:
    await display.send({"type": "ping"})
    return display.seq


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\xc1\x00garbage", "frame.malformed"),
        (msgpack.packb([1, 2, 3]), "frame.not_a_map"),
        (msgpack.packb({"rid": 1}), "frame.missing_type"),
        (msgpack.packb({"type": "no.such_thing", "rid": 1}), "frame.unknown_type"),
        (msgpack.packb({"type": "agenda.start_item", "rid": 1, "item": 5}), "frame.bad_field"),
        (
            msgpack.packb({"type": "x", "a": {"b": {"c": {"d": {"e": {"f": {}}}}}}}),
            "frame.too_deep",
        ),
        (msgpack.packb({"type": "attendance.check_in", "pad": "x" * 20_000}), "frame.too_large"),
        (msgpack.packb({"type": "rollcall.open", "rid": 1}), "auth.forbidden"),
        ("a text frame", "frame.not_binary"),
    ],
)
async def test_bad_frames_get_a_clear_error_and_change_nothing(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, raw: bytes | str, code: str
) -> None:
    hub = start_hub()
    member = await connect_as(hub.url, demo_engine, "m3")
    head = Archive(demo_engine).head("demo")
    member.frames.clear()
    await member._ws.send(raw)
    await member.wait_for(lambda c: any(f["type"] == "error" for f in c.frames))
    error = next(f for f in member.frames if f["type"] == "error")
    assert error["code"] == code
    # The connection still works, and the log did not move.
    await member.send({"type": "ping"})
    assert Archive(demo_engine).head("demo") == head
    await member.close()


async def test_a_foreign_origin_is_refused_at_the_handshake(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    ticket = await ticket_for(hub.url, demo_engine, "m2")
    client = HubClient(hub.url, ticket, origin="https://evil.example")
    with pytest.raises(websockets.InvalidStatus) as info:
        await client.connect()
    assert info.value.response.status_code == 403
    assert b"auth.origin_not_allowed" in info.value.response.body
    same_site = HubClient(hub.url, ticket, origin=hub.url)
    await same_site.connect()
    await same_site.close()


async def test_a_forged_or_missing_ticket_is_refused(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    for ticket in ("", "forged.ticket.value"):
        with pytest.raises(websockets.InvalidStatus) as info:
            await HubClient(hub.url, ticket).connect()
        assert info.value.response.status_code == 401


async def test_a_display_may_send_no_commands(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    display = await connect_as(hub.url, demo_engine, "display")
    with pytest.raises(CommandRefused) as info:
        await display.command("attendance.check_in", person="m2")
    assert info.value.code == "auth.forbidden"
    await display.close()


async def test_a_tampered_log_is_refused_with_a_clear_error(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    first = start_hub()
    member = await connect_as(first.url, demo_engine, "m6")
    await member.command("attendance.check_in")
    await member.close()
    first.stop()
    with demo_engine.begin() as conn:
        conn.execute(
            text("UPDATE log_entry SET data = :data WHERE meeting_id = 'demo' AND seq = 2"),
            {
                "data": msgpack.packb(
                    {"at": 0, "event": {"type": "attendance.checked_in", "person": "m7"}}
                )
            },
        )
    second = start_hub()
    # Asking for a ticket says so, and so does the socket for a ticket from before.
    with pytest.raises(PermissionError, match=r"log\.broken"):
        await ticket_for(second.url, demo_engine, "display")
    earlier = TicketSigner(TEST_SECRET).mint(Ticket("", "public", Role.PUBLIC, None, "demo"))
    with pytest.raises(websockets.InvalidStatus) as info:
        await HubClient(second.url, earlier).connect()
    assert info.value.response.status_code == 503
    assert b"log.broken" in info.value.response.body
    assert b"entry 2" in info.value.response.body
