// Speaking statistics: bars of speaking time per party or gender.

import { t } from "/static/i18n.js";
import { h } from "/static/vdom.js";
import { formatDuration } from "/static/clock.js";

/** Horizontal bars of speaking time, e.g. per party or per gender. */
export function statsChart(rows, { label, color, caption }) {
  const sorted = [...rows].sort((a, b) => b.ms - a.ms);
  const max = Math.max(1, ...sorted.map((r) => r.ms));
  if (!sorted.length) return h("p", { class: "muted", text: t("stats.none") });
  return h(
    "table",
    { class: "bar-chart stats-chart" },
    h("caption", { text: caption }),
    h(
      "thead",
      { class: "visually-hidden" },
      h(
        "tr",
        {},
        h("th", { scope: "col", text: t("stats.col.who") }),
        h("th", { scope: "col", text: t("vote.col.bar") }),
        h("th", { scope: "col", text: t("stats.col.time") }),
        h("th", { scope: "col", text: t("stats.col.speeches") }),
      ),
    ),
    h(
      "tbody",
      {},
      sorted.map((r) =>
        h(
          "tr",
          { "data-key": r.key },
          h("th", { scope: "row", text: label(r.key) }),
          h(
            "td",
            { class: "bar-cell" },
            h("span", {
              class: "bar",
              style: `width:${(100 * r.ms) / max}%;background:${color(r.key)}`,
              "aria-hidden": "true",
            }),
          ),
          h("td", { class: "num", text: formatDuration(r.ms) }),
          h("td", { class: "num", text: t("stats.speeches", { n: r.speeches }) }),
        ),
      ),
    ),
  );
}

export function genderLabel(key) {
  return t(`gender.${key || "unknown"}`);
}

export const GENDER_COLORS = { f: "#7a3e9d", m: "#00676b", x: "#8a4b00", "": "#595959" };
