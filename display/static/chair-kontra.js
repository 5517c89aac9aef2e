// The chair's console, kontrapropositionsvotering: three or more proposals
// are put against each other two at a time, each round by acclamation (ja-rop)
// unless a member demands a vote, and the survivor against the main proposal
// in the final round. The hub numbers the rounds and knows who stands in each.

import { $, confirmAction, h, nameWithParty, personName, run, show, t } from "/static/screen.js";

let hub = null;
let orderApplied = ""; // the approved order last put into the vote form

/** "Bifall – Erik Lund": a proposal as the chair names it. */
export function proposalLabel(view, id) {
  const p = (view.debate?.proposals || []).find((x) => x.id === id);
  if (!p) return id;
  return `${t(`proposal.kind.${p.kind}`)} – ${p.authors.map((a) => personName(view, a.person)).join(", ")}`;
}

function activeProcedure(view) {
  return Object.entries(view.votes?.procedures || {})
    .map(([id, p]) => ({ id, ...p }))
    .find((p) => p.item === view.current_item && p.current);
}

export function renderKontra(view, connected) {
  const procedure = activeProcedure(view);
  const proposals = (view.debate?.proposals || []).filter((p) => p.status === "active");
  $("kontra-start").hidden = Boolean(procedure);
  const main = $("kontra-main");
  const chosen = main.value;
  show(main, proposals.map((p) => h("option", { key: p.id, value: p.id, text: proposalLabel(view, p.id) })));
  if (proposals.some((p) => p.id === chosen)) main.value = chosen;
  $("kontra-start-button").disabled = !connected || !view.current_item || proposals.length < 3;
  show($("kontra-round"), procedure ? roundControls(view, procedure, connected) : []);
}

function roundControls(view, procedure, connected) {
  const round = procedure.current;
  const names = { ja: proposalLabel(view, round.ja), nej: proposalLabel(view, round.nej) };
  const heading = t(round.final ? "kontra.final_round" : "kontra.round", { round: round.round, ...names });
  const demanded = procedure.vote_demanded_by || [];
  const parts = [h("p", { class: "kontra-now", "data-round": round.round, text: heading })];
  if (procedure.vote) {
    parts.push(h("p", { class: "hint", text: t("kontra.vote_under_way") }));
  } else if (demanded.length) {
    parts.push(
      h("p", { class: "hint", text: t("kontra.demanded_by", { names: demanded.map((p) => personName(view, p)).join(", ") }) }),
      h("button", { type: "button", class: "button", id: "kontra-open-vote", "data-procedure": procedure.id, disabled: !connected, text: t("kontra.open_vote") }),
    );
  } else {
    parts.push(
      h(
        "div",
        { class: "button-row", role: "group", "aria-label": t("kontra.settle_label") },
        ["ja", "nej"].map((side) =>
          h("button", {
            type: "button",
            class: "button secondary kontra-settle",
            "data-procedure": procedure.id,
            "data-winner": round[side],
            disabled: !connected,
            text: t("kontra.won", { name: names[side] }),
          }),
        ),
      ),
      h("label", { for: "kontra-demander", text: t("kontra.demander") }),
      h(
        "select",
        { id: "kontra-demander" },
        Object.entries(view.attendance?.seated || {}).map(([seat, person]) =>
          h("option", { key: person, value: person, text: `${seat} ${nameWithParty(view, person)}` }),
        ),
      ),
      h("button", { type: "button", class: "button secondary", id: "kontra-demand", "data-procedure": procedure.id, disabled: !connected, text: t("kontra.record_demand") }),
    );
  }
  if (procedure.rounds.length) {
    parts.push(
      h(
        "ol",
        { class: "kontra-rounds" },
        procedure.rounds.map((r) =>
          h("li", { key: r.round, text: t("kontra.settled", { ja: proposalLabel(view, r.ja), nej: proposalLabel(view, r.nej), winner: proposalLabel(view, r.winner) }) }),
        ),
      ),
    );
  }
  return parts;
}

/**
 * An approved propositionsordning becomes the question put, with nothing
 * typed again: two proposals fill the vote form (Ja for the first, Nej for the
 * second), three or more name the main proposal of a kontrapropositionsvotering.
 */
export function applyApprovedOrder(view) {
  const order = view.votes?.orders?.[view.current_item];
  if (!order?.approved || view.current_vote) return;
  const ids = order.order.map((o) => o.id);
  const key = `${view.current_item}:${ids.join(",")}`;
  if (key === orderApplied) return;
  orderApplied = key;
  if (ids.length >= 3) {
    $("kontra-main").value = ids[0];
    return;
  }
  $("vote-method").value = "question";
  $("vote-ja").value = ids[0] || "";
  $("vote-nej").value = ids[1] || "";
  const question = $("vote-question");
  question.value = ids[1]
    ? t("chair.order_question", { ja: proposalLabel(view, ids[0]), nej: proposalLabel(view, ids[1]) })
    : t("chair.order_question_one", { ja: proposalLabel(view, ids[0]) });
  question.dataset.touched = "1";
}

async function start() {
  const view = hub.view;
  const proposals = (view?.debate?.proposals || []).filter((p) => p.status === "active").map((p) => p.id);
  const main = $("kontra-main").value;
  const question = t("kontra.confirm_start", { main: proposalLabel(view, main), n: proposals.length });
  if (!(await confirmAction(question))) return;
  await run(hub, $("kontra-result"), "kontra.start", { proposals, main }, "kontra.started");
}

async function onRoundClick(event) {
  const button = event.target.closest("button");
  const view = hub.view;
  if (!button || !view) return;
  const procedure = button.dataset.procedure;
  const status = $("kontra-result");
  if (button.classList.contains("kontra-settle")) {
    const winner = button.dataset.winner;
    if (await confirmAction(t("kontra.confirm_won", { name: proposalLabel(view, winner) }))) {
      await run(hub, status, "kontra.settle_round", { procedure, winner }, "kontra.round_settled");
    }
  } else if (button.id === "kontra-demand") {
    await run(hub, status, "kontra.demand_vote", { procedure, person: $("kontra-demander").value }, "kontra.demand_recorded");
  } else if (button.id === "kontra-open-vote") {
    const round = view.votes.procedures[procedure].current;
    const question = t("kontra.question", { ja: proposalLabel(view, round.ja), nej: proposalLabel(view, round.nej) });
    if (await confirmAction(t("chair.confirm_open", { question }))) {
      await run(hub, status, "vote.open", { question, procedure }, "chair.vote_opened");
    }
  }
}

/** Wire the panel to the chair's connection. */
export function mountKontra(connection) {
  hub = connection;
  $("kontra-start-button").addEventListener("click", start);
  $("kontra-round").addEventListener("click", onRoundClick);
}
