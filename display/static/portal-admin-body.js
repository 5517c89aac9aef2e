// The secretary's body: its name, kind and ersättarordning, a new body, and
// its parties. A party's own substitutes always serve first; the order names
// the parties whose substitutes serve after them (only outside fullmäktige).

import { t } from "/static/i18n.js";
import { api, el, showError, showMessage } from "/static/portal-api.js";

const KINDS = ["fullmaktige", "styrelse", "namnd", "beredning"];
const $ = (id) => document.getElementById(id);

let context = null; // { assembly, base, message, reload }

/** "MP, L C" -> ["MP", "L", "C"] */
function parties(text) {
  return text.split(/[\s,;]+/).filter(Boolean);
}

function orderRows(body, partyList) {
  const order = body.substitute_order || {};
  return partyList.map((p) =>
    el(
      "label",
      {},
      el("span", { text: t("admin.body.order_party", { party: p.id }) }),
      el("input", {
        dataset: { party: p.id },
        value: (order[p.id] || []).filter((other) => other !== p.id).join(", "),
        placeholder: t("admin.body.order_placeholder"),
      }),
    ),
  );
}

function showOrder() {
  const fullmaktige = $("body-kind").value === "fullmaktige";
  $("order-note").textContent = t(fullmaktige ? "admin.body.order_fullmaktige" : "admin.body.order_intro");
  for (const input of $("order-rows").querySelectorAll("input")) input.disabled = fullmaktige;
}

export function renderBody(body, partyList) {
  $("body-name").value = body.name;
  $("body-kind").replaceChildren(
    ...KINDS.map((kind) => el("option", { value: kind, text: t(`admin.body.kind.${kind}`), selected: kind === body.kind })),
  );
  $("order-rows").replaceChildren(...orderRows(body, partyList));
  showOrder();
  $("parties").replaceChildren(
    ...partyList.map((p) =>
      el("li", { dataset: { party: p.id } }, el("span", { class: "swatch", style: `background:${p.color}` }), ` ${p.id} – ${p.name}`),
    ),
  );
}

async function saveBody(event) {
  event.preventDefault();
  const { assembly, message } = context;
  const fullmaktige = $("body-kind").value === "fullmaktige";
  const order = {};
  for (const input of $("order-rows").querySelectorAll("input")) {
    const then = parties(input.value);
    if (!fullmaktige && then.length) order[input.dataset.party] = [input.dataset.party, ...then];
  }
  try {
    await api("/portal/api/admin/assemblies", {
      id: assembly().id,
      name: $("body-name").value,
      links: assembly().links,
      kind: $("body-kind").value,
      substitute_order: order,
    });
    showMessage(message, t("admin.body.saved"), "ok");
    await context.reload();
  } catch (err) {
    showError(message, err);
  }
}

async function createBody(event) {
  event.preventDefault();
  const name = $("new-body-name").value;
  try {
    await api("/portal/api/admin/assemblies", { id: $("new-body-id").value, name, links: [] });
    showMessage(context.message, t("admin.body.created", { name }), "ok");
    await context.reload($("new-body-id").value);
  } catch (err) {
    showError(context.message, err);
  }
}

/** A party keeps its place in the list when changed; a new one comes last. */
function partyPosition(id) {
  const listed = [...$("parties").children].map((li) => li.dataset.party);
  return listed.includes(id) ? listed.indexOf(id) : listed.length;
}

async function saveParty(event) {
  event.preventDefault();
  try {
    await api(`${context.base()}/parties`, {
      id: $("party-id").value,
      name: $("party-name").value,
      color: $("party-color").value,
      position: partyPosition($("party-id").value),
    });
    await context.reload();
  } catch (err) {
    showError(context.message, err);
  }
}

export function mountBody(ctx) {
  context = ctx;
  $("body-kind").addEventListener("change", showOrder);
  $("body-form").addEventListener("submit", saveBody);
  $("new-body-form").addEventListener("submit", createBody);
  $("party-form").addEventListener("submit", saveParty);
}
