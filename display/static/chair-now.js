// The chair's console, what is under way now: a bar that stays at the top of
// the screen with the item, the speaker and the open vote, the next step for
// each, and whatever the meeting waits for (a roll call, a lottery, a decision
// to announce, an order to approve). They are the panels' own buttons, pressed
// from here, so that on a laptop the current step is never scrolled away.

import { $, currentItem, h, itemTitle, personName, progressText, show, shownVote, t } from "/static/screen.js";

// Always in the bar, enabled or not.
const STEPS = [
  ["next-speaker", "chair.next_speaker"],
  ["finish-speech", "chair.finish_speech"],
  ["close-vote", "chair.close_vote"],
  ["next-item", "chair.next_item"],
];
// In the bar only while the meeting waits for them.
const WAITING = [
  ["rollcall-confirm", "chair.rollcall_confirm"],
  ["resume", "chair.resume_meeting"],
  ["commit-seed", "chair.commit_seed"],
  ["draw-lot", "chair.draw_lot"],
  ["decide-ja", "chair.decide_ja"],
  ["decide-nej", "chair.decide_nej"],
  ["announce", "chair.announce"],
  ["approve-order", "chair.approve_order"],
  ["kontra-open-vote", "kontra.open_vote"],
];

function usable(button) {
  return Boolean(button) && !button.disabled && !button.closest("[hidden]");
}

function stepButton(target, key, danger) {
  const button = $(target);
  return h("button", {
    key: target,
    type: "button",
    class: danger ? "button danger" : "button secondary",
    "data-target": target,
    disabled: !usable(button),
    hidden: !button,
    text: t(key),
  });
}

/** Links to each panel; a panel is never taller than the screen below the bar. */
function panelLinks() {
  return [...document.querySelectorAll("main > section.panel")].map((panel) =>
    h("a", { key: panel.id, href: `#${panel.id}`, class: "now-link", text: panel.querySelector("h2")?.textContent || panel.id }),
  );
}

export function renderNow(view) {
  const item = currentItem(view);
  const speech = view.debate?.current;
  const vote = shownVote(view);
  const open = vote?.status === "open";
  const facts = [
    h("span", { class: "now-item", text: item ? itemTitle(item) : t("agenda.none_current") }),
    h("span", { class: "now-speaker", text: speech ? t("debate.now_speaking", { name: personName(view, speech.person) }) : t("debate.nobody") }),
    open ? h("span", { class: "now-vote", text: `${t("vote.is_open")}: ${progressText(vote)}` }) : null,
  ];
  const steps = STEPS.map(([target, key]) => stepButton(target, key, target === "close-vote"));
  const waiting = WAITING.filter(([target]) => usable($(target))).map(([target, key]) => stepButton(target, key, false));
  show($("now-bar"), [
    h("p", { class: "now-facts" }, facts),
    h("div", { class: "button-row" }, steps, waiting),
    h("p", { class: "now-links" }, panelLinks()),
  ]);
}

/** The bar's buttons press the ones in the panels: one action, one place it is decided. */
export function mountNow() {
  $("now-bar").addEventListener("click", (event) => {
    const target = event.target.closest("button[data-target]")?.dataset.target;
    const button = target && $(target);
    if (button && !button.disabled) button.click();
  });
}
