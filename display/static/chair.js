// The chair's console: the speaker list and its clock, votes from opening to
// the announced decision, attendance and roll call, the agenda, proposals
// and the order of questions. Frequent actions have single-key shortcuts;
// anything that cannot be undone asks first.

import {
  $,
  STATES,
  confirmAction,
  currentItem,
  h,
  nameWithParty,
  party,
  personName,
  renderSpeaker,
  show,
  run,
  setText,
  startScreen,
  t,
  textOn,
  tickClocks,
} from "/static/screen.js";
import { mountMinority, renderDissent, renderMinority } from "/static/chair-minority.js";
import { mountVotes, renderVotes } from "/static/chair-votes.js";
import { applyApprovedOrder, mountKontra, renderKontra } from "/static/chair-kontra.js";
import { mountAgenda, renderAgenda } from "/static/chair-agenda.js";
import { mountJusterare, renderJusterare } from "/static/chair-justerare.js";
import { mountNow, renderNow } from "/static/chair-now.js";
import { mountProportionalRequest, renderProportionalRequest } from "/static/chair-elections.js";

let orderPick = []; // proposal ids, in the order the chair ticked them

const hub = startScreen({ role: "chair", fallbackToPublic: false, titleKey: "chair.title", render });
const connected = () => hub.state === STATES.CONNECTED;
mountVotes(hub);

// --- the speaker list -------------------------------------------------------------

function renderSpeakers(view) {
  const item = currentItem(view);
  setText($("current-item"), item ? item.title : t("agenda.none_current"));
  renderSpeaker($("speaker"), view, hub.serverNow());
  const debate = view.debate || {};
  const current = debate.current;
  const waiting = debate.waiting || [];
  const off = !connected() || !item;
  $("next-speaker").disabled = off || (!current && !waiting.length);
  $("give-floor").disabled = off || Boolean(current) || !waiting.length;
  $("finish-speech").disabled = off || !current;
  $("pause-resume").disabled = off || !current;
  setText($("pause-text"), current?.paused ? t("chair.resume") : t("chair.pause"));
  $("skip").disabled = off || !waiting.length;
  $("close-list").disabled = off || debate.closed;
  $("reopen-list").disabled = off || !debate.closed;
  const closed = $("list-closed");
  closed.hidden = !debate.closed;
  setText(closed, t("debate.list_closed"));
  show(
    $("queue"),
    waiting.length
      ? waiting.map((w, index) => {
          const who = nameWithParty(view, w.person);
          const button = (action, key, extra = {}) =>
            h("button", {
              type: "button",
              class: "button secondary",
              "data-action": action,
              "data-request": w.request,
              "aria-label": t(`${key}_label`, { name: who }),
              text: t(key),
              ...extra,
            });
          return h(
            "li",
            { key: w.request, class: `waiting kind-${w.kind}`, "data-person": w.person, "data-request": w.request },
            h(
              "span",
              {},
              h("span", { class: "waiting-place", text: `${index + 1}. ` }),
              h("span", { class: "waiting-name", text: who }),
              " ",
              w.kind !== "speech" ? h("span", { class: "tag", text: t(`debate.kind.${w.kind}`) }) : null,
              w.present === false ? h("span", { class: "tag muted", text: t("debate.not_present") }) : null,
            ),
            h(
              "span",
              { class: "row-buttons" },
              h("button", {
                type: "button",
                class: "button",
                "data-action": "give",
                "data-request": w.request,
                "aria-label": t("chair.give_floor_to", { name: who }),
                text: t("chair.give_floor"),
                disabled: Boolean(current),
              }),
              button("up", "chair.move_up", { disabled: index === 0 }),
              button("down", "chair.move_down", { disabled: index === waiting.length - 1 }),
              button("remove", "chair.remove"),
            ),
          );
        })
      : [h("li", { class: "muted", text: t("debate.nobody_waiting") })],
  );
  // Anyone present may be named by the speaker.
  const presence = view.attendance?.presence || {};
  const present = Object.keys(presence)
    .filter((p) => presence[p] === "present" && p !== current?.person)
    .sort((a, b) => personName(view, a).localeCompare(personName(view, b), "sv"));
  const select = $("named-person");
  const chosen = select.value;
  show(select, present.map((p) => h("option", { value: p, text: nameWithParty(view, p) })));
  if (present.includes(chosen)) select.value = chosen;
  $("name-person").disabled = off || !current || !present.length;
}

async function speakerAction(type, fields = {}) {
  return run(hub, $("speakers-result"), type, fields);
}

async function closeList() {
  const keepWaiting = $("keep-waiting").checked;
  if (!keepWaiting && !(await confirmAction(t("chair.confirm_drop_waiting")))) return;
  await speakerAction("debate.close_list", {
    keep_waiting: keepWaiting,
    replik_allowed: $("replik-after").checked,
  });
}

// --- attendance and roll call -------------------------------------------------------------

