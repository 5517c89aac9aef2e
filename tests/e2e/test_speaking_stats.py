"""The speaking statistics as CSV, downloaded from a live hub after a debate."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable

import httpx
from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.client import HubClient

Row = dict[str, str]


def stats_rows(text: str) -> list[Row]:
    return list(csv.DictReader(io.StringIO(text)))


def figures(rows: list[Row], scope: str, item: str, group: str) -> dict[str, tuple[int, int]]:
    """``key -> (speeches, speaking_ms)`` for one group of one scope."""
    return {
        r["key"]: (int(r["speeches"]), int(r["speaking_ms"]))
        for r in rows
        if (r["scope"], r["item"], r["group"]) == (scope, item, group)
    }


async def speech(chair: HubClient, display: HubClient, done: int) -> None:
    """Give the floor to the first waiting, end the speech, and see it counted."""
    await chair.command("debate.give_floor")
    await chair.command("debate.finish_speech")
    await display.wait_for(lambda d: d.view["debate"]["stats"]["meeting"]["speeches"] == done)


async def test_the_csv_adds_up_to_the_speeches_made(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    m2 = await connect_as(hub.url, demo_engine, "m2")  # party S
    m30 = await connect_as(hub.url, demo_engine, "m30")  # party M
    display = await connect_as(hub.url, demo_engine, "display")
    try:
        for client in (chair, m2, m30):
            await client.command("attendance.check_in")
        await chair.command("agenda.start_item", item="1")
        await m2.command("debate.request_floor")
        await speech(chair, display, 1)
        await m30.command("debate.request_floor")
        await chair.command("debate.give_floor")
        await m2.command("debate.request_replik")  # m2 has spoken on the item
        await chair.command("debate.finish_speech")
        await speech(chair, display, 3)  # m2's replik
        await chair.command("agenda.finish_item")
        await chair.command("agenda.start_item", item="2")
        await m30.command("debate.request_floor")
        await speech(chair, display, 4)
        shown = display.view["debate"]["stats"]["meeting"]
        names = {p: display.view["roster"]["people"][p]["name"] for p in ("m2", "m30")}

        async with httpx.AsyncClient(base_url=hub.url) as http:  # no login: public
            answer = await http.get("/api/meetings/demo/speaking-stats.csv")
            unknown = await http.get("/api/meetings/no-such-meeting/speaking-stats.csv")
    finally:
        for client in (chair, m2, m30, display):
            await client.close()

    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in answer.headers["content-disposition"]
    assert 'filename="talarstatistik-demo.csv"' in answer.headers["content-disposition"]
    assert unknown.status_code == 404
    assert unknown.json()["error"] == "meeting.unknown"

    rows = stats_rows(answer.text)
    meeting = figures(rows, "meeting", "", "total")[""]
    assert meeting == (4, shown["ms"])
    assert shown["speeches"] == 4

    # Who spoke how often, on each item and in all.
    assert {k: n for k, (n, _) in figures(rows, "meeting", "", "person").items()} == {
        "m2": 2,
        "m30": 2,
    }
    assert {k: n for k, (n, _) in figures(rows, "meeting", "", "party").items()} == {
        "M": 2,
        "S": 2,
    }
    assert {k: n for k, (n, _) in figures(rows, "meeting", "", "kind").items()} == {
        "replik": 1,
        "speech": 3,
    }
    assert figures(rows, "item", "1", "total")[""][0] == 3
    assert figures(rows, "item", "2", "total")[""][0] == 1
    assert {r["key"]: r["name"] for r in rows if r["group"] == "person"} == names

    # Every group adds up to its scope's total, and the items to the meeting.
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        scope = (row["scope"], row["item"])
        count, ms = int(row["speeches"]), int(row["speaking_ms"])
        if row["group"] == "total":
            totals[scope] = (count, ms)
        else:
            sums[(*scope, row["group"])][0] += count
            sums[(*scope, row["group"])][1] += ms
    assert set(totals) == {("item", "1"), ("item", "2"), ("meeting", "")}
    for (scope, item, group), (count, ms) in sums.items():
        assert (count, ms) == totals[(scope, item)], (scope, item, group)
    assert {group for (_, _, group) in sums} == {"person", "party", "gender", "kind"}
    item_total = [sum(totals[("item", i)][k] for i in ("1", "2")) for k in (0, 1)]
    assert tuple(item_total) == totals[("meeting", "")]
