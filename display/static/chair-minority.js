// The chair's console, the item's dissent and the minority right: a third of
// those present may force an återremiss or a bordläggning (KL 5:51–5:52),
// and members' reservations, declarations of no part and minutes notes
// against the item's decisions are listed for the chair to read out.

import {
  $,
  confirmAction,
  h,
  nameWithParty,
  party,
  personName,
  show,
  run,
  setText,
  t,
  textOn,
} from "/static/screen.js";
import { minorityEntries } from "/static/minority.js";

const FORMAL = new Set(["aterremiss", "bordlaggning"]);
const supporters = new Set(); // people the chair marked as backing the request
let supportersItem = "";

/** Serving members by seat: only they may back a minority request. */
function seatedMembers(view) {
  return Object.entries(view.attendance?.seated || {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([seat, person]) => ({ seat, person }));
}

function minorityThreshold(present) {
  return Math.ceil(present / 3);
}

export function renderMinority(view, connected) {
  const item = view.current_item || "";
  if (item !== supportersItem) {
    supporters.clear();
    supportersItem = item;
  }
  const seated = seatedMembers(view);
  const serving = new Set(seated.map((s) => s.person));
  for (const person of [...supporters]) if (!serving.has(person)) supporters.delete(person);

  const motions = (view.debate?.proposals || []).filter((p) => p.status === "active" && FORMAL.has(p.kind));
  const select = $("minority-motion");
  const chosen = select.value;
  show(
    select,
    motions.map((p) =>
      h("option", {
        value: p.id,
        "data-kind": p.kind,
        text: `${t(`proposal.kind.${p.kind}`)} – ${p.authors.map((a) => personName(view, a.person)).join(", ")}`,
      }),
    ),
  );
  if (motions.some((p) => p.id === chosen)) select.value = chosen;
  const kind = motions.find((p) => p.id === select.value)?.kind || "";

  show(
    $("minority-parties"),
    partiesSeated(view, seated).map(({ id, people }) => {
      const info = party(view, id);
      const all = people.every((p) => supporters.has(p));
      return h("button", {
        key: id,
        type: "button",
        class: "button secondary",
        "data-party": id,
        "aria-pressed": all ? "true" : "false",
        text: `${info.name || id} (${people.length})`,
      });
    }),
  );
  show(
    $("minority-supporters"),
    seated.map(({ seat, person }) => {
      const info = party(view, view.roster?.people?.[person]?.party);
      const label = `${t("seats.seat", { seat })}, ${nameWithParty(view, person)}`;
      return h(
        "li",
        { key: person },
        h("button", {
          type: "button",
          "data-person": person,
          "data-presence": supporters.has(person) ? "present" : "absent",
          "aria-pressed": supporters.has(person) ? "true" : "false",
          "aria-label": label,
          title: label,
          style: `--party:${info.color};--on-party:${textOn(info.color)}`,
          text: seat,
        }),
      );
    }),
  );
  const needed = minorityThreshold(seated.length);
  const count = $("minority-count");
  count.dataset.enough = supporters.size >= needed ? "yes" : "no";
  setText(count, t("chair.minority_count", { n: supporters.size, needed, present: seated.length }));
  const reasonNeeded = kind === "aterremiss";
  $("minority-reason").required = reasonNeeded;
  setText($("minority-reason-hint"), reasonNeeded ? t("chair.minority_reason_required") : "");
  $("minority-invoke").disabled =
    !connected || !item || !kind || !supporters.size || (reasonNeeded && !$("minority-reason").value.trim());
  setText($("minority-none"), motions.length ? "" : t("chair.minority_no_motion"));
  renderMinorityRecords(view);
}

function partiesSeated(view, seated) {
  const byParty = new Map();
  for (const { person } of seated) {
    const id = view.roster?.people?.[person]?.party || "";
    if (!byParty.has(id)) byParty.set(id, []);
    byParty.get(id).push(person);
  }
  return [...byParty].map(([id, people]) => ({ id, people }));
}

function renderMinorityRecords(view) {
  show($("minority-records"), minorityEntries(view));
}

async function invokeMinority(hub, redraw) {
  const view = hub.view;
  const select = $("minority-motion");
  const kind = select.selectedOptions[0]?.dataset.kind;
  if (!view || !kind) return;
  const names = [...supporters].map((p) => personName(view, p)).join(", ");
  const question = t("chair.confirm_minority", { kind: t(`proposal.kind.${kind}`), n: supporters.size, names });
  if (!(await confirmAction(question))) return;
  const fields = { motion: select.value, kind, supporters: [...supporters].sort() };
  const reason = $("minority-reason").value.trim();
  if (reason) fields.reason = reason;
  const answer = await run(hub, $("minority-result"), "minority.invoke", fields, "chair.minority_recorded");
  if (answer.type === "ack") {
    supporters.clear();
    $("minority-reason").value = "";
    redraw();
  }
}

/** Each decision of the item under way with who reserved, took no part or added a note. */
export function renderDissent(view) {
  const item = view.current_item;
  const votes = Object.values(view.votes?.votes || {}).filter((v) => v.item === item && v.status === "closed");
  const decisions = Object.entries(view.votes?.decisions || {}).filter(([, d]) => d.item === item);
  const rows = [
    ...votes.map((v) => ({ id: v.id, title: v.decision || v.question, at: v.closed_at || 0, record: v })),
    ...decisions.map(([id, d]) => ({ id, title: d.text, at: d.at || 0, record: d })),
  ].sort((a, b) => a.at - b.at);
  show(
    $("dissent"),
    rows.length
      ? rows.map(({ id, title, record }) => dissentEntry(view, id, title, record))
      : [h("li", { class: "muted", text: t("chair.dissent_none") })],
  );
}

function dissentEntry(view, id, title, record) {
  const lines = [
    ...(record.reservations || []).map((r) =>
      h("li", { "data-dissent": "reservation" }, `${t("chair.dissent_reserved")}: ${nameWithParty(view, r.person)}`,
        r.reason ? ` – ${r.reason}` : ""),
    ),
    ...(record.no_part || []).map((person) =>
      h("li", { "data-dissent": "no_part", text: `${t("chair.dissent_no_part")}: ${nameWithParty(view, person)}` }),
    ),
    ...(record.notes || []).map((n) =>
      h("li", { "data-dissent": "note", text: `${t("chair.dissent_note")}: ${nameWithParty(view, n.person)} – ${n.text}` }),
    ),
  ];
  return h(
    "li",
    { key: id, "data-decision": id },
    h("strong", { text: title }),
    lines.length ? h("ul", {}, lines) : h("p", { class: "muted", text: t("chair.dissent_nothing") }),
  );
}

/** Wire the panel's controls; render() redraws the console after each change. */
export function mountMinority(hub, render) {
  $("minority-supporters").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-person]");
    if (!button) return;
    const person = button.dataset.person;
    if (supporters.has(person)) supporters.delete(person);
    else supporters.add(person);
    render(hub);
  });
  $("minority-parties").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-party]");
    if (!button || !hub.view) return;
    const people = seatedMembers(hub.view)
      .map((s) => s.person)
      .filter((p) => (hub.view.roster?.people?.[p]?.party || "") === button.dataset.party);
    const all = people.every((p) => supporters.has(p));
    for (const p of people) all ? supporters.delete(p) : supporters.add(p);
    render(hub);
  });
  $("minority-motion").addEventListener("change", () => render(hub));
  $("minority-reason").addEventListener("input", () => render(hub));
  $("minority-form").addEventListener("submit", (event) => {
    event.preventDefault();
    invokeMinority(hub, () => render(hub));
  });
}
