// The delegate's tablet: my status, the speaker list and my requests, my
// proposals (yrkanden), my vote with the ballot the hub recorded, and results.

import {
  $,
  STATES,
  confirmAction,
  currentItem,
  h,
  itemTitle,
  nameWithParty,
  params,
  personName,
  renderSpeaker,
  show,
  run,
  setText,
  showStatus,
  startScreen,
  t,
  tickClocks,
  waitingItems,
} from "/static/screen.js";
import { PROPOSAL_KINDS, PROPOSAL_KINDS_WITH_TEXT } from "/static/catalogue.js";
import { mountDecisions, renderDecisions } from "/static/tablet-decisions.js";
import { mountBallot, renderBallot } from "/static/tablet-ballot.js";
import { renderDocuments } from "/static/tablet-documents.js";

const NEEDS_TEXT = new Set(PROPOSAL_KINDS_WITH_TEXT);

const hub = startScreen({
  role: params.get("role") || "delegate",
  fallbackToPublic: false,
  titleKey: "tablet.title",
  render,
});

const connected = () => hub.state === STATES.CONNECTED;
mountBallot(hub, render);
const myId = () => hub.me?.person || hub.welcome?.person || null;

// --- my status -------------------------------------------------------------------

function renderMe(view, me) {
  $("no-person").hidden = Boolean(me) || !hub.welcome;
  if (!me) return;
  const presence = me.presence || "absent";
  setText($("my-name"), nameWithParty(view, me.person));
  const status = $("my-presence");
  status.dataset.presence = presence;
  setText(status, t(`me.${presence}`));
  const parts = [me.seat != null ? t("me.seat", { seat: me.seat }) : t("me.no_seat")];
  if (me.serving_for) parts.push(t("me.serving_for", { name: personName(view, me.serving_for) }));
  setText($("my-seat"), parts.join(" · "));
  const item = view.current_item;
  const jav = item != null && (me.jav || []).includes(item);
  const javBox = $("my-jav");
  javBox.dataset.jav = jav ? "yes" : "no";
  setText(javBox, jav ? t("tablet.jav_on_item") : item != null ? t("tablet.no_jav") : "");
  const button = $("attendance-button");
  const present = presence === "present";
  button.dataset.action = present ? "check_out" : "check_in";
  setText(button, present ? t("me.check_out") : t("me.check_in"));
  button.classList.toggle("check-out", present);
  button.disabled = presence === "left" || !connected();
  const election = currentItem(view)?.kind === "val";
  const javButton = $("jav-button");
  javButton.hidden = item == null || jav || election; // jäv does not apply to elections
  javButton.disabled = !connected();
  renderSecretRequest(view, me, election);
  renderDemandVote(view, me);
}

/** In an election any member serving may ask for closed ballots, before the ballots open. */
function renderSecretRequest(view, me, election) {
  const asked = (view.votes?.secret_requests || {})[view.current_item] || [];
  const current = view.current_vote ? view.votes?.votes?.[view.current_vote] : null;
  const openByName = current && current.status === "open" && !current.secret;
  const button = $("secret-button");
  button.hidden = !election || me.seat == null || openByName;
  button.disabled = !connected() || asked.includes(me.person);
  setText(
    $("secret-status"),
    asked.length ? t("tablet.secret_requested", { count: asked.length }) : "",
  );
}

/** In a kontrapropositionsvotering any member serving may demand a vote on the round. */
function renderDemandVote(view, me) {
  const procedure = Object.entries(view.votes?.procedures || {}).find(
    ([, p]) => p.item === view.current_item && p.current && !p.vote && !(p.vote_demanded_by || []).length,
  );
  const button = $("demand-vote");
  button.hidden = !procedure || me.seat == null;
  button.disabled = !connected();
  button.dataset.procedure = procedure ? procedure[0] : "";
}

async function toggleAttendance() {
  const button = $("attendance-button");
  const action = button.dataset.action;
  if (action === "check_out" && !(await confirmAction(t("tablet.confirm_check_out")))) return;
  await run(hub, $("me-result"), `attendance.${action}`, {}, `me.ack.attendance.${action}`);
}

async function declareJav() {
  const item = hub.view?.current_item;
  if (item == null || !(await confirmAction(t("tablet.confirm_jav")))) return;
  await run(hub, $("me-result"), "jav.declare", { item }, "tablet.jav_declared");
}

// --- the speaker list ---------------------------------------------------------------

function renderFloor(view, me) {
  const item = currentItem(view);
  setText($("current-item"), item ? itemTitle(item) : t("agenda.none_current"));
  // Förslag till beslut: what the meeting is asked to decide on this item.
  $("current-proposal").hidden = !item?.proposal;
  setText($("current-proposal"), item?.proposal ? t("agenda.proposal", { text: item.proposal }) : "");
  renderDocuments(view);
  renderSpeaker($("speaker"), view, hub.serverNow());
  const debate = view.debate || {};
  const speaking = Boolean(debate.current) && debate.current.person === myId();
  $("my-floor").hidden = !speaking;
  if (speaking) renderSpeaker($("my-floor"), view, hub.serverNow());
  const closed = $("list-closed");
  closed.hidden = !debate.closed;
  setText(closed, t("debate.list_closed"));
  const present = me?.presence === "present";
  const jav = item && (me?.jav || []).includes(item.id);
  const able = connected() && present && Boolean(item) && !jav;
  $("ask-floor").disabled = !able || debate.closed;
  // A replik answers someone else: never offered to the one speaking.
  $("ask-replik").disabled =
    !able || speaking || !debate.replik_allowed || !(debate.current || debate.replik);
  const mine = myId();
  const kontra = $("ask-kontrareplik");
  kontra.hidden = !(debate.replik && debate.replik.person === mine);
  kontra.disabled = !able;
  $("ask-order").disabled = !able;
  const waiting = debate.waiting || [];
  show(
    $("my-requests"),
    waiting
      .map((w, index) => ({ w, index }))
      .filter(({ w }) => w.person === mine)
      .map(({ w, index }) =>
        h(
          "li",
          { key: w.request, "data-request": w.request },
          h("span", {
            text: t("debate.my_place", { place: index + 1, kind: t(`debate.kind.${w.kind}`) }),
          }),
          h("button", {
            type: "button",
            class: "touch secondary withdraw-request",
            "data-request": w.request,
            "aria-label": t("debate.withdraw_label", { kind: t(`debate.kind.${w.kind}`) }),
            text: t("debate.withdraw"),
          }),
        ),
      ),
  );
  const list = waitingItems(view, Infinity, mine);
  show($("waiting"), list.length ? list : [h("li", { class: "muted", text: t("debate.nobody_waiting") })]);
}

