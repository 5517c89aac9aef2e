"""The acts of a whole council meeting, played on the pages alone.

Each act presses what a chair or a member would press, and waits for what their
screens then show. Nothing here sends a frame: the pages do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from tests.browser.conftest import hub_now
from tests.browser.screens import Screen, confirm

# Members checked in from the console (no tablet of their own), beside the three tablets.
CHECKED_IN_BY_THE_CHAIR = [f"m{i}" for i in range(5, 39)]
VOID_REASON = "Fel fråga ställdes under punkten."
MINORITY_REASON = "Konsekvenserna för kollektivtrafiken är inte utredda."
NOTE = "Underlaget kom sent."


@dataclass
class Chamber:
    """The screens of the meeting: the chair, three members, the display and the public."""

    chair: Screen
    anna: Screen  # m2
    bo: Screen  # m3
    cia: Screen  # m4
    display: Screen
    public: Screen
    names: dict[str, str]  # person id -> name, as the tablets show them

    @property
    def tablets(self) -> list[Any]:
        return [self.anna.page, self.bo.page, self.cia.page]


async def member_name(tablet: Any) -> str:
    await tablet.wait_for_function("() => document.querySelector('#my-name').textContent")
    return str(await tablet.inner_text("#my-name")).split(" (")[0]


async def step(page: Any, target: str) -> None:
    """Press a step in the console's bar at the top (the panel's own button)."""
    await page.click(f'#now-bar button[data-target="{target}"]:not([disabled])')


async def roll_call(m: Chamber) -> None:
    """The chair and three tablets check in; the chair checks in the rest; roll call."""
    c = m.chair.page
    await c.click('#presence button[data-person="m1"]')
    for tablet in m.tablets:
        await tablet.click("#attendance-button")
        await tablet.wait_for_selector('#my-presence[data-presence="present"]')
    for person in CHECKED_IN_BY_THE_CHAIR:
        button = f'#presence button[data-person="{person}"]'
        await c.click(button)
        await c.wait_for_selector(f'{button}[data-presence="present"]')
    await c.click("#rollcall-open")
    await step(c, "rollcall-confirm")
    await confirm(c)
    await c.wait_for_selector('#rollcall-state[data-state="confirmed"]')
    await c.wait_for_selector('#quorum[data-quorum="yes"]')
    await m.display.page.wait_for_selector('#quorum-line[data-quorum="yes"]')
    assert "38" in await m.display.page.inner_text("#quorum-line")


async def next_item(page: Any, item: str) -> None:
    await step(page, "next-item")
    await confirm(page)
    await page.wait_for_selector(f'#agenda li[data-item="{item}"][aria-current="step"]')


async def acclaim(page: Any, text: str) -> None:
    """A decision by acclamation, as the chair words it."""
    before = await page.locator("#dissent li[data-decision]").count()
    await page.fill("#acclaim-text", text)
    await page.click("#acclaim")
    await confirm(page)
    await page.wait_for_function(
        "(n) => document.querySelectorAll('#dissent li[data-decision]').length > n", arg=before
    )


async def cast_names(tablet: Any, names: list[str]) -> None:
    for name in names:
        await tablet.check(f"#ballot input.candidate-box[value='{name}']")
    await tablet.click("#cast-election")
    await confirm(tablet)
    await tablet.wait_for_selector('#ballot-status[data-kind="ack"]')


async def justerare_election(m: Chamber) -> list[str]:
    """A secret election asked for from a tablet, tied three ways, settled by lot."""
    c, (a, b, k) = m.chair.page, m.tablets
    await b.click("#secret-button")
    await c.wait_for_function("() => document.querySelector('#secret-requests').textContent")
    await c.select_option("#vote-method", "majority")
    await c.fill("#vote-question", "Val av justerare")
    anna, bo, cia = (m.names[p] for p in ("m2", "m3", "m4"))
    await c.fill("#vote-candidates", f"{anna}\n{bo}\n{cia}")
    await c.fill("#vote-seats", "2")
    assert await c.is_checked("#vote-secret")  # a member asked for closed ballots
    await c.click("#open-vote")
    await confirm(c)
    await a.wait_for_selector('#ballot[data-status="open"]')
    await step(c, "commit-seed")  # the lottery's seed is fixed before any ballot is known
    await c.wait_for_selector("#now-bar button[data-target='commit-seed']", state="detached")
    await cast_names(a, [anna, bo])
    await cast_names(b, [bo, cia])
    await cast_names(k, [anna, cia])
    await step(c, "close-vote")
    await confirm(c)
    await step(c, "draw-lot")  # two votes each, for two seats
    await confirm(c)
    await step(c, "announce")
    await confirm(c)
    await m.display.page.wait_for_selector('#vote[data-status="closed"] .decision')
    decision = await m.display.page.inner_text("#vote .decision")
    elected = [p for p in ("m2", "m3", "m4") if m.names[p] in decision]
    assert len(elected) == 2, decision

    # The console records the two the meeting elected to verify the minutes.
    for index, person in enumerate(elected):
        await c.select_option(f'#justerare-picks select[data-index="{index}"]', person)
    await c.click("#elect-justerare")
    await confirm(c)
    await c.wait_for_selector(f'#justerare-elected[data-elected="{" ".join(elected)}"]')
    return elected


async def proportional_election(m: Chamber) -> None:
    """A granted request, the parties' valsedlar, a ballot pressed on each tablet."""
    c = m.chair.page
    await c.select_option("#vote-method", "proportional")
    await c.fill("#request-seats", "3")
    # 38 serve: ⌈38 ÷ 4⌉ = 10 voters ask for a proportional election of three.
    await c.select_option("#request-supporters", [f"m{i}" for i in range(5, 15)])
    await c.wait_for_selector('#request-count[data-enough="yes"]')
    await c.click("#request-proportional")
    await confirm(c)
    await c.wait_for_function("() => document.querySelector('#vote-request').value")
    await c.fill("#vote-question", "Val av tre ledamöter till valberedningen")
    await c.fill("#vote-valsedlar", "S: Sara Lind, Olle Berg, Eva Ström\nM: Maja Holm, Per Ek")
    await c.click("#open-vote")
    await confirm(c)
    for tablet, valsedel in zip(m.tablets, ("0", "0", "1"), strict=True):
        await tablet.click(f'#ballot button.valsedel[data-valsedel="{valsedel}"]')
        await confirm(tablet)
        await tablet.wait_for_selector('#ballot-status[data-kind="ack"]')
    await step(c, "close-vote")
    await confirm(c)
    await step(c, "announce")
    await confirm(c)
    await m.public.page.wait_for_selector('#vote[data-status="closed"] .decision')
    decision = await m.public.page.inner_text("#vote .decision")
    # Two for S and one for M by d'Hondt: S's second and M's first tie, and both are elected.
    assert all(name in decision for name in ("Sara Lind", "Olle Berg", "Maja Holm")), decision


