// The member's page: meetings, joining the chamber, attendance, votes,
// justering, link tiles, and the member's own security settings.

import { mountLanguageSwitch, onLanguageChange, translate, t } from "/static/i18n.js";
import { api, el, mountCodeActions, showError, showMessage } from "/static/portal-api.js";
import { loadAllowances, renderAllowances } from "/static/portal-allowances.js";
import { changeText, versionText } from "/static/notice-text.js";
import { formatDay, formatWhen } from "/static/swedish-time.js";

const status = document.getElementById("portal-status");
let data = null;

/** A ballot as the member cast it: Ja/Nej/Avstår, or the names in an election. */
function ballotText(ballot) {
  if (!ballot) return "";
  if (ballot.choice) return t(`portal.ballot.${ballot.choice}`);
  return (ballot.names || []).join(", ");
}

function when(value) {
  return formatWhen(value);
}

function empty(key) {
  return el("p", { class: "empty", text: t(key) });
}

/** A meeting's heading line: its date and time in Swedish time, and its state. */
function meetingLine(m) {
  const parts = [m.body, m.starts_at ? when(m.starts_at) : formatDay(m.day), m.place];
  parts.push(t(`portal.status.${m.status}`));
  return parts.filter(Boolean).join(" · ");
}

/** A document's link: "Budgetförslag (version 2)". */
function documentLink(d) {
  const text = d.version > 1 ? t("portal.document_version", { title: d.title, version: d.version }) : d.title;
  return el("li", { dataset: { document: d.id ?? "" } }, el("a", { href: d.view || d.url, text, rel: "noopener" }));
}

function agendaAndDocuments(m) {
  // An item's handlingar under the item; the meeting's own (and plain links) after the agenda.
  const ofItem = (id) => m.documents.filter((d) => d.item === id);
  const general = m.documents.filter((d) => !d.item);
  return [
    el("h4", { text: t("agenda.heading") }),
    el(
      "ol",
      { class: "plain-list" },
      ...m.agenda.map((i) =>
        el(
          "li",
          { dataset: { item: i.id } },
          i.title,
          ...(ofItem(i.id).length ? [el("ul", { class: "plain-list documents" }, ...ofItem(i.id).map(documentLink))] : []),
        ),
      ),
    ),
    ...(general.length
      ? [el("h4", { text: t("portal.documents") }), el("ul", { class: "plain-list" }, ...general.map(documentLink))]
      : []),
  ];
}

/** The kallelse and every ändrad kallelse since, with what each changed. */
function noticeLines(m) {
  return (m.notices || []).map((v) =>
    el(
      "p",
      { class: "notice-line", dataset: { version: String(v.version) } },
      [versionText(v), ...v.changes.map(changeText)].join(" · "),
    ),
  );
}

function meetingCard(m, { join }) {
  const actions = [];
  if (join) {
    actions.push(el("a", { class: "button join", href: m.chamber, text: t("portal.join") }));
    if (m.console) {
      actions.push(
        el("a", { class: "button secondary", href: m.console, text: t("portal.console") }),
      );
    }
  }
  if (m.starts_at) {
    actions.push(
      el("a", {
        class: "button secondary add-to-calendar",
        href: `/portal/api/meetings/${encodeURIComponent(m.id)}/calendar.ics`,
        download: `${m.id}.ics`,
        text: t("portal.calendar.add"),
      }),
    );
  }
  return el(
    "article",
    { class: "meeting-card", dataset: { meeting: m.id, status: m.status } },
    el("h3", { text: m.title }),
    el("p", { text: meetingLine(m) }),
    ...noticeLines(m),
    ...(actions.length ? [el("p", { class: "actions" }, ...actions)] : []),
    ...agendaAndDocuments(m),
  );
}

function todoItem(item) {
  if (item.kind === "justering") {
    const days = item.justering_days_left;
    const due =
      days === null || days === undefined
        ? ""
        : days < 0
          ? t("portal.todo.overdue", { n: -days })
          : t("portal.todo.days_left", { n: days });
    return el(
      "li",
      { dataset: { kind: item.kind, meeting: item.meeting } },
      el("a", { href: item.minutes, text: t(`portal.todo.justering.${item.role}`, { title: item.title }) }),
      item.justering_by ? ` – ${t("portal.todo.by", { date: formatDay(item.justering_by), due })}` : "",
    );
  }
  return reasonForm(item);
}

/** A reservation without its written reason: a form that hands it in, into the log. */
function reasonForm(item) {
  const against = item.decision ? { decision: item.decision } : { vote: item.vote };
  const id = `reason-${item.meeting}-${item.decision || item.vote}`;
  const text = el("textarea", { id, rows: 3, maxlength: 4000, required: true });
  const message = el("p", { class: "message", role: "status" });
  const form = el(
    "form",
    { class: "form reason-form" },
    el("label", {
      htmlFor: id,
      text: t("portal.todo.reservation_reason", { question: item.question || item.vote }),
    }),
    text,
    el("button", { type: "submit", class: "button", text: t("portal.todo.reason_send") }),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(`/api/meetings/${encodeURIComponent(item.meeting)}/reservations/reason`, {
        ...against,
        reason: text.value,
      });
      showMessage(message, t("portal.todo.reason_sent"), "ok");
      await load();
    } catch (err) {
      showError(message, err);
    }
  });
  return el("li", { dataset: { kind: item.kind, meeting: item.meeting, ...against } }, form);
}