/** Who presides, and the members present the chair may be handed to (the presidium first). */
function renderHandover(view) {
  const presiding = view.meeting?.presiding || "";
  setText($("presiding"), presiding ? t("chair.presiding", { name: personName(view, presiding) }) : "");
  const present = Object.entries(view.attendance?.presence || {})
    .filter(([person, state]) => state === "present" && person !== presiding)
    .map(([person]) => person)
    .filter((person) => view.roster?.people?.[person]?.kind === "member");
  const select = $("handover-to");
  const chosen = select.value;
  show(
    select,
    present.map((person) => h("option", { value: person, text: personName(view, person) })),
  );
  if (present.includes(chosen)) select.value = chosen;
}

async function handOver(event) {
  event.preventDefault();
  const to = $("handover-to").value;
  if (!to || !(await confirmAction(t("chair.confirm_hand_over", { name: personName(hub.view, to) })))) {
    return;
  }
  await run(hub, $("attendance-result"), "chair.hand_over", { to }, "chair.handed_over");
}

function renderAttendance(view) {
  renderHandover(view);
  const a = view.attendance;
  if (!a) return;
  const quorum = $("quorum");
  quorum.dataset.quorum = a.quorum ? "yes" : "no";
  setText($("quorum-text"), a.quorum ? t("quorum.yes") : t("quorum.no"));
  setText(
    $("quorum-figures"),
    `${t("quorum.filled")}: ${a.filled} ${t("quorum.of", { seats: a.seats })} · ${t("quorum.needed")}: ${a.needed} · ${t("quorum.present")}: ${a.present}`,
  );
  const rollcall = view.rollcall || {};
  setText(
    $("rollcall-state"),
    rollcall.open
      ? t("chair.rollcall_is_open")
      : view.rollcall && rollcall.confirmed?.length
        ? t("chair.rollcall_confirmed", { n: rollcall.confirmed.length })
        : t("chair.rollcall_none"),
  );
  $("rollcall-state").dataset.state = rollcall.open ? "open" : rollcall.confirmed?.length ? "confirmed" : "none";
  $("rollcall-open").disabled = !connected() || Boolean(rollcall.open);
  $("rollcall-confirm").disabled = !connected() || !rollcall.open;
  const people = view.roster?.people || {};
  const members = Object.entries(people)
    .filter(([, p]) => p.kind === "member" && p.seat != null)
    .sort((x, y) => x[1].seat - y[1].seat);
  const presence = a.presence || {};
  // Present without a device connected: a tablet that died, or its Wi-Fi.
  const online = hub.devices ? new Set(hub.devices) : null;
  const unreachable = (id) => online !== null && presence[id] === "present" && !online.has(id);
  const missing = Object.keys(presence).filter(unreachable);
  setText($("devices-missing"), missing.length ? t("chair.devices_missing", { names: missing.map((id) => nameWithParty(view, id)).join(", ") }) : "");
  show(
    $("presence"),
    members.map(([id, p]) => {
      const state = presence[id] || "absent";
      const info = party(view, p.party);
      const device = unreachable(id) ? ` (${t("chair.no_device")})` : "";
      const label = `${t("seats.seat", { seat: p.seat })}, ${nameWithParty(view, id)}: ${t(`me.${state}`)}${device}`;
      return h(
        "li",
        { key: id },
        h("button", {
          type: "button",
          "data-person": id,
          "data-presence": state,
          "data-device": unreachable(id) ? "none" : null,
          "aria-label": label,
          title: label,
          style: `--party:${info.color};--on-party:${textOn(info.color)}`,
          disabled: state === "left" || !connected(),
          text: `${p.seat}`,
        }),
      );
    }),
  );
}

async function onPresenceClick(event) {
  const button = event.target.closest("button[data-person]");
  if (!button) return;
  const person = button.dataset.person;
  const name = nameWithParty(hub.view, person);
  const status = $("attendance-result");
  if (button.dataset.presence === "present") {
    if (await confirmAction(t("chair.confirm_check_out", { name }))) {
      await run(hub, status, "attendance.check_out", { person });
    }
  } else {
    await run(hub, status, "attendance.check_in", { person });
  }
}

// --- proposals and the order of questions -------------------------------------------------------

