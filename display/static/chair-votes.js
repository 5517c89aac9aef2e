// The chair's console, votes: the form that opens a vote, an acclamation,
// the open vote's progress and close, and what follows a closed one (a tie,
// a lottery, the announced decision).

import {
  $,
  confirmAction,
  h,
  nameWithParty,
  optionLabel,
  personName,
  show,
  run,
  setText,
  shownVote,
  STATES,
  t,
  voteBlock,
} from "/static/screen.js";

let hub = null;
let formItem = null; // the item the vote form was last filled in for
const connected = () => hub?.state === STATES.CONNECTED;

export function renderVotes(view, me) {
  const vote = shownVote(view);
  const box = $("vote");
  box.dataset.status = vote ? vote.status : "none";
  box.dataset.vote = vote?.id || "";
  box.dataset.result = vote?.result?.status || "";
  show(box, voteBlock(view, vote, { withSeatMap: false }));
  const actions = [];
  const open = vote?.status === "open";
  if (open) {
    // What the chair does next comes first; the lists below it may run long.
    const actionRow = [
      h(
        "button",
        { type: "button", class: "button danger", id: "close-vote", "aria-keyshortcuts": "c" },
        h("span", { text: t("chair.close_vote") }),
        " ",
        h("kbd", { "aria-hidden": "true", text: "C" }),
      ),
    ];
    if (vote.method !== "question" && !vote.lot_commitment) {
      actionRow.push(h("button", { type: "button", class: "button secondary", id: "commit-seed", text: t("chair.commit_seed") }));
    }
    actions.push(h("div", { class: "button-row" }, actionRow));
    const mine = me?.vote;
    if (mine?.entitled && vote.method === "question") {
      const choice = mine.ballot?.choice;
      actions.push(
        h(
          "div",
          { class: "button-row", role: "group", "aria-label": t("chair.my_vote") },
          h("span", { text: `${t("chair.my_vote")}:` }),
          vote.options.map((o) =>
            h("button", {
              type: "button",
              class: "button secondary my-ballot",
              "data-choice": o,
              "aria-pressed": String(choice === o),
              disabled: mine.voted && (!vote.allow_change || vote.secret),
              text: `${choice === o ? "✓ " : ""}${optionLabel(vote, o, view)}`,
            }),
          ),
        ),
      );
    }
    if (!vote.secret) {
      const voted = vote.has_voted || [];
      actions.push(
        h(
          "details",
          { class: "has-voted", open: true },
          h("summary", { text: t("chair.has_voted", { n: voted.length }) }),
          h("ul", { class: "voted-list", id: "has-voted", tabindex: 0, "aria-label": t("chair.has_voted", { n: voted.length }) }, voted.map((p) => h("li", { key: p, "data-person": p, text: nameWithParty(view, p) }))),
        ),
      );
    }
    if (!vote.secret && vote.method === "question") actions.push(proxyControls(view, vote));
    actions.push(voidControls());
  } else if (vote) {
    actions.push(...closedVoteActions(vote));
  }
  if (vote?.lot_commitment) {
    actions.push(h("p", { class: "hint", text: t("chair.seed_committed", { hash: vote.lot_commitment.slice(0, 12) }) }));
  }
  show($("vote-actions"), actions);
  $("vote-form").hidden = open;
  $("acclaim-form").hidden = open; // a decision without a vote waits for the vote under way
  $("open-vote").disabled = !connected() || !view.current_item;
  $("acclaim").disabled = !connected() || !view.current_item;
  renderVoteForm(view);
}

