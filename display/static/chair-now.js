// The chair's console, what is under way now: a bar that stays at the top of
// the screen with the item, the speaker and the open vote, and the next step
// for each (the same buttons as in their panels), so that on a laptop the
// current step is never scrolled away.

import { $, currentItem, h, personName, progressText, show, shownVote, t } from "/static/screen.js";

const STEPS = [
  ["next-speaker", "chair.next_speaker"],
  ["finish-speech", "chair.finish_speech"],
  ["close-vote", "chair.close_vote"],
  ["next-item", "chair.next_item"],
];

export function renderNow(view) {
  const item = currentItem(view);
  const speech = view.debate?.current;
  const vote = shownVote(view);
  const open = vote?.status === "open";
  const facts = [
    h("span", { class: "now-item", text: item ? item.title : t("agenda.none_current") }),
    h("span", { class: "now-speaker", text: speech ? t("debate.now_speaking", { name: personName(view, speech.person) }) : t("debate.nobody") }),
    open ? h("span", { class: "now-vote", text: `${t("vote.is_open")}: ${progressText(vote)}` }) : null,
  ];
  const steps = STEPS.map(([target, key]) => {
    const button = $(target);
    return h("button", {
      key: target,
      type: "button",
      class: target === "close-vote" ? "button danger" : "button secondary",
      "data-target": target,
      disabled: !button || button.disabled,
      hidden: !button,
      text: t(key),
    });
  });
  show($("now-bar"), [h("p", { class: "now-facts" }, facts), h("div", { class: "button-row" }, steps)]);
}

/** The bar's buttons press the ones in the panels: one action, one place it is decided. */
export function mountNow() {
  $("now-bar").addEventListener("click", (event) => {
    const target = event.target.closest("button[data-target]")?.dataset.target;
    const button = target && $(target);
    if (button && !button.disabled) button.click();
  });
}
