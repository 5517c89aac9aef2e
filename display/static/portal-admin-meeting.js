// The secretary's meeting editor: title, time, place, chair and the agenda items
// (kind, diarienummer, titles in Swedish and English, förslag till beslut),
// in an order the secretary sets. Once the meeting is open the hub refuses
// changes to the agenda, and the editor says why.

import { t } from "/static/i18n.js";
import { ApiError, api, el, showError, showMessage } from "/static/portal-api.js";
import { formatLocal } from "/static/swedish-time.js";
import { mountNotice, showNotice } from "/static/portal-admin-notice.js";

const $ = (id) => document.getElementById(id);
const ITEM_FIELDS = ["id", "kind", "diarienummer", "title", "title_en", "proposal"];

let context = null; // { base, message, reload }
let documents = []; // the meeting's document links, kept as they are
let editing = null; // the saved meeting being edited, or null for a new one

function field(item, name) {
  const label = t(`admin.meeting.item_${name}`);
  if (name === "kind") {
    return el(
      "label",
      {},
      el("span", { text: label }),
      el(
        "select",
        { dataset: { field: name } },
        ...["arende", "val"].map((kind) =>
          el("option", { value: kind, text: t(`admin.meeting.item_kind.${kind}`), selected: item.kind === kind }),
        ),
      ),
    );
  }
  const input =
    name === "proposal"
      ? el("textarea", { rows: 3, dataset: { field: name } })
      : el("input", { dataset: { field: name }, required: name === "id" || name === "title" });
  input.value = item[name] || "";
  return el("label", {}, el("span", { text: label }), input);
}

function itemRow(item) {
  const li = el("li", { class: "agenda-edit-item" }, ...ITEM_FIELDS.map((name) => field(item, name)));
  const move = (step) => {
    const sibling = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (sibling) step < 0 ? sibling.before(li) : sibling.after(li);
    li.querySelector("input")?.focus();
  };
  li.append(
    el(
      "p",
      { class: "button-row" },
      el("button", { class: "button secondary", type: "button", text: t("admin.meeting.up"), onclick: () => move(-1) }),
      el("button", { class: "button secondary", type: "button", text: t("admin.meeting.down"), onclick: () => move(1) }),
      el("button", { class: "button secondary", type: "button", text: t("admin.meeting.remove_item"), onclick: () => li.remove() }),
    ),
  );
  return li;
}

function items() {
  return [...$("meeting-items").children].map((li) =>
    Object.fromEntries(ITEM_FIELDS.map((name) => [name, li.querySelector(`[data-field="${name}"]`).value.trim()])),
  );
}

/** The uploaded handlingar of a saved meeting, and the form for another. */
function renderFiles(m) {
  $("meeting-files").hidden = !m;
  if (!m) return;
  const items = Object.fromEntries(m.items.map((i) => [i.id, i.title]));
  $("file-list").replaceChildren(
    ...(m.files || []).map((f) =>
      el(
        "li",
        { dataset: { series: f.series } },
        el("a", {
          href: f.url,
          text: t("admin.files.entry", { title: f.title, item: f.item ? `${f.item} ${items[f.item] || ""}`.trim() : "–", version: f.version }),
        }),
      ),
    ),
  );
  $("file-item").replaceChildren(
    el("option", { value: "", text: t("admin.files.whole_meeting") }),
    ...m.items.map((i) => el("option", { value: i.id, text: `${i.id} ${i.title}` })),
  );
  $("file-replaces").replaceChildren(
    el("option", { value: "", text: t("admin.files.new_document") }),
    ...(m.files || []).map((f) => el("option", { value: f.series, text: f.title })),
  );
}

async function uploadFile(event) {
  event.preventDefault();
  const file = $("file-input").files[0];
  const title = $("file-title").value.trim();
  const query = new URLSearchParams({ title, item: $("file-item").value, filename: file?.name || "" });
  if ($("file-replaces").value) query.set("replaces", $("file-replaces").value);
  if ($("file-public").checked) query.set("public", "true");
  try {
    if (!file) throw new ApiError("document.not_pdf", 415);
    const response = await fetch(`/portal/api/admin/meetings/${encodeURIComponent(editing.id)}/documents?${query}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/pdf" },
      body: file,
    }).catch(() => {
      throw new ApiError("connection.lost", 0);
    });
    if (!response.ok) {
      const data = await response.json().catch(() => ({}));
      throw new ApiError(data.error || "server.error", response.status);
    }
    showMessage(context.message, t("admin.files.uploaded", { title }), "ok");
    $("file-form").reset();
    await context.reload();
  } catch (err) {
    showError(context.message, err);
  }
}

export function editMeeting(meeting) {
  editing = meeting;
  renderFiles(meeting);
  showNotice(meeting);
  const m = meeting || { id: "", title: "", starts_at: "", place: "", chair: "", items: [], documents: [], opened: false };
  $("meeting-form").hidden = false;
  $("meeting-opened").hidden = !m.opened;
  $("meeting-id").value = m.id;
  $("meeting-id").readOnly = Boolean(meeting);
  $("meeting-title").value = m.title;
  $("meeting-starts").value = (m.starts_at || "").slice(0, 16);
  $("meeting-chair").value = m.chair;
  $("meeting-place").value = m.place || "";
  documents = m.documents || [];
  $("meeting-items").replaceChildren(...m.items.map(itemRow));
  $("meeting-title").focus();
}

export function renderMeetings(meetings, people) {
  if (editing) {
    editing = meetings.find((m) => m.id === editing.id) || editing;
    renderFiles(editing);
    showNotice(editing);
  }
  $("admin-meetings").replaceChildren(
    ...meetings.map((m) =>
      el(
        "li",
        { dataset: { meeting: m.id } },
        t("admin.meeting.summary", {
          title: m.title,
          when: m.starts_at ? formatLocal(m.starts_at) : "–",
          count: m.items.length,
        }),
        " ",
        el("button", { class: "button secondary", type: "button", text: t("admin.meeting.edit"), onclick: () => editMeeting(m) }),
      ),
    ),
  );
  $("chair-options").replaceChildren(
    ...people.filter((p) => p.kind === "member").map((p) => el("option", { value: p.id, text: p.name })),
  );
}

async function save(event) {
  event.preventDefault();
  const title = $("meeting-title").value;
  try {
    await api(`${context.base()}/meetings`, {
      id: $("meeting-id").value,
      title,
      starts_at: $("meeting-starts").value,
      chair: $("meeting-chair").value,
      place: $("meeting-place").value.trim(),
      items: items(),
      documents,
    });
    showMessage(context.message, t("admin.meeting.saved", { title }), "ok");
    $("meeting-id").readOnly = true;
    editing = { id: $("meeting-id").value, items: [], files: [] };
    await context.reload();
  } catch (err) {
    showError(context.message, err);
  }
}

export function mountMeetingEditor(ctx) {
  context = ctx;
  $("new-meeting").addEventListener("click", () => editMeeting(null));
  $("add-item").addEventListener("click", () => {
    const n = $("meeting-items").children.length + 1;
    const row = itemRow({ id: String(n), kind: "arende" });
    $("meeting-items").append(row);
    row.querySelector('[data-field="title"]').focus();
  });
  $("meeting-form").addEventListener("submit", save);
  $("file-form").addEventListener("submit", uploadFile);
  mountNotice(ctx);
}
