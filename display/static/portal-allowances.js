// The member's own basis for allowances this year: each meeting's times and
// rate, whether the secretary approved it, and a form to question it.

import { t } from "/static/i18n.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";
import { formatDay } from "/static/swedish-time.js";

const hours = (n) => new Intl.NumberFormat(document.documentElement.lang || "sv", { maximumFractionDigits: 2 }).format(n);
let data = null;

function rowText(row) {
  if (!row) return t("portal.allowances.no_row");
  return t("portal.allowances.row", { arrived: row.arrived, left: row.left, served: hours(row.served_hours), rate: row.rate });
}

function statusText(m) {
  if (m.allowance === "approved" && m.row?.approved) return `${t("portal.allowances.status.approved")} ${formatDay(m.row.approved)}`;
  return t(`portal.allowances.status.${m.allowance}`);
}

function questionForm(m, reload) {
  const id = `allowance-question-${m.meeting}`;
  const text = el("textarea", { id, rows: 3, maxlength: 2000, required: true });
  const message = el("p", { class: "message", role: "status" });
  const form = el(
    "form",
    { class: "form allowance-question" },
    el("label", { for: id, text: t("portal.allowances.question_label") }),
    text,
    el("button", { type: "submit", class: "button", text: t("portal.allowances.send") }),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(`/portal/api/meetings/${encodeURIComponent(m.meeting)}/allowances/question`, { reason: text.value });
      await reload();
      showMessage(document.getElementById("allowances-message"), t("portal.allowances.sent"), "ok");
    } catch (err) {
      showError(message, err);
    }
  });
  return el("details", {}, el("summary", { text: t("portal.allowances.question") }), form);
}

function card(m, reload) {
  const open = m.questions.some((q) => !q.answer);
  return el(
    "article",
    { class: "meeting-card allowance-card", dataset: { meeting: m.meeting, allowance: m.allowance } },
    el("h3", { text: `${formatDay(m.date)} · ${m.title}` }),
    el("p", { class: "allowance-row", text: rowText(m.row) }),
    m.row?.correction ? el("p", { class: "muted", text: t("portal.allowances.corrected", { reason: m.row.correction }) }) : "",
    el("p", { class: "allowance-status", text: statusText(m) }),
    ...m.questions.flatMap((q) => [
      el("p", { class: "muted", text: t("portal.allowances.asked", { reason: q.reason }) }),
      // A correction's reason is shown with the row already.
      q.answer && !q.corrected ? el("p", { text: t("portal.allowances.answered", { answer: q.answer }) }) : "",
    ]),
    open ? "" : questionForm(m, reload),
  );
}

export function renderAllowances() {
  if (!data) return;
  const meetings = data.meetings;
  document.getElementById("allowances").replaceChildren(
    ...(meetings.length ? meetings.map((m) => card(m, loadAllowances)) : [el("p", { class: "empty", text: t("portal.allowances.none") })]),
  );
}

export async function loadAllowances() {
  const section = document.getElementById("allowances-panel");
  try {
    data = await api("/portal/api/me/allowances");
    section.hidden = false;
    renderAllowances();
  } catch (err) {
    if (err.status === 403) section.hidden = true; // not a member of any body
    else showError(document.getElementById("allowances-message"), err);
  }
}
