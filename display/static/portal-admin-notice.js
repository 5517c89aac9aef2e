// The kallelse of the meeting being edited: each version published, what has
// changed since the last one, the law's last day for fullmäktige's public
// announcement, and who got the mail. Publishing again sends an ändrad
// kallelse listing the changes; "send again" retries the mails not yet sent.

import { t } from "/static/i18n.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";
import { changeText, versionText } from "/static/notice-text.js";
import { formatDay } from "/static/swedish-time.js";

const $ = (id) => document.getElementById(id);
let context = null; // { message }
let meeting = null; // the id of the meeting shown

const path = (suffix = "") => `/portal/api/admin/meetings/${encodeURIComponent(meeting)}/notice${suffix}`;

function versionEntry(v) {
  const parts = [versionText(v)];
  if (v.public) parts.push(t("notice.posted"));
  if (v.late) parts.push(t("notice.late", { day: formatDay(v.announce_by) }));
  return el(
    "li",
    { dataset: { version: String(v.version), late: String(v.late) } },
    parts.join(" · "),
    v.changes.length ? el("ul", {}, ...v.changes.map((c) => el("li", { text: changeText(c) }))) : "",
  );
}

function mailRow(m) {
  const state = m.sent ? t("notice.mail.sent") : m.error === "no e-mail address" ? t("notice.mail.no_address") : t("notice.mail.failed", { error: m.error });
  return el(
    "tr",
    { dataset: { person: m.person, sent: String(m.sent) } },
    el("td", { text: m.person }),
    el("td", { text: m.address || "–" }),
    el("td", { text: state }),
  );
}

function render(status) {
  const published = status.versions.length > 0;
  $("notice-deadline").textContent = status.announce_by ? t("notice.deadline", { day: formatDay(status.announce_by) }) : "";
  const posted = status.versions.some((v) => v.public); // an ändrad kallelse is posted too
  // A refresh (after a save or an upload) keeps the secretary's own choice; only the
  // law or an earlier posting decides it for them.
  const decided = status.must_be_public || posted;
  if (decided) $("notice-public").checked = true;
  $("notice-public").disabled = decided;
  $("notice-versions").replaceChildren(...status.versions.map(versionEntry));
  $("notice-unpublished").replaceChildren(...status.unpublished.map((c) => el("li", { text: changeText(c) })));
  $("notice-unpublished-heading").hidden = status.unpublished.length === 0;
  $("notice-publish").textContent = t(published ? "notice.publish_revised" : "notice.publish");
  const unsent = status.mail.filter((m) => !m.sent && m.address).length;
  $("notice-mail-summary").textContent = published
    ? t("notice.mail.summary", { sent: status.mail.filter((m) => m.sent).length, of: status.mail.length })
    : "";
  $("notice-mail").replaceChildren(...status.mail.map(mailRow));
  $("notice-resend").hidden = unsent === 0;
}

export async function showNotice(saved) {
  if ((saved?.id || null) !== meeting) $("notice-public").checked = false; // another meeting
  meeting = saved?.id || null;
  $("meeting-notice").hidden = !saved || saved.opened;
  if ($("meeting-notice").hidden) return;
  try {
    render(await api(path()));
  } catch (err) {
    showError(context.message, err);
  }
}

async function publish() {
  try {
    const status = await api(path(), { public: $("notice-public").checked });
    render(status);
    showMessage(context.message, t("notice.done", { version: status.published, ...status.delivered }), status.delivered.failed ? "error" : "ok");
  } catch (err) {
    showError(context.message, err);
  }
}

async function resend() {
  try {
    const status = await api(path("/resend"), {});
    render(status);
    showMessage(context.message, t("notice.resent", status.delivered), status.delivered.failed ? "error" : "ok");
  } catch (err) {
    showError(context.message, err);
  }
}

export function mountNotice(ctx) {
  context = ctx;
  $("notice-publish").addEventListener("click", publish);
  $("notice-resend").addEventListener("click", resend);
}
