// The attendance page: meeting, agenda, quorum, seats and, for a member,
// their own status with a check-in / check-out button.

import { connectionLine } from "/static/chrome.js";
import { $, meetingId, params, setText, textOn } from "/static/dom.js";
import { HubConnection, STATES } from "/static/hub.js";
import { errorText, mountLanguageSwitch, onLanguageChange, t, translate } from "/static/i18n.js";
import { personName } from "/static/meeting-view.js";

const meeting = meetingId;
const hub = new HubConnection(meeting, { role: params.get("role") || "" });

let result = null; // {kind: "ack" | "error" | "sending", key | code}

const renderConnection = connectionLine(hub);

function renderMeeting(view) {
  const title = view.meeting?.title || meeting;
  setText($("meeting-title"), title);
  document.title = t("page.title", { meeting: title });
  const note = $("meeting-note");
  const key = view.meeting?.adjourned
    ? "meeting.adjourned"
    : view.meeting?.opened === false
      ? "meeting.not_opened"
      : "";
  note.hidden = !key;
  if (key) setText(note, t(key));
}

function renderQuorum(view) {
  const a = view.attendance;
  if (!a) return;
  const state = a.quorum ? t("quorum.yes") : t("quorum.no");
  const quorum = $("quorum");
  quorum.dataset.quorum = a.quorum ? "yes" : "no";
  setText($("quorum-text"), state);
  setText(
    $("quorum-announce"),
    " " + t("quorum.announce", { state, filled: a.filled, seats: a.seats, needed: a.needed }),
  );
  setText($("filled"), String(a.filled));
  setText($("seats-total"), t("quorum.of", { seats: a.seats }));
  setText($("needed"), String(a.needed));
  setText($("present"), String(a.present));
}

function renderAgenda(view) {
  const list = $("agenda");
  const items = view.agenda || [];
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      li.className = `agenda-item ${item.status}`;
      li.dataset.item = item.id;
      if (item.status === "current") li.setAttribute("aria-current", "step");
      const title = document.createElement("span");
      title.className = "agenda-title";
      title.textContent = item.title;
      const status = document.createElement("span");
      status.className = "agenda-status";
      status.textContent = t(`agenda.${item.status}`);
      li.append(title, " ", status);
      return li;
    }),
  );
  const current = items.find((item) => item.id === view.current_item);
  setText($("current-item"), current ? current.title : t("agenda.none_current"));
}

function renderSeats(view) {
  const roster = view.roster;
  if (!roster) return;
  const parties = roster.parties || {};
  const seated = view.attendance?.seated || {};
  const owners = {};
  for (const [id, person] of Object.entries(roster.people || {})) {
    if (person.kind === "member" && person.seat != null) owners[person.seat] = id;
  }
  $("party-legend").replaceChildren(
    ...Object.entries(parties).map(([id, party]) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = party.color;
      swatch.setAttribute("aria-hidden", "true");
      li.append(swatch, `${id} – ${party.name}`);
      return li;
    }),
  );
  $("seats").replaceChildren(
    ...(roster.seats || []).map((seat) => {
      const owner = owners[seat];
      const sitter = seated[String(seat)];
      const person = roster.people[sitter || owner] || {};
      const partyId = roster.people[owner]?.party ?? person.party;
      const party = parties[partyId] || { name: partyId || "", color: "#767676" };
      const li = document.createElement("li");
      li.className = "seat";
      li.dataset.seat = String(seat);
      li.dataset.party = partyId || "";
      li.style.setProperty("--party", party.color);
      const number = document.createElement("span");
      number.className = "seat-number";
      number.textContent = `${seat}`;
      const name = document.createElement("span");
      name.className = "seat-name";
      const detail = document.createElement("span");
      detail.className = "seat-detail";
      if (sitter) {
        li.classList.add("filled");
        li.dataset.person = sitter;
        li.style.background = party.color;
        li.style.color = textOn(party.color);
        name.textContent = personName(view, sitter);
        if (roster.people[sitter]?.kind === "substitute") {
          li.classList.add("substitute");
          detail.textContent = `${t("seats.substitute")}, ${t("seats.serving_for", {
            name: personName(view, owner),
          })}`;
        } else {
          detail.textContent = partyId || "";
        }
      } else {
        li.classList.add("empty");
        name.textContent = personName(view, owner);
        detail.textContent = t("seats.empty");
      }
      li.title = `${t("seats.seat", { seat })}: ${name.textContent} (${party.name}) – ${
        detail.textContent
      }`;
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = `${t("seats.seat", { seat })}, ${party.name}: `;
      li.append(hidden, number, name, detail);
      return li;
    }),
  );
}

function renderMe() {
  const me = hub.me;
  const panel = $("me-panel");
  panel.hidden = !me;
  if (!me) return;
  const view = hub.view;
  const presence = me.presence || "absent";
  setText($("my-name"), personName(view, me.person));
  const status = $("my-presence");
  status.dataset.presence = presence;
  setText(status, t(`me.${presence}`));
  const seatParts = [me.seat != null ? t("me.seat", { seat: me.seat }) : t("me.no_seat")];
  if (me.serving_for) seatParts.push(t("me.serving_for", { name: personName(view, me.serving_for) }));
  setText($("my-seat"), seatParts.join(" · "));
  const button = $("attendance-button");
  const present = presence === "present";
  button.dataset.action = present ? "check_out" : "check_in";
  setText(button, present ? t("me.check_out") : t("me.check_in"));
  button.classList.toggle("check-out", present);
  const sending = result?.kind === "sending";
  button.disabled = sending || presence === "left" || hub.state !== STATES.CONNECTED;
  button.setAttribute("aria-busy", String(sending));
  renderResult();
}

function renderResult() {
  const el = $("my-result");
  el.dataset.kind = result?.kind || "";
  if (!result) setText(el, hub.me?.presence === "left" ? t("me.left_note") : "");
  else if (result.kind === "sending") setText(el, t("me.sending"));
  else if (result.kind === "ack") setText(el, t(`me.ack.${result.command}`));
  else setText(el, errorText(result.code));
}

async function toggleAttendance() {
  const button = $("attendance-button");
  if (button.disabled) return;
  const command = `attendance.${button.dataset.action}`;
  result = { kind: "sending" };
  renderMe();
  const answer = await hub.command(command);
  result =
    answer.type === "ack"
      ? { kind: "ack", command, seq: answer.seq }
      : { kind: "error", code: answer.code || "error" };
  renderMe();
}

function renderView() {
  const view = hub.view;
  if (!view) return;
  renderMeeting(view);
  renderQuorum(view);
  renderAgenda(view);
  renderSeats(view);
  renderMe();
}

function renderAll() {
  renderConnection();
  renderView();
  renderMe();
}

translate();
mountLanguageSwitch($("lang-switch"));
$("attendance-button").addEventListener("click", toggleAttendance);
hub.addEventListener("state", () => {
  renderConnection();
  renderMe();
});
hub.addEventListener("welcome", renderConnection);
hub.addEventListener("view", renderView);
hub.addEventListener("me", renderMe);
onLanguageChange(renderAll);
hub.start();