function pastCard(m) {
  const did = [];
  if (m.attendance.length) {
    did.push(
      el("h4", { text: t("portal.attendance.heading") }),
      el(
        "ul",
        { class: "plain-list attendance" },
        ...m.attendance.map((i) =>
          el("li", {
            text: t("portal.attendance.span", {
              arrived: when(i.arrived),
              left: i.left === null ? t("portal.attendance.still") : when(i.left),
            }),
          }),
        ),
      ),
    );
  }
  if (m.ballots.length) {
    did.push(
      el("h4", { text: t("portal.votes.heading") }),
      el(
        "ul",
        { class: "plain-list ballots" },
        ...m.ballots.map((b) =>
          el("li", { text: `${b.question || b.vote}: ${ballotText(b.ballot)}` }),
        ),
      ),
    );
  }
  return el(
    "article",
    { class: "meeting-card", dataset: { meeting: m.id, status: m.status } },
    el("h3", { text: m.title }),
    el("p", { text: meetingLine(m) }),
    ...(m.todo.length
      ? [el("h4", { text: t("portal.todo.heading") }), el("ul", { class: "plain-list todo" }, ...m.todo.map(todoItem))]
      : []),
    ...(did.length ? did : [empty("portal.past.nothing")]),
    el("p", {}, el("a", { href: m.minutes, text: t("portal.minutes") })),
  );
}

/** "Hälso- och sjukvårdsnämnden: ersättare för M, nr 4". */
function bodyItem(b) {
  const where =
    b.kind === "member"
      ? t("portal.body.member", { seat: b.seat ?? "–", party: b.party || "" })
      : b.kind === "substitute"
        ? t("portal.body.substitute", { order: b.order ?? "–", party: b.party || "" })
        : t("portal.body.official");
  const roles = (b.roles || []).map((r) => t(`role.${r}`));
  return el("li", { dataset: { body: b.id }, text: [`${b.name}: ${where}`, ...roles].join(", ") });
}

function render() {
  if (!data) return;
  const me = data.me;
  document.getElementById("me-heading").textContent = t("portal.welcome", { name: me.name });
  document.getElementById("me-details").textContent = [
    me.assembly,
    me.seat ? t("me.seat", { seat: me.seat }) : "",
    me.party || "",
  ]
    .filter(Boolean)
    .join(" · ");
  document.getElementById("my-bodies").replaceChildren(...(me.bodies || []).map(bodyItem));
  document.getElementById("admin-link").hidden = !me.roles.some((r) =>
    ["secretary", "admin"].includes(r),
  );

  document.getElementById("today-panel").hidden = data.today.length === 0;
  document.getElementById("today").replaceChildren(...data.today.map((m) => meetingCard(m, { join: true })));
  const upcoming = document.getElementById("meetings");
  upcoming.replaceChildren(
    ...(data.upcoming.length ? [] : [empty("portal.meetings.none")]),
    ...data.upcoming.map((m) => meetingCard(m, { join: false })),
  );
  // Today's meeting too: its minutes and reservations are to be seen to the same evening.
  const todo = [...data.today, ...data.past].flatMap((m) => m.todo);
  document
    .getElementById("justering")
    .replaceChildren(
      ...(todo.length ? todo.map(todoItem) : [el("li", { text: t("portal.todo.none") })]),
    );
  document
    .getElementById("past")
    .replaceChildren(...(data.past.length ? data.past.map(pastCard) : [empty("portal.past.none")]));
  document.getElementById("links").replaceChildren(
    ...data.links.map((link) =>
      el("li", {}, el("a", { href: link.url, text: link.title, rel: "noopener" })),
    ),
  );
  document.getElementById("codes-left").textContent = t("portal.codes.left", {
    count: data.recovery_codes_left,
  });
}

async function load() {
  try {
    data = await api("/portal/api/me");
    status.textContent = "";
    render();
  } catch (err) {
    if (err.status === 401) {
      location.assign("/portal/login");
      return;
    }
    showError(status, err);
  }
}

async function logout(path) {
  try {
    await api(path, {});
  } finally {
    location.assign("/portal/login");
  }
}

document.getElementById("calendar-feed").addEventListener("click", async () => {
  const message = document.getElementById("calendar-message");
  try {
    const result = await api("/portal/api/calendar-feed", {});
    const url = new URL(result.url, location.origin);
    const webcal = url.href.replace(/^https?:/, "webcal:");
    document.getElementById("calendar-url").value = url.href;
    document.getElementById("calendar-subscribe").href = webcal;
    document.getElementById("calendar-address").hidden = false;
    showMessage(message, t("portal.calendar.made"), "ok");
  } catch (err) {
    showError(message, err);
  }
});
document.getElementById("logout").addEventListener("click", () => logout("/portal/api/logout"));
document
  .getElementById("logout-everywhere")
  .addEventListener("click", () => logout("/portal/api/logout-everywhere"));
document.getElementById("renew-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const message = document.getElementById("renew-message");
  try {
    const result = await api("/portal/api/recovery-codes", {
      password: document.getElementById("renew-password").value,
      code: document.getElementById("renew-code").value,
    });
    document
      .getElementById("renewed-codes")
      .replaceChildren(...result.recovery_codes.map((c) => el("li", { text: c })));
    document.querySelector('.code-actions[data-codes="renewed-codes"]').hidden = false;
    showMessage(message, t("portal.codes.renewed"), "ok");
    data.recovery_codes_left = result.recovery_codes.length;
    render();
  } catch (err) {
    showError(message, err);
  }
});

translate();
document.title = t("portal.title");
mountLanguageSwitch(document.getElementById("lang-switch"));
onLanguageChange(() => {
  render();
  renderAllowances();
});
mountCodeActions();
load();
loadAllowances();
