// Reading the view a screen is sent: names, parties, the current item and vote.

import { t } from "/static/i18n.js";
import { el } from "/static/dom.js";

export function personName(view, id) {
  return view?.roster?.people?.[id]?.name ?? id ?? "";
}

export function partyOf(view, id) {
  return view?.roster?.people?.[id]?.party ?? "";
}

export function party(view, id) {
  return view?.roster?.parties?.[id] || { name: id || "", color: "#767676" };
}

/** "Name (S)" */
export function nameWithParty(view, id) {
  const p = partyOf(view, id);
  return p ? `${personName(view, id)} (${p})` : personName(view, id);
}

export function currentItem(view) {
  return (view?.agenda || []).find((item) => item.id === view.current_item) || null;
}

export function waitingItems(view, limit = Infinity) {
  const waiting = view?.debate?.waiting || [];
  return waiting.slice(0, limit).map((w, index) =>
    el(
      "li",
      { class: `waiting kind-${w.kind}`, "data-person": w.person, "data-request": w.request },
      el("span", { class: "waiting-place", "aria-hidden": "true", text: `${index + 1}.` }),
      el("span", { class: "waiting-name", text: nameWithParty(view, w.person) }),
      w.kind !== "speech" ? el("span", { class: "tag", text: t(`debate.kind.${w.kind}`) }) : null,
      w.present === false ? el("span", { class: "tag muted", text: t("debate.not_present") }) : null,
    ),
  );
}

/** The vote to show: the open one, else the latest on the current item (or at all). */
export function shownVote(view) {
  const votes = view?.votes?.votes || {};
  if (view?.current_vote && votes[view.current_vote]) return votes[view.current_vote];
  const all = Object.values(votes).sort((a, b) => (a.opened_at || 0) - (b.opened_at || 0));
  const onItem = all.filter((v) => v.item === view?.current_item);
  return (view?.current_item ? onItem : all).at(-1) || null;
}
