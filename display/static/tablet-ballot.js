// The tablet, the ballot: Ja, Nej and Avstår in an open vote, the ballot of
// an election (names ticked, a registered valsedel, or blank), and what the
// hub answered.

import {
  $,
  confirmAction,
  h,
  show,
  run,
  setText,
  shownVote,
  showStatus,
  STATES,
  t,
  optionMeaning,
  voteBlock,
} from "/static/screen.js";

let hub = null;
let render = () => {}; // the page's render(connection)
let busy = false; // a ballot is on its way
let electionPick = { vote: null, names: new Set() };
let announced = null; // the open vote the member was last called to
const connected = () => hub?.state === STATES.CONNECTED;

function ballotOf(me, vote) {
  return vote && me?.vote && vote.id === hub.view?.current_vote ? me.vote : null;
}

export function renderBallot(view, me) {
  const vote = shownVote(view);
  const box = $("ballot");
  const open = vote && vote.status === "open";
  const mine = ballotOf(me, vote);
  box.dataset.status = open ? "open" : vote ? "closed" : "none";
  document.body.dataset.vote = open ? "open" : "none";
  if (!open) {
    show(box, []);
    const key = !vote ? "vote.none" : "";
    if (!busy) showStatus($("ballot-status"), key ? "info" : "", key);
    show($("vote-result"), vote ? voteBlock(view, vote, { withSeatMap: true }) : []);
    return;
  }
  show($("vote-result"), []);
  if (announced !== vote.id) callToVote(box, vote);
  const entitled = Boolean(mine?.entitled);
  const voted = Boolean(mine?.voted);
  const changeable = vote.allow_change && !vote.secret;
  // Offline the ballot stays usable: it is sent when the link is back.
  const locked = !entitled || busy || (voted && !changeable);
  const header = [
    connected()
      ? null
      : h("p", { class: "ballot-offline", role: "alert", text: t(busy ? "vote.offline_queued" : "vote.offline") }),
    h("p", { class: "vote-question", text: vote.question }),
    h("p", { class: "vote-kind", text: [t(`vote.method.${vote.method}`), vote.secret ? t("vote.secret") : t("vote.open_by_name")].join(" · ") }),
  ];
  let controls;
  if (vote.method === "question") {
    const choice = mine?.ballot?.choice;
    controls = h(
      "div",
      { class: "ballot-buttons", role: "group", "aria-label": t("vote.your_choice") },
      vote.options.map((option) =>
        h(
          "button",
          {
            type: "button",
            class: `ballot-button option-${option}`,
            "data-choice": option,
            "aria-pressed": String(choice === option),
            disabled: locked,
          },
          h("span", { class: "ballot-label", text: t(`vote.option.${option}`) }),
          optionMeaning(vote, option, view) ? h("span", { class: "ballot-meaning", text: optionMeaning(vote, option, view) }) : null,
          choice === option ? h("span", { class: "ballot-recorded", text: t("vote.recorded_mark") }) : null,
        ),
      ),
    );
  } else {
    controls = electionControls(vote, mine, locked);
  }
  show(box, [...header, controls, h("p", { class: "vote-progress", text: t("vote.progress", { voted: vote.voted, entitled: vote.entitled }) })]);
  if (busy) return;
  if (!entitled) showStatus($("ballot-status"), "info", "vote.not_entitled_here");
  else if (!voted) showStatus($("ballot-status"), "info", "vote.not_yet");
  else if (vote.secret) showStatus($("ballot-status"), "ack", "vote.recorded_secret");
  else if (vote.method === "question") {
    const status = $("ballot-status");
    const key = changeable ? "vote.recorded_change" : "vote.recorded_final";
    status.dataset.kind = "ack";
    status.dataset.key = "";
    status.dataset.code = "";
    setText(status, t(key, { choice: t(`vote.option.${mine.ballot?.choice}`) }));
  } else {
    const names = mine.ballot?.names?.join(", ") || t("vote.blank");
    const status = $("ballot-status");
    status.dataset.kind = "ack";
    status.dataset.key = "";
    setText(status, t("vote.recorded_names", { names }));
  }
}

/** A vote that opens calls for attention: the card comes into view and stands out a moment. */
function callToVote(box, vote) {
  const first = announced === null && vote.opened_at && hub.serverNow() - vote.opened_at > 10000;
  announced = vote.id;
  if (first) return; // the page opened on a vote under way: no alarm
  box.scrollIntoView({ block: "start", behavior: "smooth" });
  box.classList.add("attention");
  setTimeout(() => box.classList.remove("attention"), 4000);
  navigator.vibrate?.(200);
}

