// The tablet, the item's decisions: each decision of the item under way, by a
// vote or by acclamation, with the member's reservation (reason later, in the
// portal) and a minutes note (protokollsanteckning); and the minority's demands.

import { $, confirmAction, h, personName, run, setText, show, STATES, t } from "/static/screen.js";
import { minorityEntries } from "/static/minority.js";

let hub = null;
const connected = () => hub?.state === STATES.CONNECTED;

/** The item's decisions, oldest first: {key, target (the command's field), text, record}. */
function decisionsOf(view) {
  const item = view.current_item;
  const votes = Object.values(view.votes?.votes || {})
    .filter((v) => v.item === item && v.status === "closed")
    .map((v) => ({ key: `v:${v.id}`, target: { vote: v.id }, text: v.decision || v.question, at: v.closed_at || 0, record: v }));
  const acclaimed = Object.entries(view.votes?.decisions || {})
    .filter(([, d]) => d.item === item)
    .map(([id, d]) => ({ key: `d:${id}`, target: { decision: id }, text: d.text, at: d.at || 0, record: d }));
  return [...votes, ...acclaimed].sort((a, b) => a.at - b.at);
}

function decisionEntry(decision, me) {
  const { key, target, text, record } = decision;
  const mine = (list) => (list || []).some((entry) => (entry.person ?? entry) === me?.person);
  const reserved = mine(record.reservations);
  const seated = me?.seat != null;
  const data = { "data-vote": target.vote, "data-decision": target.decision };
  return h(
    "li",
    { key, class: "decision-entry", ...data },
    h("span", { class: "decision-text", text }),
    reserved
      ? h("span", { class: "muted", text: t("tablet.reserved") })
      : h("button", {
          type: "button",
          class: "touch secondary reserve-decision",
          ...data,
          disabled: !connected() || mine(record.no_part) || !seated,
          text: t("tablet.reserve"),
        }),
    mine(record.notes) ? h("span", { class: "muted", text: t("tablet.noted") }) : null,
    h(
      "details",
      { class: "note-form" },
      h("summary", { text: t("tablet.add_note") }),
      h("label", { for: `note-${key}`, class: "visually-hidden", text: t("tablet.note_label") }),
      h("textarea", { id: `note-${key}`, class: "note-text", rows: 2, maxlength: 4000 }),
      h("button", { type: "button", class: "touch secondary add-note", ...data, disabled: !connected(), text: t("tablet.send_note") }),
    ),
  );
}

/** Decisions of the item under way, and the minority's demands on it. */
export function renderDecisions(view, me) {
  const decisions = decisionsOf(view);
  const minority = minorityEntries(view);
  $("decisions-panel").hidden = decisions.length === 0 && minority.length === 0;
  show($("minority-records"), minority);
  show($("decisions"), decisions.map((d) => decisionEntry(d, me)));
  const presiding = view.meeting?.presiding;
  setText($("presiding-now"), presiding ? t("tablet.presiding", { name: personName(view, presiding) }) : "");
}

function targetOf(button) {
  return button.dataset.vote ? { vote: button.dataset.vote } : { decision: button.dataset.decision };
}

async function onDecisionClick(event) {
  const button = event.target.closest("button");
  if (!button || button.disabled) return;
  const status = $("decisions-result");
  if (button.classList.contains("reserve-decision")) {
    if (await confirmAction(t("tablet.confirm_reserve"))) {
      await run(hub, status, "decision.reserve", targetOf(button), "tablet.reserved");
    }
  } else if (button.classList.contains("add-note")) {
    const box = button.closest("details").querySelector(".note-text");
    const text = box.value.trim();
    if (!text) {
      box.focus();
      return;
    }
    const answer = await run(hub, status, "decision.note", { ...targetOf(button), text }, "tablet.note_sent");
    if (answer.type === "ack") {
      box.value = "";
      button.closest("details").open = false;
    }
  }
}

/** Wire the decisions to the member's connection. */
export function mountDecisions(connection) {
  hub = connection;
  $("decisions").addEventListener("click", onDecisionClick);
}
