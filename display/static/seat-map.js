// The hemicycle: seat positions, and each seat coloured by its ballot.

import { t } from "/static/i18n.js";
import { h } from "/static/vdom.js";
import { nameWithParty } from "/static/meeting-view.js";
import { OPTION_COLORS } from "/static/vote-colors.js";

/** Seat positions for a hemicycle: rows of arcs, seats ordered left to right by angle. */
export function hemicyclePositions(count, width = 400, height = 220) {
  let rows = 1;
  while (rows < 12) {
    const capacity = Array.from({ length: rows }, (_, r) => Math.floor(Math.PI * (rows + r + 1) * 1.1)).reduce(
      (a, b) => a + b,
      0,
    );
    if (capacity >= count) break;
    rows += 1;
  }
  const radii = Array.from({ length: rows }, (_, r) => 0.42 + (0.58 * (r + 1)) / rows);
  const totalRadius = radii.reduce((a, b) => a + b, 0);
  let left = count;
  const perRow = radii.map((radius, index) => {
    const n = index === rows - 1 ? left : Math.round((count * radius) / totalRadius);
    left -= n;
    return n;
  });
  const cx = width / 2;
  const cy = height - 8;
  const scale = Math.min(width / 2, height) - 14;
  const dot = Math.min(14, (scale * 0.55) / rows);
  const positions = [];
  perRow.forEach((n, r) => {
    for (let i = 0; i < n; i++) {
      const angle = n === 1 ? Math.PI / 2 : Math.PI - (Math.PI * i) / (n - 1);
      positions.push({
        angle,
        x: cx + Math.cos(angle) * radii[r] * scale,
        y: cy - Math.sin(angle) * radii[r] * scale,
        r: dot / 2,
        row: r,
      });
    }
  });
  positions.sort((a, b) => b.angle - a.angle || a.row - b.row);
  return positions;
}

/** A hemicycle of the roster's seats, each coloured by its ballot in an open vote. */
export function seatMap(view, vote) {
  const seats = view?.roster?.seats || [];
  const named = Object.fromEntries((vote.named || []).map((line) => [line.seat, line]));
  const positions = hemicyclePositions(seats.length);
  const dots = seats.map((seat, index) => {
    const p = positions[index];
    const line = named[seat];
    const choice = line?.voted ? line.ballot?.choice || "blank" : line ? "none" : "off";
    const fill = OPTION_COLORS[choice] || { blank: "#595959", off: "#d6d6d6" }[choice] || "#ffffff";
    const who = line ? nameWithParty(view, line.person) : "";
    const label = `${t("seats.seat", { seat })}${who ? `, ${who}` : ""}: ${t(`vote.seat.${choice}`)}`;
    return h(
      "circle",
      {
        cx: p.x.toFixed(1),
        cy: p.y.toFixed(1),
        r: p.r.toFixed(1),
        fill,
        stroke: choice === "none" ? "#4a4a4a" : "#ffffff",
        "stroke-width": 1,
        "data-seat": seat,
        "data-choice": choice,
        class: "seat-dot",
      },
      h("title", { text: label }),
    );
  });
  const figure = h(
    "svg",
    { viewBox: "0 0 400 220", class: "seat-map", role: "img", "aria-labelledby": "seat-map-title" },
    h("title", { id: "seat-map-title", text: t("vote.seat_map_title") }),
    dots,
  );
  const legend = h(
    "ul",
    { class: "legend seat-legend", "aria-label": t("vote.seat_legend") },
    ["ja", "nej", "avstar", "none"].map((choice) => {
      const count = Object.values(named).filter(
        (l) => (l.voted ? l.ballot?.choice || "blank" : "none") === choice,
      ).length;
      return h(
        "li",
        {},
        h("span", {
          class: `swatch dot-${choice}`,
          style: `background:${OPTION_COLORS[choice] || "#ffffff"}`,
          "aria-hidden": "true",
        }),
        `${t(`vote.seat.${choice}`)}: ${count}`,
      );
    }),
  );
  return h("figure", { class: "seat-map-figure" }, figure, legend);
}
