// The secretary's review of the basis for allowances: each held meeting's
// approval (by the digest of the rows shown), the members' questions with an
// answer or a correction, and a correction of anyone's times with its reason.

import { t } from "/static/i18n.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";
import { formatDay } from "/static/swedish-time.js";

const $ = (id) => document.getElementById(id);
const action = (meeting, what) => `/portal/api/meetings/${encodeURIComponent(meeting)}/allowances/${what}`;

let people = [];
let peopleOf = "";
let reload = async () => {};

/** Members and substitutes of the assembly, for the correction's person list. */
async function loadPeople(assembly) {
  if (peopleOf === assembly) return;
  const all = await api(`/portal/api/admin/assemblies/${encodeURIComponent(assembly)}/people`);
  people = all.filter((p) => p.kind === "member" || p.kind === "substitute");
  peopleOf = assembly;
}

async function send(meeting, what, body) {
  const message = $("review-message");
  try {
    await api(action(meeting, what), body);
    showMessage(message, t(`portal.year.review.${what}_done`), "ok");
    await reload();
  } catch (err) {
    showError(message, err);
  }
}

function statusText(m) {
  if (m.allowance === "approved") return t("portal.year.review.approved", { at: m.approved_at, by: m.approved_by });
  return t(`portal.year.review.${m.allowance}`);
}

function meetingRow(m) {
  const approvable = m.allowance === "to_approve" || m.allowance === "changed";
  const button = approvable
    ? el("button", { type: "button", class: "button", dataset: { approve: m.meeting }, text: t("portal.year.review.approve"), onclick: () => send(m.meeting, "approve", { digest: m.digest }) })
    : "";
  return el(
    "tr",
    { dataset: { key: m.meeting, allowance: m.allowance } },
    el("td", { text: formatDay(m.date) }),
    el("td", { text: m.title }),
    el("td", { class: "review-status", text: statusText(m) }),
    el("td", {}, button),
  );
}

function questionItem(q) {
  const open = !q.answer;
  const answer = el("textarea", { rows: 2, maxlength: 2000, "aria-label": t("portal.year.review.answer_label") });
  const parts = [
    el("p", { text: t("portal.year.review.asked", { name: q.name, date: formatDay(q.date), at: q.asked_at }) }),
    el("blockquote", { text: q.reason }),
  ];
  if (open) {
    parts.push(
      answer,
      el("p", { class: "button-row" },
        el("button", { type: "button", class: "button", dataset: { answer: q.person }, text: t("portal.year.review.answer"), onclick: () => send(q.meeting, "answer", { person: q.person, answer: answer.value }) }),
        el("button", { type: "button", class: "button secondary", dataset: { correct: q.person }, text: t("portal.year.review.correct_this"), onclick: () => fillCorrection(q.meeting, q.person) }),
      ),
    );
  } else {
    parts.push(el("p", { class: "muted", text: t(q.corrected ? "portal.year.review.was_corrected" : "portal.year.review.was_answered", { answer: q.answer }) }));
  }
  return el("li", { class: "review-question", dataset: { meeting: q.meeting, person: q.person, open: String(open) } }, ...parts);
}

function fillCorrection(meeting, person) {
  $("correct-meeting").value = meeting;
  $("correct-person").value = person;
  $("correct-arrived").focus();
}

/** Render the review from the year's data; ``again`` reloads the year after an act. */
export async function renderReview(data, assembly, again) {
  reload = again;
  const held = data.meetings.filter((m) => m.held);
  $("year-review").replaceChildren(
    el("thead", {}, el("tr", {}, ...["date", "title", "allowance", "action"].map((key) => el("th", { scope: "col", text: t(`portal.year.col.${key}`) })))),
    el("tbody", {}, ...held.map(meetingRow)),
  );
  const questions = data.questions;
  $("year-questions").replaceChildren(...(questions.length ? questions.map(questionItem) : [el("li", { class: "empty", text: t("portal.year.review.no_questions") })]));
  const meeting = $("correct-meeting");
  const chosen = meeting.value;
  meeting.replaceChildren(...held.map((m) => el("option", { value: m.meeting, text: `${formatDay(m.date)} ${m.title}` })));
  if (held.some((m) => m.meeting === chosen)) meeting.value = chosen;
  try {
    await loadPeople(assembly);
  } catch (err) {
    showError($("review-message"), err);
  }
  const person = $("correct-person");
  const picked = person.value;
  person.replaceChildren(...people.map((p) => el("option", { value: p.id, text: p.name })));
  if (people.some((p) => p.id === picked)) person.value = picked;
}

export function mountReview() {
  $("correct-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (id) => $(id).value.trim();
    send(value("correct-meeting"), "correct", {
      person: value("correct-person"),
      arrived: value("correct-arrived"),
      left: value("correct-left"),
      served: value("correct-served"),
      reason: value("correct-reason"),
    });
  });
}