// --- proposals --------------------------------------------------------------------------

function renderProposals(view) {
  const select = $("proposal-kind");
  show(select, PROPOSAL_KINDS.map((kind) => h("option", { value: kind, text: t(`proposal.kind.${kind}`) })));
  const hasItem = Boolean(view.current_item);
  $("proposal-submit").disabled = !connected() || !hasItem;
  const mine = myId();
  show(
    $("proposals"),
    (view.debate?.proposals || []).map((p) =>
      h(
        "li",
        { key: p.id, class: `proposal status-${p.status}`, "data-proposal": p.id },
        h("span", { class: "tag", text: t(`proposal.kind.${p.kind}`) }),
        " ",
        h("span", { class: "proposal-authors", text: p.authors.map((a) => nameWithParty(view, a.person)).join(", ") }),
        p.text ? h("span", { class: "proposal-text", text: p.text }) : null,
        p.status !== "active" ? h("span", { class: "tag muted", text: t(`proposal.status.${p.status}`) }) : null,
        p.status === "active" && p.authors.some((a) => a.person === mine)
          ? h("button", {
              type: "button",
              class: "touch secondary withdraw-proposal",
              "data-proposal": p.id,
              text: t("proposal.withdraw"),
            })
          : null,
      ),
    ),
  );
}

async function submitProposal(event) {
  event.preventDefault();
  const kind = $("proposal-kind").value;
  const text = $("proposal-text").value.trim();
  if (NEEDS_TEXT.has(kind) && !text) {
    showStatus($("proposal-result"), "error", "", "debate.text_required");
    $("proposal-text").focus();
    return;
  }
  const answer = await run(hub, $("proposal-result"), "debate.submit_proposal", { kind, text }, "proposal.sent");
  if (answer.type === "ack") $("proposal-text").value = "";
}

// --- the agenda ----------------------------------------------------------------------------

function renderAgenda(view) {
  show(
    $("agenda"),
    (view.agenda || []).map((item) =>
      h(
        "li",
        { key: item.id, class: `agenda-item ${item.status}`, "data-item": item.id, "aria-current": item.status === "current" ? "step" : null },
        h("span", { class: "agenda-title", text: itemTitle(item) }),
        " ",
        h("span", { class: "agenda-status", text: t(`agenda.${item.status}`) }),
      ),
    ),
  );
}

function render(connection) {
  const view = connection.view;
  if (!view) return;
  const me = connection.me;
  renderMe(view, me);
  renderBallot(view, me);
  renderFloor(view, me);
  renderProposals(view);
  renderDecisions(view, me);
  renderAgenda(view);
}

// --- wiring -----------------------------------------------------------------------------------

mountDecisions(hub);
$("attendance-button").addEventListener("click", toggleAttendance);
$("jav-button").addEventListener("click", declareJav);
$("demand-vote").addEventListener("click", () =>
  run(hub, $("me-result"), "kontra.demand_vote", { procedure: $("demand-vote").dataset.procedure }, "tablet.vote_demanded"),
);
$("secret-button").addEventListener("click", () =>
  run(hub, $("me-result"), "election.request_secret", {}, "tablet.secret_asked"),
);
$("ask-floor").addEventListener("click", () => run(hub, $("floor-result"), "debate.request_floor", {}, "debate.asked"));
$("ask-replik").addEventListener("click", () => run(hub, $("floor-result"), "debate.request_replik", {}, "debate.asked"));
$("ask-kontrareplik").addEventListener("click", () =>
  run(hub, $("floor-result"), "debate.request_kontrareplik", {}, "debate.asked"),
);
$("ask-order").addEventListener("click", () => run(hub, $("floor-result"), "debate.raise_point_of_order", {}, "debate.asked"));
$("my-requests").addEventListener("click", (event) => {
  const button = event.target.closest("button.withdraw-request");
  if (button) run(hub, $("floor-result"), "debate.withdraw_request", { request: button.dataset.request }, "debate.withdrawn");
});
$("proposal-form").addEventListener("submit", submitProposal);
$("proposals").addEventListener("click", async (event) => {
  const button = event.target.closest("button.withdraw-proposal");
  if (!button || !(await confirmAction(t("proposal.confirm_withdraw")))) return;
  run(hub, $("proposal-result"), "debate.withdraw_proposal", { id: button.dataset.proposal }, "proposal.withdrawn");
});
tickClocks(hub, () => {
  if (!hub.view) return;
  renderSpeaker($("speaker"), hub.view, hub.serverNow());
  if (!$("my-floor").hidden) renderSpeaker($("my-floor"), hub.view, hub.serverNow());
});
