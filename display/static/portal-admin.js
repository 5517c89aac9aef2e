// The secretary's page: the body and its parties, people and their accounts,
// roster import, meetings, and the security log. Resets ask for a reason,
// which is logged.

import { mountLanguageSwitch, translate, t } from "/static/i18n.js";
import { formatWhen } from "/static/swedish-time.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";
import { mountBody, renderBody } from "/static/portal-admin-body.js";
import { mountMeetingEditor, renderMeetings } from "/static/portal-admin-meeting.js";

const select = document.getElementById("assembly");
const message = document.getElementById("admin-message");
const base = () => `/portal/api/admin/assemblies/${encodeURIComponent(select.value)}`;
let assemblies = [];
let people = []; // the chosen body's, to fill the person form from
const assembly = () => assemblies.find((a) => a.id === select.value);

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

async function removePlace(person) {
  try {
    await api(`${base()}/people/${encodeURIComponent(person)}/remove-place`, {});
    showMessage(message, t("admin.person.removed", { id: person }), "ok");
    await loadAssembly();
  } catch (err) {
    showError(message, err);
  }
}

function personAction(p) {
  if (p.home !== select.value) {
    // A place in a further body: the account belongs to the person's own body.
    const body = assemblies.find((a) => a.id === p.home)?.name || p.home;
    return [
      `${t("admin.person.home", { body })} `,
      el("button", { class: "button secondary", type: "button", text: t("admin.person.remove_place"), onclick: () => removePlace(p.id) }),
    ];
  }
  const action =
    p.account === "none"
      ? el("button", { class: "button secondary", type: "button", text: t("portal.admin.create_account") })
      : el("button", { class: "button secondary", type: "button", text: t("portal.admin.reset") });
  action.addEventListener("click", () => accountAction(p.id, p.account === "none" ? "create" : "reset"));
  return [action];
}

function personRow(p) {
  return el(
    "tr",
    { dataset: { person: p.id } },
    el("td", { text: p.id }),
    el("td", { text: p.name }),
    el("td", { text: t(`portal.admin.kind.${p.kind}`) }),
    el("td", { text: p.party ?? "" }),
    el("td", { text: p.seat ?? p.order ?? "" }),
    el("td", { text: roleNames(p.roles) }),
    el("td", { text: p.email || "–" }),
    el("td", { text: t(`portal.admin.account.${p.account}`) }),
    el("td", {}, ...personAction(p)),
  );
}

async function loadAssembly() {
  let parties, meetings, events;
  [people, parties, meetings, events] = await Promise.all([
    api(`${base()}/people`),
    api(`${base()}/parties`),
    api(`${base()}/meetings`),
    api("/portal/api/admin/security-events"),
  ]);
  renderBody(assembly(), parties);
  document.getElementById("person-party").replaceChildren(
    el("option", { value: "", text: "–" }),
    ...parties.map((p) => el("option", { value: p.id, text: `${p.id} – ${p.name}` })),
  );
  document.getElementById("people").replaceChildren(...people.map(personRow));
  renderMeetings(meetings, people);
  document.getElementById("events").replaceChildren(
    ...events.map((e) =>
      el("li", {
        text: `${formatWhen(e.at, { dateStyle: "short", timeStyle: "medium" })} ${e.action} ${e.actor} → ${e.subject} ${e.reason}`,
      }),
    ),
  );
}

/** The bodies again (after one is saved or made), then the chosen one's contents. */
async function load(choose = select.value) {
  try {
    assemblies = await api("/portal/api/admin/assemblies");
    select.replaceChildren(...assemblies.map((a) => el("option", { value: a.id, text: a.name })));
    if (assemblies.some((a) => a.id === choose)) select.value = choose;
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

// A known id fills the form with the person as saved, so that a change keeps the rest.
document.getElementById("person-id").addEventListener("change", (event) => {
  const known = people.find((p) => p.id === event.target.value.trim());
  if (!known) return;
  const fill = { name: known.name, kind: known.kind, party: known.party ?? "", seat: known.seat ?? "", order: known.order ?? "", roles: known.roles, email: known.email };
  for (const [key, value] of Object.entries(fill)) document.getElementById(`person-${key}`).value = value ?? "";
});

document.getElementById("person-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const number = (id) => (value(id) ? Number(value(id)) : null);
  try {
    await api(`${base()}/people`, {
      id: value("person-id"),
      name: value("person-name"),
      kind: value("person-kind"),
      party: value("person-party") || null,
      seat: number("person-seat"),
      order: number("person-order"),
      roles: value("person-roles"),
      email: value("person-email"),
    });
    showMessage(message, t("admin.person.saved", { id: value("person-id") }), "ok");
    await loadAssembly();
  } catch (err) {
    showError(message, err);
  }
});

mountBody({ assembly, base, message, reload: load });
mountMeetingEditor({ base, message, reload: loadAssembly });

translate();
document.title = t("portal.admin.title");
mountLanguageSwitch(document.getElementById("lang-switch"));
load();
