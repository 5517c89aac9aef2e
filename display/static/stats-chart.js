// Speaking statistics: bars of speaking time per party or gender.

import { t } from "/static/i18n.js";
import { el } from "/static/dom.js";
import { formatDuration } from "/static/clock.js";

/** Horizontal bars of speaking time, e.g. per party or per gender. */
export function statsChart(rows, { label, color, caption }) {
  const sorted = [...rows].sort((a, b) => b.ms - a.ms);
  const max = Math.max(1, ...sorted.map((r) => r.ms));
  if (!sorted.length) return el("p", { class: "muted", text: t("stats.none") });
  return el(
    "table",
    { class: "bar-chart stats-chart" },
    el("caption", { text: caption }),
    el(
      "thead",
      { class: "visually-hidden" },
      el(
        "tr",
        {},
        el("th", { scope: "col", text: t("stats.col.who") }),
        el("th", { scope: "col", text: t("vote.col.bar") }),
        el("th", { scope: "col", text: t("stats.col.time") }),
        el("th", { scope: "col", text: t("stats.col.speeches") }),
      ),
    ),
    el(
      "tbody",
      {},
      sorted.map((r) =>
        el(
          "tr",
          { "data-key": r.key },
          el("th", { scope: "row", text: label(r.key) }),
          el(
            "td",
            { class: "bar-cell" },
            el("span", {
              class: "bar",
              style: `width:${(100 * r.ms) / max}%;background:${color(r.key)}`,
              "aria-hidden": "true",
            }),
          ),
          el("td", { class: "num", text: formatDuration(r.ms) }),
          el("td", { class: "num", text: t("stats.speeches", { n: r.speeches }) }),
        ),
      ),
    ),
  );
}

export function genderLabel(key) {
  return t(`gender.${key || "unknown"}`);
}

export const GENDER_COLORS = { f: "#7a3e9d", m: "#00676b", x: "#8a4b00", "": "#595959" };
