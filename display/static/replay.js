// The replay page: a timeline over the meeting's log. Each position asks the
// server for the chamber display as it was after that entry (folded with the
// hub's own code) and the entries around it.

import { mountLanguageSwitch, onLanguageChange, t, translate } from "/static/i18n.js";
import { formatWhen } from "/static/swedish-time.js";

const meeting = decodeURIComponent(location.pathname.split("/")[2] || "");
const $ = (id) => document.getElementById(id);
const scrubber = $("scrubber");
const PLAY_MS = 700;

let latest = null; // the last answer shown
let asked = 0; // answers to older questions are dropped
let timer = null;

function clock(iso) {
  if (!iso) return "–";
  return formatWhen(iso, { dateStyle: "short", timeStyle: "medium" });
}

async function load(at) {
  const ticket = ++asked;
  const query = at === undefined ? "" : `?at=${at}`;
  const response = await fetch(`/api/meetings/${encodeURIComponent(meeting)}/replay${query}`, {
    credentials: "same-origin",
  });
  const body = await response.json();
  if (ticket !== asked) return;
  if (!response.ok) {
    $("replay-error").hidden = false;
    $("replay-error").textContent = t("replay.failed", { code: body.error || response.status });
    stop();
    return;
  }
  $("replay-error").hidden = true;
  latest = body;
  render();
}

function render() {
  if (!latest) return;
  const { seq, size, time, display, events } = latest;
  scrubber.max = String(Math.max(size, 1));
  scrubber.value = String(seq);
  scrubber.disabled = false;
  scrubber.setAttribute("aria-valuetext", t("replay.position", { seq, size, time: clock(time) }));
  $("position").textContent = t("replay.position", { seq, size, time: clock(time) });
  document.title = t("replay.title", { meeting: display.meeting.title || meeting });
  renderDisplay(display, seq);
  renderEvents(events);
}

function renderDisplay(view, seq) {
  $("display").dataset.seq = String(seq);
  $("d-meeting").textContent = view.meeting.title || view.meeting.id;
  const status = view.meeting.adjourned ? "adjourned" : view.meeting.opened ? "open" : "not_open";
  $("d-status").textContent = t(`replay.status_${status}`);
  $("d-status").dataset.status = status;
  const att = view.attendance;
  $("d-filled").textContent = `${att.filled} / ${att.seats}`;
  $("d-present").textContent = String(att.present);
  $("d-quorum").textContent = t(att.quorum ? "replay.yes" : "replay.no");
  $("d-quorum").dataset.quorum = String(att.quorum);
  $("d-agenda").replaceChildren(
    ...view.agenda.map((item) => {
      const li = document.createElement("li");
      li.dataset.status = item.status;
      li.textContent = item.title;
      if (item.status === "current") li.setAttribute("aria-current", "step");
      return li;
    }),
  );
  const debate = view.debate || {};
  const current = debate.current;
  $("d-speaker").textContent = current
    ? t("replay.speaking", { name: current.name, party: current.party, kind: t(`kind.${current.kind}`) })
    : t("replay.nobody");
  $("d-waiting").replaceChildren(
    ...(debate.waiting || []).map((w) => {
      const li = document.createElement("li");
      li.textContent = `${w.name} (${w.party}), ${t(`kind.${w.kind}`)}`;
      return li;
    }),
  );
  const votes = Object.values((view.votes && view.votes.votes) || {});
  $("d-votes").replaceChildren(
    ...(votes.length ? votes : [null]).map((vote) => {
      const li = document.createElement("li");
      if (!vote) {
        li.textContent = t("replay.no_votes");
        return li;
      }
      li.dataset.vote = vote.id;
      li.dataset.status = vote.status;
      if (vote.status === "open") {
        li.textContent = t("replay.vote_open", { question: vote.question, voted: vote.voted });
      } else if (vote.status === "void") {
        li.textContent = t("replay.vote_void", { question: vote.question, reason: vote.void_reason || "" });
      } else {
        const counts = (vote.tally ? vote.tally.counts : [])
          .map((c) => `${c.option} ${c.votes}`)
          .join(", ");
        const result = vote.result ? vote.result.choice || (vote.result.elected || []).join(", ") || vote.result.status : "–";
        li.textContent = t("replay.vote_closed", { question: vote.question, counts, result });
      }
      return li;
    }),
  );
}

function renderEvents(events) {
  $("events").replaceChildren(
    ...events.map((e) => {
      const li = document.createElement("li");
      li.dataset.seq = String(e.seq);
      const by = e.by ? ` – ${e.by}` : "";
      li.textContent = `${e.seq}  ${e.type}${by}`;
      if (e.here) li.setAttribute("aria-current", "step");
      return li;
    }),
  );
}

function goTo(seq) {
  const max = Number(scrubber.max) || 1;
  const target = Math.min(Math.max(seq, 1), max);
  scrubber.value = String(target);
  load(target);
}

function stop() {
  if (timer !== null) clearInterval(timer);
  timer = null;
  $("play").setAttribute("aria-pressed", "false");
  $("play").dataset.i18n = "replay.play";
  $("play").textContent = t("replay.play");
}

function play() {
  if (timer !== null) return stop();
  if (Number(scrubber.value) >= Number(scrubber.max)) goTo(1);
  $("play").setAttribute("aria-pressed", "true");
  $("play").dataset.i18n = "replay.pause";
  $("play").textContent = t("replay.pause");
  timer = setInterval(() => {
    const next = Number(scrubber.value) + 1;
    if (next > Number(scrubber.max)) return stop();
    goTo(next);
  }, PLAY_MS);
}

scrubber.addEventListener("input", () => load(Number(scrubber.value)));
$("first").addEventListener("click", () => goTo(1));
$("back").addEventListener("click", () => goTo(Number(scrubber.value) - 1));
$("forward").addEventListener("click", () => goTo(Number(scrubber.value) + 1));
$("last").addEventListener("click", () => goTo(Number(scrubber.max)));
$("play").addEventListener("click", play);
$("minutes-link").href = `/m/${encodeURIComponent(meeting)}/minutes`;

translate();
mountLanguageSwitch($("lang-switch"));
onLanguageChange(render);
load();
