// The chair's console, the justerare: the meeting elects one or two members to
// verify the minutes with the chair; the console records whom it elected.

import { $, confirmAction, h, nameWithParty, run, setText, show, t } from "/static/screen.js";

let hub = null;
let picked = [];

/** Members who have attended and may verify: not the one presiding. */
function eligible(view) {
  const presiding = view.meeting?.presiding;
  const people = view.roster?.people || {};
  return Object.entries(view.attendance?.presence || {})
    .filter(([person, state]) => state !== "absent" && person !== presiding && people[person]?.kind !== "official")
    .map(([person]) => person)
    .sort((a, b) => (people[a]?.seat ?? 999) - (people[b]?.seat ?? 999));
}

export function renderJusterare(view, connected) {
  const count = view.meeting?.justerare_count || 2;
  const elected = view.meeting?.justerare || [];
  const people = eligible(view);
  if (picked.length !== count) picked = Array.from({ length: count }, (_, i) => elected[i] || "");
  picked = picked.map((person) => (people.includes(person) ? person : ""));
  show(
    $("justerare-picks"),
    picked.map((chosen, index) =>
      h(
        "label",
        { key: `j${index}`, class: "justerare-pick" },
        h("span", { text: t("chair.justerare_n", { n: index + 1 }) }),
        h(
          "select",
          { "data-index": index },
          h("option", { value: "", selected: !chosen, text: "–" }),
          people.map((person) => h("option", { key: person, value: person, selected: chosen === person, text: nameWithParty(view, person) })),
        ),
      ),
    ),
  );
  const whole = picked.every(Boolean) && new Set(picked).size === count;
  const same = whole && picked.every((person, i) => person === elected[i]);
  $("elect-justerare").disabled = !connected || !whole || same;
  setText(
    $("justerare-elected"),
    elected.length ? t("chair.justerare_elected", { names: elected.map((p) => nameWithParty(view, p)).join(t("chair.and")) }) : t("chair.justerare_none"),
  );
  $("justerare-elected").dataset.elected = elected.join(" ");
}

async function elect(event) {
  event.preventDefault();
  const view = hub.view;
  const names = picked.map((person) => nameWithParty(view, person)).join(t("chair.and"));
  if (!(await confirmAction(t("chair.confirm_justerare", { names })))) return;
  await run(hub, $("justerare-result"), "minutes.elect_justerare", { persons: picked }, "chair.justerare_recorded");
}

/** Wire the justerare form to the chair's connection. */
export function mountJusterare(connection, rerender) {
  hub = connection;
  $("justerare-picks").addEventListener("change", (event) => {
    const select = event.target.closest("select[data-index]");
    if (!select) return;
    picked[Number(select.dataset.index)] = select.value;
    rerender();
  });
  $("justerare-form").addEventListener("submit", elect);
}