function renderProposals(view) {
  const proposals = (view.debate?.proposals || []).filter((p) => p.status === "active");
  orderPick = orderPick.filter((id) => proposals.some((p) => p.id === id));
  show(
    $("proposals"),
    proposals.length
      ? proposals.map((p) => {
          const place = orderPick.indexOf(p.id);
          return h(
            "li",
            { key: p.id, "data-proposal": p.id },
            h(
              "label",
              { class: "checkbox" },
              h("input", { type: "checkbox", value: p.id, checked: place >= 0 }),
              h("span", { class: "tag", text: place >= 0 ? `${place + 1}` : "–" }),
              h("span", { class: "tag", text: t(`proposal.kind.${p.kind}`) }),
              h("span", { text: p.authors.map((a) => nameWithParty(view, a.person)).join(", ") }),
            ),
            p.text ? h("p", { class: "proposal-text", text: p.text }) : null,
          );
        })
      : [h("li", { class: "muted", text: t("proposal.none") })],
  );
  const order = view.votes?.orders?.[view.current_item];
  const names = (order?.order || []).map((o) => t(`proposal.kind.${o.kind}`)).join(" → ");
  setText(
    $("order-state"),
    order ? `${t(order.approved ? "chair.order_approved" : "chair.order_proposed", { order: names })}${order.overridden ? ` ${t("chair.order_overridden")}` : ""}` : "",
  );
  $("propose-order").disabled = !connected() || !orderPick.length || Boolean(order?.approved);
  $("approve-order").disabled = !connected() || !order || order.approved;
}

async function proposeOrder() {
  const proposals = hub.view?.debate?.proposals || [];
  const order = orderPick.map((id) => ({ id, kind: proposals.find((p) => p.id === id)?.kind }));
  await run(hub, $("order-result"), "order.propose", { order, override: $("order-override").checked });
}

// --- everything, and the keys ----------------------------------------------------------------------

function render(connection) {
  const view = connection.view;
  if (!view) return;
  renderSpeakers(view);
  renderVotes(view, connection.me);
  renderAttendance(view);
  renderAgenda(view, connected());
  renderJusterare(view, connected());
  renderProposals(view);
  renderMinority(view, connected());
  renderKontra(view, connected());
  renderProportionalRequest(view, connected());
  renderNow(view); // last: it follows the panels' buttons
  applyApprovedOrder(view);
  renderDissent(view);
}

const SHORTCUTS = {
  n: () => $("next-speaker"),
  g: () => $("give-floor"),
  f: () => $("finish-speech"),
  p: () => $("pause-resume"),
  s: () => $("skip"),
  l: () => (hub.view?.debate?.closed ? $("reopen-list") : $("close-list")),
  c: () => $("close-vote"),
};

document.addEventListener("keydown", (event) => {
  if (!$("shortcuts-on").checked || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.target.closest("input, textarea, select, [contenteditable]") || document.querySelector("dialog[open]")) return;
  const key = event.key.toLowerCase();
  if (key === "o") {
    event.preventDefault();
    if (!$("vote-form").hidden) $("vote-question").focus();
    return;
  }
  const button = SHORTCUTS[key]?.();
  if (!button || button.disabled) return;
  event.preventDefault();
  button.click();
});

$("next-speaker").addEventListener("click", () => speakerAction("debate.next_speaker"));
$("give-floor").addEventListener("click", () => speakerAction("debate.give_floor"));
$("finish-speech").addEventListener("click", () => speakerAction("debate.finish_speech"));
$("pause-resume").addEventListener("click", () =>
  speakerAction(hub.view?.debate?.current?.paused ? "debate.resume_speech" : "debate.pause_speech"),
);
$("skip").addEventListener("click", () => speakerAction("debate.skip_request"));
$("close-list").addEventListener("click", closeList);
$("reopen-list").addEventListener("click", () => speakerAction("debate.reopen_list"));
$("name-person").addEventListener("click", () => speakerAction("debate.name_person", { person: $("named-person").value }));
$("queue").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const request = button.dataset.request;
  const action = button.dataset.action;
  if (action === "give") speakerAction("debate.give_floor", { request });
  else if (action === "remove") speakerAction("debate.remove_request", { request });
  else speakerAction("debate.move_request", { request, direction: action });
});
$("handover-form").addEventListener("submit", handOver);
$("rollcall-open").addEventListener("click", () => run(hub, $("attendance-result"), "rollcall.open"));
$("rollcall-confirm").addEventListener("click", async () => {
  const n = hub.view?.attendance?.present ?? 0;
  if (await confirmAction(t("chair.confirm_rollcall", { n }))) await run(hub, $("attendance-result"), "rollcall.confirm");
});
$("presence").addEventListener("click", onPresenceClick);
$("proposals").addEventListener("change", (event) => {
  const box = event.target.closest("input[type=checkbox]");
  if (!box) return;
  orderPick = orderPick.filter((id) => id !== box.value);
  if (box.checked) orderPick.push(box.value);
  render(hub);
});
$("propose-order").addEventListener("click", proposeOrder);
mountMinority(hub, render);
mountKontra(hub);
mountAgenda(hub);
mountJusterare(hub, () => render(hub));
mountNow();
mountProportionalRequest(hub, () => render(hub));
$("approve-order").addEventListener("click", async () => {
  if (await confirmAction(t("chair.confirm_approve_order"))) await run(hub, $("order-result"), "order.approve");
});
tickClocks(hub, () => hub.view && renderSpeaker($("speaker"), hub.view, hub.serverNow()));
