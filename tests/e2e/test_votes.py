"""Votes through the hub, with real WebSocket clients: 71 members, the chair, a display."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy.engine import Engine

from tests.support.actors import connect_as
from tests.support.hubs import HubProcess
from voting_server.audit.checkpoint import signature_holds
from voting_server.audit.export import build, parse
from voting_server.audit.verify import verify_export
from voting_server.client import HubClient
from voting_server.domain.aggregate import EVENTS
from voting_server.domain.checkpoints import CheckpointSigned
from voting_server.domain.votes.events import LotDrawn, SecretBallotCast, VoteClosed
from voting_server.domain.votes.lottery import commitment_of, draw_order
from voting_server.log.chain import decode_envelope, verify
from voting_server.store.archive import Archive


async def chamber(hub: HubProcess, engine: Engine) -> tuple[HubClient, list[HubClient], HubClient]:
    """The chair (m1), members m2..m71, all checked in, item 3 under way, and a display."""
    chair = await connect_as(hub.url, engine, "m1", role="chair")
    members = list(
        await asyncio.gather(*(connect_as(hub.url, engine, f"m{i}") for i in range(2, 72)))
    )
    await asyncio.gather(*(c.command("attendance.check_in") for c in [chair, *members]))
    await chair.command("agenda.start_item", item="3")
    display = await connect_as(hub.url, engine, "display")
    return chair, members, display


def of(client: HubClient, vote: str) -> dict:  # type: ignore[type-arg]
    return client.view["votes"]["votes"][vote]


def log_events(engine: Engine) -> list[object]:
    entries = Archive(engine).read("demo")
    verify(entries)
    return [decode_envelope(e.data, EVENTS).event for e in entries]


async def close_all(*clients: HubClient) -> None:
    for client in clients:
        await client.close()


async def test_71_members_vote_by_name_and_the_display_shows_progress_then_the_result(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair, members, display = await chamber(hub, demo_engine)
    await chair.command("vote.open", question="Bifall till förslaget?")
    await display.wait_for(lambda d: "current_vote" in d.view)
    vote = display.view["current_vote"]
    assert of(display, vote)["entitled"] == 71

    choices = ["ja"] * 40 + ["nej"] * 25 + ["avstar"] * 5
    await asyncio.gather(
        *(
            m.command("vote.cast", vote=vote, choice=c)
            for m, c in zip(members, choices, strict=True)
        )
    )
    await display.wait_for(lambda d: of(d, vote)["voted"] == 70)
    assert "named" not in of(display, vote) and "tally" not in of(display, vote)
    await chair.command("vote.cast", vote=vote, choice="ja")
    await chair.command("vote.close", vote=vote)
    await display.wait_for(lambda d: of(d, vote)["status"] == "closed")

    result = of(display, vote)
    counts = {c["option"]: c["votes"] for c in result["tally"]["counts"]}
    assert counts == {"ja": 41, "nej": 25, "avstar": 5}
    assert result["result"]["choice"] == "ja"
    assert len(result["named"]) == 71
    assert sum(c["votes"] for p in result["by_party"] for c in p["counts"]) == 71
    assert sum(p["voters"] for p in result["by_party"]) == 71
    # A ballot after the close is refused.
    late = await members[0].send({"type": "vote.cast", "vote": vote, "choice": "nej"})
    assert late["type"] == "error" and late["code"] == "vote.closed"
    await chair.command("meeting.adjourn")
    await close_all(chair, display, *members)

    # The close and the adjournment were each sealed by a signed checkpoint, and an
    # export of the log verifies, recounting the vote from its ballots.
    entries = Archive(demo_engine).read("demo")
    points = [e for e in log_events(demo_engine) if isinstance(e, CheckpointSigned)]
    assert len(points) == 2 and all(signature_holds(p) for p in points)
    report = verify_export(parse(build("demo", entries, {points[0].public_key})))
    assert report.ok and report.votes == 1 and report.checkpoints == 2 and report.adjourned


async def test_a_tie_is_broken_by_the_chairs_casting_vote(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair, members, display = await chamber(hub, demo_engine)
    await chair.command("vote.open", question="Återremiss?")
    await display.wait_for(lambda d: "current_vote" in d.view)
    vote = display.view["current_vote"]
    choices = ["ja"] * 35 + ["nej"] * 35
    await asyncio.gather(
        *(
            m.command("vote.cast", vote=vote, choice=c)
            for m, c in zip(members, choices, strict=True)
        )
    )
    await chair.command("vote.close", vote=vote)
    await display.wait_for(lambda d: of(d, vote)["status"] == "closed")
    assert of(display, vote)["result"]["status"] == "tie"
    await chair.command("vote.decide_tie", vote=vote, choice="nej")
    await display.wait_for(lambda d: of(d, vote)["result"]["status"] == "decided")
    assert of(display, vote)["result"] == {
        "status": "decided",
        "decided_by": "chair",
        "choice": "nej",
    }
    await close_all(chair, display, *members)


async def test_an_election_tie_is_settled_by_a_lottery_that_replays_to_the_same_winner(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    chair, members, display = await chamber(hub, demo_engine)
    await chair.command(
        "vote.open",
        question="Val av revisor",
        method="majority",
        secret=True,
        options=["Karin Holm", "Per Berg"],
    )
    await display.wait_for(lambda d: "current_vote" in d.view)
    vote = display.view["current_vote"]
    await chair.command("lot.commit_seed", vote=vote)
    names = [["Karin Holm"]] * 35 + [["Per Berg"]] * 35
    await asyncio.gather(
        *(m.command("vote.cast", vote=vote, names=n) for m, n in zip(members, names, strict=True))
    )
    await chair.command("vote.close", vote=vote)
    await display.wait_for(lambda d: of(d, vote)["status"] == "closed")
    assert of(display, vote)["result"]["status"] == "lot_needed"
    await chair.command("lot.draw", vote=vote)
    await display.wait_for(lambda d: of(d, vote)["result"]["status"] == "decided")
    winner = of(display, vote)["result"]["elected"]

    # Replay: the draw follows from the committed seed and the log head alone.
    events = log_events(demo_engine)
    drawn = next(e for e in events if isinstance(e, LotDrawn))
    committed = [e for e in events if getattr(e, "commitment", None)]
    assert commitment_of(drawn.seed) == committed[0].commitment  # type: ignore[attr-defined]
    assert draw_order(drawn.seed, drawn.head, drawn.entrants) == drawn.order
    assert winner == [drawn.order[0]]
    # The secret ballots left no trace of who chose whom.
    closed = next(e for e in events if isinstance(e, VoteClosed))
    assert list(closed.urn) == sorted(closed.urn) and len(closed.urn) == 70
    marks = [e for e in events if isinstance(e, SecretBallotCast)]
    assert len(marks) == 70 and all("Holm" not in repr(m) for m in marks)
    await close_all(chair, display, *members)
