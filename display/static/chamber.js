// The chamber display (projector) and the public results screen: the item,
// the speaker and their clock, the next speakers, the vote and speaking time.
// The public screen connects as the public (no login) and can be embedded.

import {
  $,
  GENDER_COLORS,
  currentItem,
  genderLabel,
  itemTitle,
  party,
  personName,
  renderSpeaker,
  show,
  resultText,
  setText,
  shownVote,
  startScreen,
  statsChart,
  t,
  tickClocks,
  voteBlock,
  waitingItems,
} from "/static/screen.js";

// One page serves the chamber display and the public screen; the address says which.
const audience = location.pathname.replace(/\/+$/, "").endsWith("/public") ? "public" : "display";
document.body.dataset.audience = audience;
const NEXT_SHOWN = 6;
const announced = { speaker: null, result: null };

function renderItem(view) {
  const item = currentItem(view);
  setText($("current-item"), item ? itemTitle(item) : t("agenda.none_current"));
  const a = view.attendance;
  const line = $("quorum-line");
  if (a) {
    line.dataset.quorum = a.quorum ? "yes" : "no";
    setText(
      line,
      `${a.quorum ? t("quorum.yes") : t("quorum.no")} · ${a.filled} ${t("quorum.of", { seats: a.seats })}`,
    );
  }
}

/** After the meeting: when the minutes were verified and posted, and the appeal's last day. */
function renderNotice(view) {
  const notice = view.meeting?.notice;
  const line = $("notice-line");
  line.hidden = !notice;
  if (notice) {
    setText(
      line,
      t("public.notice", {
        verified: notice.verified_on,
        posted: notice.posted_on,
        appeal: notice.appeal_ends,
      }),
    );
  }
}

function renderQueue(view) {
  const waiting = view.debate?.waiting || [];
  show($("waiting"), waitingItems(view, NEXT_SHOWN));
  const more = waiting.length - NEXT_SHOWN;
  setText($("waiting-more"), more > 0 ? t("debate.more_waiting", { n: more }) : waiting.length ? "" : t("debate.nobody_waiting"));
  const closed = $("list-closed");
  closed.hidden = !view.debate?.closed;
  setText(closed, t("debate.list_closed"));
}

function renderVote(view) {
  const vote = shownVote(view);
  const box = $("vote");
  box.dataset.status = vote ? vote.status : "none";
  box.dataset.vote = vote ? vote.id : "";
  box.dataset.result = vote?.result?.status || "";
  show(box, voteBlock(view, vote));
  // An open vote, or a result while nobody speaks, goes to the top of the screen.
  const first = vote && (vote.status === "open" || !view.debate?.current);
  document.body.dataset.vote = vote ? vote.status : "none";
  document.body.dataset.voteFirst = first ? "yes" : "no";
  const result = vote && vote.status === "closed" ? `${vote.id}:${resultText(vote, view)}` : null;
  if (result && result !== announced.result) setText($("vote-announce"), resultText(vote, view));
  announced.result = result;
}

function renderStats(view) {
  const stats = view.debate?.stats;
  if (!stats) return;
  const scope = stats.item?.speeches ? "item" : "meeting";
  const chosen = stats[scope];
  show($("stats-party"), [
    statsChart(chosen.by_party, {
      caption: t(`stats.by_party.${scope}`),
      label: (key) => `${key} – ${party(view, key).name}`,
      color: (key) => party(view, key).color,
    }),
  ]);
  show($("stats-gender"), [
    statsChart(chosen.by_gender, {
      caption: t(`stats.by_gender.${scope}`),
      label: genderLabel,
      color: (key) => GENDER_COLORS[key] || GENDER_COLORS[""],
    }),
  ]);
}

function renderSpeakerBlock(hub) {
  const view = hub.view;
  renderSpeaker($("speaker"), view, hub.serverNow());
  const current = view.debate?.current;
  const key = current ? `${current.person}:${current.started_at}` : null;
  if (key !== announced.speaker) {
    setText(
      $("speaker-announce"),
      current ? t("debate.now_speaking", { name: personName(view, current.person) }) : "",
    );
    announced.speaker = key;
  }
}

function render(hub) {
  const view = hub.view;
  if (!view) return;
  renderItem(view);
  renderNotice(view);
  renderSpeakerBlock(hub);
  renderQueue(view);
  renderVote(view);
  renderStats(view);
}

const hub = startScreen({
  role: audience === "public" ? "public" : "",
  titleKey: audience === "public" ? "public.title" : "chamber.title",
  render,
});
tickClocks(hub, () => renderSpeakerBlock(hub));
