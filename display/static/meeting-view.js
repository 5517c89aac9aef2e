// Reading the view a screen is sent: names, parties, the current item and vote.

import { language, t } from "/static/i18n.js";
import { h } from "/static/vdom.js";

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

/** An item's title in the reader's language: the English one when there is one. */
export function itemTitle(item) {
  return language() === "en" && item.title_en ? item.title_en : item.title;
}

/** The speaker list as list items; `mine` marks the reader's own requests. */
export function waitingItems(view, limit = Infinity, mine = null) {
  const waiting = view?.debate?.waiting || [];
  return waiting.slice(0, limit).map((w, index) =>
    h(
      "li",
      {
        key: w.request,
        class: `waiting kind-${w.kind}${mine && w.person === mine ? " mine" : ""}`,
        "data-person": w.person,
        "data-request": w.request,
      },
      h("span", { class: "waiting-place", "aria-hidden": "true", text: `${index + 1}.` }),
      h("span", { class: "waiting-name", text: nameWithParty(view, w.person) }),
      w.kind !== "speech" ? h("span", { class: "tag", text: t(`debate.kind.${w.kind}`) }) : null,
      w.present === false ? h("span", { class: "tag muted", text: t("debate.not_present") }) : null,
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
