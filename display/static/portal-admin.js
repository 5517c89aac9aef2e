// The secretary's page: people and their accounts, roster import,
// meetings, and the security log. Resets ask for a reason, which is logged.

import { mountLanguageSwitch, translate, t } from "/static/i18n.js";
import { formatWhen } from "/static/swedish-time.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";

const select = document.getElementById("assembly");
const message = document.getElementById("admin-message");
const base = () => `/portal/api/admin/assemblies/${encodeURIComponent(select.value)}`;

async function accountAction(person, kind) {
  try {
    let result;
    if (kind === "reset") {
      const reason = prompt(t("portal.admin.reason"));
      if (!reason) return;
      result = await api(`/portal/api/admin/people/${encodeURIComponent(person)}/reset-second-factor`, { reason });
    } else {
      result = await api(`/portal/api/admin/people/${encodeURIComponent(person)}/account`, {});
    }
    showMessage(message, t("portal.admin.enrol_link", { url: result.enrol_url }), "ok");
    await loadAssembly();
  } catch (err) {
    showError(message, err);
  }
}

/** "secretary,auditor" as people read it: "sekreterare, granskare". */
function roleNames(roles) {
  return (roles || "").split(",").filter(Boolean).map((role) => t(`role.${role.trim()}`)).join(", ");
}

function personRow(p) {
  const action =
    p.account === "none"
      ? el("button", { class: "button secondary", type: "button", text: t("portal.admin.create_account") })
      : el("button", { class: "button secondary", type: "button", text: t("portal.admin.reset") });
  action.addEventListener("click", () => accountAction(p.id, p.account === "none" ? "create" : "reset"));
  return el(
    "tr",
    { dataset: { person: p.id } },
    el("td", { text: p.id }),
    el("td", { text: p.name }),
    el("td", { text: t(`portal.admin.kind.${p.kind}`) }),
    el("td", { text: p.party ?? "" }),
    el("td", { text: p.seat ?? p.order ?? "" }),
    el("td", { text: roleNames(p.roles) }),
    el("td", { text: t(`portal.admin.account.${p.account}`) }),
    el("td", {}, action),
  );
}

async function loadAssembly() {
  const [people, meetings, events] = await Promise.all([
    api(`${base()}/people`),
    api(`${base()}/meetings`),
    api("/portal/api/admin/security-events"),
  ]);
  document.getElementById("people").replaceChildren(...people.map(personRow));
  document.getElementById("admin-meetings").replaceChildren(
    ...meetings.map((m) => el("li", { text: `${m.title} (${m.starts_at || "–"}), ${m.items.length}` })),
  );
  document.getElementById("events").replaceChildren(
    ...events.map((e) =>
      el("li", {
        text: `${formatWhen(e.at, { dateStyle: "short", timeStyle: "medium" })} ${e.action} ${e.actor} → ${e.subject} ${e.reason}`,
      }),
    ),
  );
}

async function load() {
  try {
    const assemblies = await api("/portal/api/admin/assemblies");
    select.replaceChildren(...assemblies.map((a) => el("option", { value: a.id, text: a.name })));
    await loadAssembly();
  } catch (err) {
    if (err.status === 401) location.assign("/portal/login");
    else showError(message, err);
  }
}

select.addEventListener("change", () => loadAssembly().catch((err) => showError(message, err)));
document.getElementById("roster-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const result = await api(`${base()}/roster`, { csv: document.getElementById("roster-csv").value });
    showMessage(message, t("portal.admin.imported", { count: result.imported }), "ok");
    await loadAssembly();
  } catch (err) {
    showError(message, err);
  }
});

translate();
document.title = t("portal.admin.title");
mountLanguageSwitch(document.getElementById("lang-switch"));
load();
