// The member's page: meetings, joining the chamber, attendance, votes,
// justering, link tiles, and the member's own security settings.

import { mountLanguageSwitch, onLanguageChange, translate, t } from "/static/i18n.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";

const status = document.getElementById("portal-status");
let data = null;

/** A ballot as the member cast it: Ja/Nej/Avstår, or the names in an election. */
function ballotText(ballot) {
  if (!ballot) return "";
  if (ballot.choice) return t(`portal.ballot.${ballot.choice}`);
  return (ballot.names || []).join(", ");
}

function when(value) {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(document.documentElement.lang, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

function empty(key) {
  return el("p", { className: "empty", textContent: t(key) });
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
  document.getElementById("admin-link").hidden = !me.roles.some((r) =>
    ["secretary", "admin"].includes(r),
  );

  const meetings = document.getElementById("meetings");
  meetings.replaceChildren(
    ...(data.meetings.length ? [] : [empty("portal.meetings.none")]),
    ...data.meetings.map((m) =>
      el(
        "article",
        { className: "meeting-card", dataset: { meeting: m.id } },
        el("h3", { textContent: m.title }),
        el("p", { textContent: m.starts_at ? t("index.starts", { when: when(m.starts_at) }) : "" }),
        el(
          "p",
          {},
          el("a", {
            className: "button join",
            href: m.chamber,
            textContent: t("portal.join"),
          }),
        ),
        el("h4", { textContent: t("agenda.heading") }),
        el("ol", { className: "plain-list" }, ...m.agenda.map((i) => el("li", { textContent: i.title }))),
        ...(m.documents.length
          ? [
              el("h4", { textContent: t("portal.documents") }),
              el(
                "ul",
                { className: "plain-list" },
                ...m.documents.map((d) =>
                  el("li", {}, el("a", { href: d.url, textContent: d.title, rel: "noopener" })),
                ),
              ),
            ]
          : []),
      ),
    ),
  );

  const attendance = document.getElementById("attendance");
  attendance.replaceChildren(
    ...(data.attendance.length ? [] : [empty("portal.attendance.none")]),
    ...data.attendance.map((a) =>
      el(
        "div",
        { className: "meeting-card" },
        el("h3", { textContent: a.title }),
        el(
          "ul",
          { className: "plain-list" },
          ...a.intervals.map((i) =>
            el("li", {
              textContent: t("portal.attendance.span", {
                arrived: when(i.arrived),
                left: i.left === null ? t("portal.attendance.still") : when(i.left),
              }),
            }),
          ),
        ),
      ),
    ),
  );

  const votes = document.getElementById("votes");
  votes.replaceChildren(
    ...(data.votes.length ? [] : [el("li", { textContent: t("portal.votes.none") })]),
    ...data.votes.map((v) =>
      el("li", { textContent: `${v.title}: ${ballotText(v.ballot)} (${when(v.at)})` }),
    ),
  );
  const justering = document.getElementById("justering");
  justering.replaceChildren(
    ...(data.justering.length ? [] : [el("li", { textContent: t("portal.justering.none") })]),
    ...data.justering.map((j) =>
      el("li", {}, el("a", { href: j.minutes, textContent: j.title })),
    ),
  );
  document.getElementById("links").replaceChildren(
    ...data.links.map((link) =>
      el("li", {}, el("a", { href: link.url, textContent: link.title, rel: "noopener" })),
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
    });
    document
      .getElementById("renewed-codes")
      .replaceChildren(...result.recovery_codes.map((c) => el("li", { textContent: c })));
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
onLanguageChange(render);
load();