/** For a member whose tablet died: the chair records the ballot they give aloud (never secret). */
function proxyControls(view, vote) {
  const voted = new Set(vote.has_voted || []);
  const waiting = Object.entries(view.attendance?.seated || {}).filter(([, person]) => !voted.has(person));
  return h(
    "details",
    { class: "proxy-vote" },
    h("summary", { text: t("chair.proxy_vote") }),
    h("label", { for: "proxy-person", text: t("chair.proxy_person") }),
    h(
      "select",
      { id: "proxy-person" },
      waiting.map(([seat, person]) => h("option", { key: person, value: person, text: `${seat} ${nameWithParty(view, person)}` })),
    ),
    h(
      "div",
      { class: "button-row", role: "group", "aria-label": t("chair.proxy_vote") },
      vote.options.map((o) =>
        h("button", { type: "button", class: "button secondary proxy-ballot", "data-choice": o, disabled: !waiting.length, text: optionLabel(vote, o, view) }),
      ),
    ),
  );
}

/** Declaring an open vote void: for a vote opened by mistake, with the reason for the minutes. */
function voidControls() {
  return h(
    "details",
    { class: "void-vote" },
    h("summary", { text: t("chair.void_vote") }),
    h("p", { class: "hint", text: t("chair.void_hint") }),
    h("label", { for: "void-reason", text: t("chair.void_reason") }),
    h("input", { id: "void-reason", type: "text", maxlength: 4000, autocomplete: "off" }),
    h("div", { class: "button-row" }, h("button", { type: "button", class: "button danger", id: "void-vote", text: t("chair.void_confirm_button") })),
  );
}

async function voidVote(vote, status) {
  const reason = $("void-reason")?.value.trim() || "";
  if (!reason) {
    run(hub, status, "vote.void", { vote: vote.id, reason: "" });
    return;
  }
  if (await confirmAction(t("chair.confirm_void", { question: vote.question, reason }))) {
    await run(hub, status, "vote.void", { vote: vote.id, reason }, "chair.vote_voided");
  }
}

function closedVoteActions(vote) {
  const status = vote.result?.status;
  const parts = [];
  if (status === "tie") {
    parts.push(
      h(
        "fieldset",
        {},
        h("legend", { text: t("chair.casting_vote") }),
        h("p", { text: t("chair.casting_help") }),
        h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", class: "button", id: "decide-ja", "data-choice": "ja", text: t("chair.decide_ja") }),
          h("button", { type: "button", class: "button", id: "decide-nej", "data-choice": "nej", text: t("chair.decide_nej") }),
        ),
      ),
    );
  } else if (status === "lot_needed") {
    parts.push(
      h(
        "fieldset",
        {},
        h("legend", { text: t("chair.lottery") }),
        h(
          "div",
          { class: "button-row" },
          vote.lot_commitment
            ? h("button", { type: "button", class: "button", id: "draw-lot", text: t("chair.draw_lot") })
            : h("button", { type: "button", class: "button secondary", id: "commit-seed", text: t("chair.commit_seed") }),
        ),
      ),
    );
  } else if (status === "decided" && !vote.decision) {
    parts.push(
      h(
        "div",
        { class: "vote-form" },
        h("label", { for: "decision-text", text: t("chair.decision_text") }),
        h("textarea", { id: "decision-text", rows: 2, "data-vote": vote.id }, suggestedDecision(vote)),
        h("div", { class: "button-row" }, h("button", { type: "button", class: "button", id: "announce", text: t("chair.announce") })),
      ),
    );
  }
  return parts;
}

function suggestedDecision(vote) {
  const result = vote.result || {};
  if (vote.method === "question") return t(result.choice === "nej" ? "chair.decision_nej" : "chair.decision_ja");
  return t("chair.decision_elected", { names: (result.elected || []).join(", ") });
}

/** A new item starts from an empty form: nothing of the last item's vote carries over. */
function resetVoteForm() {
  for (const id of ["vote-question", "vote-candidates", "vote-valsedlar"]) $(id).value = "";
  delete $("vote-question").dataset.touched;
  $("vote-method").value = "question";
  $("vote-seats").value = "1";
  $("vote-secret").checked = false;
  $("vote-change").checked = true;
  for (const id of ["vote-ja", "vote-nej"]) $(id).value = "";
}