function electionControls(vote, mine, locked) {
  if (electionPick.vote !== vote.id) {
    electionPick = { vote: vote.id, names: new Set(mine?.ballot?.names || []) };
  }
  const proportional = vote.method === "proportional";
  return h(
    "fieldset",
    { class: "election" },
    h("legend", { text: t("vote.pick", { seats: vote.seats }) }),
    // The parties' registered valsedlar: one press casts the whole list.
    (vote.ballots || []).map((b, index) =>
      h("button", {
        type: "button",
        class: "touch valsedel",
        "data-valsedel": index,
        disabled: locked,
        text: `${b.label}: ${b.names.join(", ")}`,
      }),
    ),
    proportional
      ? h(
          "p",
          {},
          h("label", { for: "ballot-label", text: t("vote.group_label") }),
          h("input", { id: "ballot-label", type: "text", class: "touch-input", disabled: locked }),
        )
      : null,
    (vote.options || []).map((name, index) =>
      h(
        "label",
        { class: "candidate" },
        h("input", {
          type: "checkbox",
          class: "candidate-box",
          value: name,
          "data-index": index,
          checked: electionPick.names.has(name),
          disabled: locked,
        }),
        ` ${name}`,
      ),
    ),
    h(
      "div",
      { class: "button-row" },
      h("button", { type: "button", class: "touch", id: "cast-election", disabled: locked, text: t("vote.cast") }),
      h("button", { type: "button", class: "touch secondary", id: "cast-blank", disabled: locked, text: t("vote.cast_blank") }),
    ),
  );
}

/** A ballot that cannot be changed (secret, or a vote without changes) is read back first. */
async function confirmed(vote, fields) {
  if (!vote.secret && vote.allow_change) return true;
  if (fields.label && vote.method === "proportional" && fields.fromList) {
    return confirmAction(t("vote.confirm_valsedel", { label: fields.label, names: fields.names.join(", ") }));
  }
  if (!fields.names?.length && !fields.choice) return confirmAction(t("vote.confirm_blank"));
  const what = fields.choice ? t(`vote.option.${fields.choice}`) : fields.names.join(", ");
  return confirmAction(t("vote.confirm_final", { what }));
}

async function cast(fields) {
  const vote = hub.view?.current_vote;
  if (!vote || busy) return;
  const record = hub.view.votes?.votes?.[vote];
  if (record && !(await confirmed(record, fields))) return;
  delete fields.fromList;
  busy = true;
  render(hub);
  const answer = await run(hub, $("ballot-status"), "vote.cast", { vote, ...fields }, "vote.sent");
  busy = false;
  render(hub);
  // No answer from a hub that stays silent: the card shows, from the hub's own
  // record, whether the ballot counted, so nothing here asks to vote again.
  if (answer.type !== "ack" && answer.code !== "connection.lost") {
    showStatus($("ballot-status"), "error", "", answer.code || "error");
  }
}

/** Wire the ballot to the member's connection; redraw(connection) renders the page. */
export function mountBallot(connection, redraw) {
  hub = connection;
  render = redraw;
  $("ballot").addEventListener("click", (event) => {
    const choice = event.target.closest("button.ballot-button");
    if (choice && !choice.disabled) {
      cast({ choice: choice.dataset.choice });
      return;
    }
    const vote = shownVote(hub.view);
    const valsedel = event.target.closest("button.valsedel");
    if (valsedel && !valsedel.disabled) {
      const b = vote?.ballots?.[Number(valsedel.dataset.valsedel)];
      if (b) cast({ label: b.label, names: b.names, fromList: true });
      return;
    }
    if (event.target.closest("#cast-blank")) cast({});
    else if (event.target.closest("#cast-election")) {
      const names = [...electionPick.names];
      const label = $("ballot-label")?.value.trim() || "";
      if (names.length > (vote?.seats || 1) && vote?.method === "majority") {
        showStatus($("ballot-status"), "error", "", "vote.bad_ballot");
        return;
      }
      if (!names.length) {
        // A blank ballot is chosen with its own button, never by forgetting to tick.
        showStatus($("ballot-status"), "info", "vote.pick_or_blank");
        return;
      }
      cast(label ? { names, label } : { names });
    }
  });
  $("ballot").addEventListener("change", (event) => {
    const box = event.target.closest("input.candidate-box");
    if (!box) return;
    if (box.checked) electionPick.names.add(box.value);
    else electionPick.names.delete(box.value);
  });
}