async def propose(tablet: Any, kind: str, text: str = "") -> None:
    await tablet.select_option("#proposal-kind", kind)
    await tablet.fill("#proposal-text", text)
    await tablet.click("#proposal-submit")
    await tablet.wait_for_selector('#proposal-result[data-kind="ack"]')


async def debate(m: Chamber) -> None:
    """Begära ordet, replik and kontrareplik, the streck, and a yrkande in each speech."""
    c, (a, b, k) = m.chair.page, m.tablets
    for tablet in (a, b, k):
        await tablet.click("#ask-floor")
        await tablet.wait_for_selector('#floor-result[data-kind="ack"]')
    await c.wait_for_function("() => document.querySelectorAll('#queue li.waiting').length === 3")
    await step(c, "next-speaker")
    await a.wait_for_selector("#my-floor:not([hidden])")
    await propose(a, "bifall")
    await step(c, "next-speaker")
    await b.wait_for_selector("#my-floor:not([hidden])")
    await propose(b, "avslag")
    # Anna has spoken on the item, so she may reply to Bo, and Bo answer her once.
    await a.click("#ask-replik")
    await a.wait_for_selector('#floor-result[data-kind="ack"]')
    await step(c, "next-speaker")  # a replik comes before the list
    await a.wait_for_selector("#my-floor:not([hidden])")
    await b.click("#ask-kontrareplik")
    await b.wait_for_selector('#floor-result[data-kind="ack"]')
    await step(c, "next-speaker")
    await b.wait_for_selector("#my-floor:not([hidden])")
    # The streck: Cia, on the list, still speaks and may still propose.
    await c.click("#close-list")
    await k.wait_for_selector("#list-closed:not([hidden])")
    await step(c, "next-speaker")
    await k.wait_for_selector("#my-floor:not([hidden])")
    await propose(k, "andring", "Anslaget till kollektivtrafiken höjs med 20 miljoner kronor.")
    await step(c, "finish-speech")
    await k.wait_for_selector("#my-floor", state="hidden")
    await c.wait_for_function(
        "() => document.querySelectorAll('#proposals li[data-proposal]').length === 3"
    )