export function renderVoteForm(view) {
  if (view.current_item !== formItem) {
    formItem = view.current_item;
    resetVoteForm();
  }
  const question = $("vote-question");
  if (!question.value && !question.dataset.touched) question.value = t("chair.question_default");
  const method = $("vote-method").value;
  const election = method !== "question";
  const proportional = method === "proportional";
  $("question-fields").hidden = election;
  $("election-fields").hidden = !election || proportional;
  $("proportional-fields").hidden = !proportional;
  // Granted requests of this item not yet used: a proportional election names one.
  const requests = Object.entries(view.votes?.requests || {}).filter(
    ([, r]) => r.granted && r.item === view.current_item,
  );
  const request = $("vote-request");
  const wanted = request.value;
  show(
    request,
    requests.map(([id, r]) => h("option", { value: id, text: t("chair.request_option", { seats: r.seats }) })),
  );
  if (requests.some(([id]) => id === wanted)) request.value = wanted;
  // Only an election may be secret; a member's request for closed ballots binds the item.
  const asked = (view.votes?.secret_requests || {})[view.current_item] || [];
  setText(
    $("secret-requests"),
    asked.length
      ? t("chair.secret_requested", { names: asked.map((p) => personName(view, p)).join(", ") })
      : "",
  );
  const secret = $("vote-secret");
  secret.disabled = !election || asked.length > 0;
  if (!election) secret.checked = false;
  if (election && asked.length) secret.checked = true;
  const proposals = (view.debate?.proposals || []).filter((p) => p.status === "active");
  for (const id of ["vote-ja", "vote-nej", "acclaim-proposal"]) {
    const select = $(id);
    const chosen = select.value;
    show(select, [
      h("option", { value: "", text: t("chair.no_proposal") }),
      ...proposals.map((p) =>
        h("option", { value: p.id, text: `${t(`proposal.kind.${p.kind}`)} – ${p.authors.map((a) => personName(view, a.person)).join(", ")}` }),
      ),
    ]);
    select.value = proposals.some((p) => p.id === chosen) ? chosen : "";
  }
}

async function openVote(event) {
  event?.preventDefault();
  const method = $("vote-method").value;
  const fields = {
    question: $("vote-question").value.trim() || t("chair.question_default"),
    method,
    secret: method !== "question" && $("vote-secret").checked,
    allow_change: $("vote-change").checked && !$("vote-secret").checked,
  };
  if (method === "question") {
    if ($("vote-ja").value) fields.ja = $("vote-ja").value;
    if ($("vote-nej").value) fields.nej = $("vote-nej").value;
  } else if (method === "proportional") {
    // One valsedel a line: "S: Erik Lund, Anna Nilsson".
    const request = hub.view?.votes?.requests?.[$("vote-request").value];
    fields.request = $("vote-request").value;
    fields.seats = request?.seats || 2;
    fields.secret = true;
    fields.allow_change = false;
    fields.ballots = $("vote-valsedlar")
      .value.split("\n")
      .map((line) => line.split(":"))
      .filter((parts) => parts.length === 2 && parts[0].trim())
      .map(([label, names]) => ({
        label: label.trim(),
        names: names.split(",").map((n) => n.trim()).filter(Boolean),
      }));
  } else {
    fields.options = $("vote-candidates").value.split("\n").map((s) => s.trim()).filter(Boolean);
    fields.seats = Number($("vote-seats").value) || 1;
  }
  if (!(await confirmAction(voteSummary(fields)))) return;
  await run(hub, $("votes-result"), "vote.open", fields, "chair.vote_opened");
}

