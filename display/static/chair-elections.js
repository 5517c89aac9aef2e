// The chair's console, a request for a proportional election (lag 2022:629):
// the voters who ask for it are marked; at least ⌈present ÷ (seats + 1)⌉ of
// them make the election of those seats proportional. The hub decides and
// numbers the request; a granted one is then chosen in the vote form.

import { $, confirmAction, h, nameWithParty, run, setText, show, t } from "/static/screen.js";

let hub = null;

function threshold(present, seats) {
  return Math.ceil(present / (seats + 1));
}

export function renderProportionalRequest(view, connected) {
  const seated = Object.entries(view.attendance?.seated || {});
  const select = $("request-supporters");
  const chosen = new Set([...select.selectedOptions].map((o) => o.value));
  show(
    select,
    seated.map(([seat, person]) =>
      h("option", { key: person, value: person, selected: chosen.has(person), text: `${seat} ${nameWithParty(view, person)}` }),
    ),
  );
  const seats = Math.max(2, Number($("request-seats").value) || 2);
  const marked = [...select.selectedOptions].length;
  const needed = threshold(seated.length, seats);
  const count = $("request-count");
  count.dataset.enough = marked >= needed ? "yes" : "no";
  setText(count, t("chair.request_count", { n: marked, needed, present: seated.length }));
  $("request-proportional").disabled = !connected || !view.current_item || !marked;
}

async function request() {
  const seats = Number($("request-seats").value) || 2;
  const supporters = [...$("request-supporters").selectedOptions].map((o) => o.value);
  if (!(await confirmAction(t("chair.confirm_request", { seats, n: supporters.length })))) return;
  const answer = await run(hub, $("request-result"), "election.request_proportional", { seats, supporters }, "chair.request_recorded");
  if (answer.type === "ack") for (const option of $("request-supporters").options) option.selected = false;
}

/** Wire the request to the chair's connection; redraw() renders the console. */
export function mountProportionalRequest(connection, redraw) {
  hub = connection;
  $("request-proportional").addEventListener("click", request);
  $("request-supporters").addEventListener("change", redraw);
  $("request-seats").addEventListener("input", redraw);
}