async def void_vote(m: Chamber) -> None:
    """A vote opened by mistake is declared void, with its reason."""
    c, a = m.chair.page, m.anna.page
    await c.fill("#vote-question", "Bifall till fel motion?")
    await c.click("#open-vote")
    await confirm(c)
    await a.click('#ballot button[data-choice="ja"]')
    await a.wait_for_selector('#ballot button[data-choice="ja"][aria-pressed="true"]')
    await c.click("#vote-actions details.void-vote summary")
    await c.fill("#void-reason", VOID_REASON)
    await c.click("#void-vote")
    await confirm(c)
    await c.wait_for_selector("#vote-form:not([hidden])")


async def recess(m: Chamber) -> None:
    """A break until a clock time; every screen says until when; the chair resumes."""
    c, d = m.chair.page, m.display.page
    await c.fill("#recess-until", (hub_now() + timedelta(minutes=30)).strftime("%H:%M"))
    await c.click("#recess")
    await confirm(c)
    for page in (d, m.public.page, m.bo.page):
        await page.wait_for_selector("#recess-line:not([hidden])")
    await step(c, "resume")
    await d.wait_for_selector("#recess-line", state="hidden")


async def kontraproposition(m: Chamber) -> None:
    """The approved order, a round by acclamation, a round by a vote a member demanded."""
    c, (a, b, k) = m.chair.page, m.tablets
    ids = await c.eval_on_selector_all(
        "#proposals li[data-proposal]", "items => items.map(i => i.dataset.proposal)"
    )
    for proposal in ids:
        await c.check(f'#proposals li[data-proposal="{proposal}"] input[type=checkbox]')
    await c.click("#propose-order")
    await step(c, "approve-order")
    await confirm(c)
    await c.wait_for_selector("#kontra-start-button:not([disabled])")
    await c.select_option("#kontra-main", ids[0])
    await c.click("#kontra-start-button")
    await confirm(c)
    await c.wait_for_selector('#kontra-round .kontra-now[data-round="1"]')
    await c.click("#kontra-round .kontra-settle:first-child")
    await confirm(c)
    await c.wait_for_selector('#kontra-round .kontra-now[data-round="2"]')
    await b.click("#demand-vote")
    await b.wait_for_selector('#me-result[data-kind="ack"]')
    await step(c, "kontra-open-vote")
    await confirm(c)
    for tablet, choice in zip((a, b, k), ("ja", "nej", "ja"), strict=True):
        await tablet.click(f'#ballot button[data-choice="{choice}"]')
        await tablet.wait_for_selector(
            f'#ballot button[data-choice="{choice}"][aria-pressed="true"]'
        )
    # A member whose tablet died says the vote aloud; the chair records it.
    await c.click("#vote-actions details.proxy-vote summary")
    await c.select_option("#proxy-person", "m5")
    await c.click('#vote-actions .proxy-ballot[data-choice="ja"]')
    await confirm(c)
    await c.wait_for_selector('#has-voted li[data-person="m5"]')
    await step(c, "close-vote")
    await confirm(c)
    await c.wait_for_selector("#kontra-start:not([hidden])")
    await step(c, "announce")
    await confirm(c)
    # Bo enters a reservation against the decision; Cia a minutes note.
    await b.click("#decisions button.reserve-decision")
    await confirm(b)
    await b.wait_for_selector('#decisions-result[data-kind="ack"]')
    await k.click("#decisions details.note-form summary")
    await k.fill("#decisions .note-text", NOTE)
    await k.click("#decisions .add-note")
    await k.wait_for_selector('#decisions-result[data-kind="ack"]')


async def hand_over(page: Any, to: str) -> None:
    await page.select_option("#handover-to", to)
    await page.click("#handover-form button[type=submit]")
    await confirm(page)
    await page.wait_for_function(
        "(to) => document.querySelector('#handover-to option[value=\"' + to + '\"]') === null",
        arg=to,
    )


async def minority_right(m: Chamber, vice: Screen) -> None:
    """On the vice chair's console: a minority sends the motion back; a reservation."""
    v, a, k = vice.page, m.anna.page, m.cia.page
    await propose(k, "aterremiss", "Ärendet återremitteras.")
    await v.wait_for_selector("#minority-motion option[data-kind='aterremiss']", state="attached")
    # 38 serve, so a third, 13, may demand it.
    for i in range(5, 18):
        await v.click(f'#minority-supporters button[data-person="m{i}"]')
    await v.wait_for_selector('#minority-count[data-enough="yes"]')
    await v.fill("#minority-reason", MINORITY_REASON)
    await v.click("#minority-invoke")
    await confirm(v)
    await a.wait_for_selector('#minority-records li[data-forced="yes"]')
    await acclaim(v, "Ärendet återremitteras till regionstyrelsen.")
    await a.click("#decisions button.reserve-decision")
    await confirm(a)
    await a.wait_for_selector('#decisions-result[data-kind="ack"]')