/** What the chair is about to open, to read before it opens. */
function voteSummary(fields) {
  const view = hub.view;
  const item = (view?.agenda || []).find((i) => i.id === view?.current_item);
  const lines = [
    t("chair.confirm_open", { question: fields.question }),
    t("chair.summary_item", { title: item?.title || "" }),
    [t(`vote.method.${fields.method}`), fields.secret ? t("vote.secret") : t("vote.open_by_name")].join(" · "),
  ];
  if (fields.method === "question") {
    const vote = { method: "question", ja: fields.ja, nej: fields.nej };
    lines.push(["ja", "nej"].map((o) => optionLabel(vote, o, view)).join(" / "));
  } else if (fields.method === "proportional") {
    lines.push(t("chair.summary_seats", { seats: fields.seats }));
    lines.push(...fields.ballots.map((b) => `${b.label}: ${b.names.join(", ")}`));
  } else {
    lines.push(t("chair.summary_seats", { seats: fields.seats }));
    lines.push(t("chair.summary_candidates", { names: fields.options.join(", ") || "–" }));
  }
  return lines.join("\n");
}

/** A decision by acclamation (ja-rop): recorded with its words and, where one won, the proposal. */
async function acclaim(event) {
  event.preventDefault();
  const text = $("acclaim-text").value.trim();
  if (!text || !(await confirmAction(t("chair.confirm_acclaim", { text })))) return;
  const fields = { text };
  if ($("acclaim-proposal").value) fields.proposal = $("acclaim-proposal").value;
  const answer = await run(hub, $("votes-result"), "decision.acclaim", fields, "chair.acclaimed");
  if (answer.type === "ack") $("acclaim-text").value = "";
}

async function closeVote() {
  const vote = shownVote(hub.view);
  if (!vote || vote.status !== "open") return;
  if (!(await confirmAction(t("chair.confirm_close_vote", { voted: vote.voted, entitled: vote.entitled })))) return;
  await run(hub, $("votes-result"), "vote.close", { vote: vote.id }, "chair.vote_closed");
}

async function onVoteAction(event) {
  const vote = shownVote(hub.view);
  const target = event.target.closest("button");
  if (!vote || !target) return;
  const status = $("votes-result");
  if (target.id === "close-vote") await closeVote();
  else if (target.id === "void-vote") await voidVote(vote, status);
  else if (target.classList.contains("proxy-ballot")) {
    const person = $("proxy-person").value;
    const choice = target.dataset.choice;
    const name = nameWithParty(hub.view, person);
    if (person && (await confirmAction(t("chair.confirm_proxy", { name, choice: optionLabel(vote, choice, hub.view) })))) {
      await run(hub, status, "vote.cast", { vote: vote.id, choice, person }, "chair.proxy_recorded");
    }
  }
  else if (target.id === "commit-seed") await run(hub, status, "lot.commit_seed", { vote: vote.id });
  else if (target.classList.contains("my-ballot")) {
    await run(hub, status, "vote.cast", { vote: vote.id, choice: target.dataset.choice }, "vote.sent");
  } else if (target.id === "decide-ja" || target.id === "decide-nej") {
    const choice = target.dataset.choice;
    if (await confirmAction(t("chair.confirm_decide", { choice: optionLabel(vote, choice, hub.view) }))) {
      await run(hub, status, "vote.decide_tie", { vote: vote.id, choice }, "chair.tie_decided");
    }
  } else if (target.id === "draw-lot") {
    const names = (vote.result?.tied || []).join(", ");
    if (await confirmAction(t("chair.confirm_draw", { names }))) {
      await run(hub, status, "lot.draw", { vote: vote.id }, "chair.lot_drawn");
    }
  } else if (target.id === "announce") {
    const box = $("decision-text");
    const text = box.value.trim() || suggestedDecision(vote);
    if (await confirmAction(t("chair.confirm_announce"))) {
      await run(hub, status, "decision.announce", { vote: vote.id, text }, "chair.announced");
    }
  }
}


/** Wire the vote controls to the chair's connection. */
export function mountVotes(connection) {
  hub = connection;
  $("vote-form").addEventListener("submit", openVote);
  $("vote-question").addEventListener("input", () => ($("vote-question").dataset.touched = "1"));
  $("vote-method").addEventListener("change", () => hub.view && renderVoteForm(hub.view));
  $("acclaim-form").addEventListener("submit", acclaim);
  $("vote-actions").addEventListener("click", onVoteAction);
}
