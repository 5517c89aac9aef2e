// A vote's result: labels, colours, bars, the party table, and the whole block.

import { language, t } from "/static/i18n.js";
import { h } from "/static/vdom.js";
import { party, personName } from "/static/meeting-view.js";
import { seatMap } from "/static/seat-map.js";
import { optionColor } from "/static/vote-colors.js";

/** "Erik Lunds" in Swedish, "Erik Lund's" in English. */
function possessive(name) {
  if (language() === "sv") return /[sxz]$/i.test(name) ? name : `${name}s`;
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** What Ja or Nej stands for: "bifall till Erik Lunds yrkande om avslag", or "" when unsaid. */
export function optionMeaning(vote, option, view = null) {
  if (vote.method !== "question") return "";
  const id = option === "ja" ? vote.ja : option === "nej" ? vote.nej : "";
  const proposal = id ? (view?.debate?.proposals || []).find((p) => p.id === id) : null;
  if (!proposal) return "";
  const names = proposal.authors.map((a) => possessive(personName(view, a.person)));
  const authors = new Intl.ListFormat(language(), { type: "conjunction" }).format(names);
  if (proposal.kind === "bifall") return t("vote.means", { authors });
  return t("vote.means_kind", { authors, kind: t(`proposal.kind.${proposal.kind}`).toLowerCase() });
}

/** "Ja", or "Ja: bifall till Erik Lunds yrkande" when Ja stands for a proposal. */
export function optionLabel(vote, option, view = null) {
  if (vote.method !== "question") return option;
  const base = t(`vote.option.${option}`);
  const meaning = optionMeaning(vote, option, view);
  return meaning ? `${base}: ${meaning}` : base;
}

export function resultText(vote, view = null) {
  if (vote.status === "void") return t("vote.void_shown", { reason: vote.void_reason || "" });
  const result = vote.result;
  if (!result) return "";
  if (result.status === "tie") return t("vote.result.tie");
  if (result.status === "lot_needed") return t("vote.result.lot_needed");
  const by = result.decided_by ? t(`vote.decided_by.${result.decided_by}`) : "";
  if (vote.method === "question") {
    return t("vote.result.question", { choice: optionLabel(vote, result.choice, view), by });
  }
  const elected = (result.elected || []).join(", ") || t("vote.result.nobody");
  return t("vote.result.elected", { names: elected, by });
}

/** The vote's progress line: "12 av 71 har röstat" (never a choice while open). */
export function progressText(vote) {
  return t("vote.progress", { voted: vote.voted, entitled: vote.entitled });
}

const FEW_BALLOTS = 10;

/** Horizontal bars, one per option, with counts and shares: a real table for screen readers. */
export function voteBars(vote, view = null) {
  const counts = vote.tally?.counts || [];
  const max = Math.max(1, ...counts.map((c) => c.votes));
  const total = counts.reduce((sum, c) => sum + c.votes, 0) + (vote.tally?.blank || 0);
  const rows = counts.map((c, index) => {
    const color = optionColor(vote, c.option, index);
    // A share of a handful of ballots says nothing and looks precise: counts only.
    const share = total >= FEW_BALLOTS ? `${Math.round((100 * c.votes) / total)} %` : "";
    return h(
      "tr",
      { "data-option": c.option },
      h("th", { scope: "row", text: optionLabel(vote, c.option, view) }),
      h(
        "td",
        { class: "bar-cell" },
        h("span", {
          class: "bar",
          style: `width:${(100 * c.votes) / max}%;background:${color}`,
          "aria-hidden": "true",
        }),
      ),
      h("td", { class: "num", text: `${c.votes}` }),
      h("td", { class: "num share", text: share }),
    );
  });
  if (vote.tally?.blank) {
    rows.push(
      h(
        "tr",
        { "data-option": "blank" },
        h("th", { scope: "row", text: t("vote.blank") }),
        h("td", { class: "bar-cell" }),
        h("td", { class: "num", text: `${vote.tally.blank}` }),
        h("td", { class: "num share" }),
      ),
    );
  }
  return h(
    "table",
    { class: "bar-chart vote-chart" },
    h("caption", { class: "visually-hidden", text: t("vote.chart_caption") }),
    h(
      "thead",
      { class: "visually-hidden" },
      h(
        "tr",
        {},
        h("th", { scope: "col", text: t("vote.col.option") }),
        h("th", { scope: "col", text: t("vote.col.bar") }),
        h("th", { scope: "col", text: t("vote.col.votes") }),
        h("th", { scope: "col", text: t("vote.col.share") }),
      ),
    ),
    h("tbody", {}, rows),
  );
}

/** The per-party breakdown: a table with a stacked bar for each party. */
export function partyBreakdown(view, vote) {
  const options = vote.options || [];
  const head = h(
    "tr",
    {},
    h("th", { scope: "col", text: t("vote.col.party") }),
    options.map((o) => h("th", { scope: "col", class: "num", text: optionLabel(vote, o) })),
    h("th", { scope: "col", class: "num", text: t("vote.col.absent") }),
    h("th", { scope: "col", class: "stack-head" }, h("span", { class: "visually-hidden", text: t("vote.col.bar") })),
  );
  // The assembly's own order of its parties (the roster's), never the alphabet.
  const order = Object.keys(view?.roster?.parties || {});
  const place = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
  const rows = [...(vote.by_party || [])].sort((a, b) => place(a.party) - place(b.party)).map((p) => {
    const counts = Object.fromEntries(p.counts.map((c) => [c.option, c.votes]));
    const notVoted = p.voters - p.voted;
    const segments = options.map((o, index) =>
      h("span", {
        class: "segment",
        style: `flex:${counts[o] || 0};background:${optionColor(vote, o, index)}`,
      }),
    );
    segments.push(h("span", { class: "segment none", style: `flex:${notVoted + (p.blank || 0)}` }));
    const info = party(view, p.party);
    return h(
      "tr",
      { "data-party": p.party },
      h(
        "th",
        { scope: "row" },
        h("span", { class: "swatch", style: `background:${info.color}`, "aria-hidden": "true" }),
        ` ${p.party}`,
      ),
      options.map((o) => h("td", { class: "num", text: `${counts[o] || 0}` })),
      h("td", { class: "num", text: `${notVoted}` }),
      h("td", { class: "stack-cell" }, h("span", { class: "stack", "aria-hidden": "true" }, segments)),
    );
  });
  return h(
    "table",
    { class: "party-table" },
    h("caption", { text: t("vote.by_party") }),
    h("thead", {}, head),
    h("tbody", {}, rows),
  );
}

/** Everything about one vote for a screen: question, progress or result, charts. */
export function voteBlock(view, vote, { withSeatMap = true, withParties = true } = {}) {
  if (!vote) return [h("p", { class: "muted", text: t("vote.none") })];
  const parts = [
    h("p", { class: "vote-question", text: vote.question }),
    h(
      "p",
      { class: "vote-kind" },
      [
        t(`vote.method.${vote.method}`),
        vote.secret ? t("vote.secret") : t("vote.open_by_name"),
        vote.round ? t("vote.round", { round: vote.round }) : "",
      ]
        .filter(Boolean)
        .join(" · "),
    ),
  ];
  if (vote.status === "void") {
    parts.push(h("p", { class: "vote-result status-void", text: resultText(vote) }));
    return parts;
  }
  if (vote.status === "open") {
    const share = vote.entitled ? (100 * vote.voted) / vote.entitled : 0;
    const meanings = (vote.options || [])
      .filter((o) => optionMeaning(vote, o, view))
      .map((o) => h("li", { "data-option": o, text: optionLabel(vote, o, view) }));
    if (meanings.length) parts.push(h("ul", { class: "vote-meanings" }, meanings));
    parts.push(
      h("p", { class: "vote-status open", text: t("vote.is_open") }),
      h("p", { class: "vote-progress", "data-voted": vote.voted, text: progressText(vote) }),
      h("progress", {
        class: "progress",
        max: vote.entitled || 1,
        value: vote.voted,
        "aria-label": progressText(vote),
        style: `--share:${share}%`,
      }),
    );
    return parts;
  }
  parts.push(
    h("p", { class: `vote-result status-${vote.result?.status || "none"}`, text: resultText(vote, view) }),
    h("p", { class: "vote-progress", text: t("vote.voted_of", { voted: vote.voted, entitled: vote.entitled }) }),
    voteBars(vote, view),
  );
  if (vote.decision) parts.push(h("p", { class: "decision" }, h("strong", { text: `${t("vote.decision")}: ` }), vote.decision));
  if (!vote.secret && withParties && vote.by_party) parts.push(partyBreakdown(view, vote));
  if (!vote.secret && withSeatMap && vote.named) parts.push(seatMap(view, vote));
  return parts;
}
