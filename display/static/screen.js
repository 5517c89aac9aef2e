// Shared parts of the tablet, chair console, chamber display and public
// screen: the page chrome (connection, language), small DOM helpers, the
// speaker's clock, and the charts of a vote and of speaking time.

import { HubConnection, STATES } from "/static/hub.js";
import { errorText, mountLanguageSwitch, onLanguageChange, t, translate } from "/static/i18n.js";

export const $ = (id) => document.getElementById(id);
export const params = new URLSearchParams(location.search);
export const meetingId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");

/** Build an element: el("li", {class: "x", "aria-label": "y"}, child, "text"). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "style") node.style.cssText = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export function setText(node, text) {
  if (!node) return;
  node.removeAttribute("data-i18n");
  if (node.textContent !== text) node.textContent = text;
}

/** Replace a container's children only when their text or markup changed (keeps focus). */
export function replaceIfChanged(container, children) {
  const probe = document.createElement(container.tagName);
  probe.append(...children);
  if (probe.innerHTML === container.innerHTML) return false;
  container.replaceChildren(...probe.childNodes);
  return true;
}

/** Black or white text, whichever contrasts more with a #rrggbb background. */
export function textOn(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
  if (!m) return "#000000";
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

export function personName(view, id) {
  return view?.roster?.people?.[id]?.name ?? id ?? "";
}

export function partyOf(view, id) {
  return view?.roster?.people?.[id]?.party ?? "";
}

export function party(view, id) {
  return view?.roster?.parties?.[id] || { name: id || "", color: "#767676" };
}

/** "Name (S)" */
export function nameWithParty(view, id) {
  const p = partyOf(view, id);
  return p ? `${personName(view, id)} (${p})` : personName(view, id);
}

export function currentItem(view) {
  return (view?.agenda || []).find((item) => item.id === view.current_item) || null;
}

// --- the page chrome ----------------------------------------------------------

/**
 * Connect to the hub and wire the top bar: connection state, role, language.
 * render() is called on every view, me, state and language change.
 */
export function startScreen({ role = "", fallbackToPublic = true, render, titleKey }) {
  const hub = new HubConnection(meetingId, { role, fallbackToPublic });
  let countdown = null;

  function renderConnection() {
    const box = $("connection");
    if (!box) return;
    box.dataset.state = hub.state;
    clearInterval(countdown);
    countdown = null;
    const text = () => {
      if (hub.state === STATES.RECONNECTING && hub.retryAt > Date.now()) {
        const seconds = Math.ceil((hub.retryAt - Date.now()) / 1000);
        return t("conn.reconnecting_in", { seconds });
      }
      return t(`conn.${hub.state}`);
    };
    setText($("connection-text"), text());
    if (hub.state === STATES.RECONNECTING && hub.retryAt > Date.now()) {
      countdown = setInterval(() => setText($("connection-text"), text()), 1000);
    }
    const roleBox = $("role");
    const granted = hub.welcome?.role;
    if (roleBox) {
      roleBox.hidden = !granted;
      if (granted) setText(roleBox, `${t("role.label")}: ${t(`role.${granted}`)}`);
    }
    document.body.dataset.connection = hub.state;
  }

  function renderTitle() {
    const title = hub.view?.meeting?.title || meetingId;
    setText($("meeting-title"), title);
    document.title = t(titleKey, { meeting: title });
  }

  function renderEverything() {
    retranslateStatuses();
    renderConnection();
    renderTitle();
    render(hub);
  }

  if (params.get("embed") === "1") document.body.classList.add("embed");
  if (params.get("bg") === "transparent") document.body.classList.add("transparent");
  translate();
  if ($("lang-switch")) mountLanguageSwitch($("lang-switch"));
  hub.addEventListener("state", renderEverything);
  hub.addEventListener("welcome", renderConnection);
  hub.addEventListener("view", () => {
    renderTitle();
    render(hub);
  });
  hub.addEventListener("me", () => render(hub));
  onLanguageChange(renderEverything);
  renderEverything();
  hub.start();
  return hub;
}

/** A status line's text from what it holds: a message key or an error code. */
export function showStatus(status, kind, key = "", code = "") {
  if (!status) return;
  status.dataset.kind = kind;
  status.dataset.key = key;
  status.dataset.code = code;
  let text = "";
  if (kind === "sending") text = t("screen.sending");
  else if (kind === "ack") text = t(key || "screen.done");
  else if (kind === "error") text = errorText(code || "error");
  else if (key) text = t(key);
  setText(status, text);
}

function retranslateStatuses() {
  for (const status of document.querySelectorAll("[data-kind][data-key], [data-kind][data-code]")) {
    showStatus(status, status.dataset.kind, status.dataset.key, status.dataset.code);
  }
}

/** Send a command and show its outcome in a status line: sending, done or the error. */
export async function run(hub, status, type, fields = {}, doneKey = "") {
  showStatus(status, "sending");
  const answer = await hub.command(type, fields);
  if (answer.type === "ack") showStatus(status, "ack", doneKey);
  else showStatus(status, "error", "", answer.code || "error");
  return answer;
}

/** Ask before an action that cannot be undone; resolves true or false. */
export function confirmAction(message) {
  let dialog = $("confirm-dialog");
  if (!dialog) {
    dialog = el(
      "dialog",
      { id: "confirm-dialog", class: "confirm-dialog", "aria-labelledby": "confirm-text" },
      el("p", { id: "confirm-text" }),
      el(
        "form",
        { method: "dialog", class: "confirm-buttons" },
        el("button", { type: "submit", value: "cancel", class: "button", id: "confirm-cancel" }),
        el("button", { type: "submit", value: "ok", class: "button danger", id: "confirm-ok" }),
      ),
    );
    document.body.append(dialog);
  }
  setText($("confirm-text"), message);
  setText($("confirm-cancel"), t("screen.cancel"));
  setText($("confirm-ok"), t("screen.confirm"));
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.showModal();
    $("confirm-cancel").focus();
  });
}

// --- the speaker's clock --------------------------------------------------------

/** Spoken and remaining time of a speech at the hub's time ``now`` (docs/debate.md). */
export function speechClock(speech, now) {
  const running = !speech.paused && speech.running_since;
  const spoken = (speech.elapsed_ms || 0) + (running ? Math.max(0, now - speech.running_since) : 0);
  const limit = speech.limit_ms || 0;
  return {
    spoken,
    limit,
    left: limit - spoken,
    warning: limit > 0 && spoken >= (speech.warn_at_ms || limit),
    over: limit > 0 && spoken > limit,
  };
}

export function formatDuration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return `${ms < 0 ? "−" : ""}${minutes}:${seconds}`;
}

/**
 * Fill a speaker block: name, party, kind of speech, the countdown and its
 * warning. Elements inside root are found by their data-part attribute.
 */
export function renderSpeaker(root, view, now) {
  const part = (name) => root.querySelector(`[data-part="${name}"]`);
  const speech = view?.debate?.current;
  root.dataset.speaking = speech ? "yes" : "no";
  if (!speech) {
    setText(part("name"), t("debate.nobody"));
    setText(part("detail"), "");
    setText(part("clock"), "");
    setText(part("clock-note"), "");
    root.dataset.clock = "none";
    return;
  }
  const partyInfo = party(view, speech.party);
  setText(part("name"), speech.name || personName(view, speech.person));
  setText(
    part("detail"),
    [speech.party ? partyInfo.name : "", t(`debate.kind.${speech.kind}`)].filter(Boolean).join(" · "),
  );
  const swatch = part("swatch");
  if (swatch) swatch.style.background = partyInfo.color;
  const clock = speechClock(speech, now);
  let state = "running";
  if (clock.over) state = "over";
  else if (clock.warning) state = "warning";
  if (speech.paused) state += " paused";
  root.dataset.clock = clock.limit > 0 ? state : speech.paused ? "paused" : "unlimited";
  setText(part("clock"), formatDuration(clock.limit > 0 ? clock.left : clock.spoken));
  const notes = [];
  if (speech.paused) notes.push(t("debate.paused"));
  if (clock.over) notes.push(t("debate.over_time", { time: formatDuration(-clock.left).slice(1) }));
  else if (clock.warning) notes.push(t("debate.warning"));
  else if (clock.limit === 0) notes.push(t("debate.no_limit"));
  setText(part("clock-note"), notes.join(" · "));
}

/** Re-draw the clocks a few times a second (only the clock texts change). */
export function tickClocks(hub, draw) {
  setInterval(() => {
    if (hub.view?.debate?.current) draw(hub.serverNow());
  }, 250);
}

export function waitingItems(view, limit = Infinity) {
  const waiting = view?.debate?.waiting || [];
  return waiting.slice(0, limit).map((w, index) =>
    el(
      "li",
      { class: `waiting kind-${w.kind}`, "data-person": w.person, "data-request": w.request },
      el("span", { class: "waiting-place", "aria-hidden": "true", text: `${index + 1}.` }),
      el("span", { class: "waiting-name", text: nameWithParty(view, w.person) }),
      w.kind !== "speech" ? el("span", { class: "tag", text: t(`debate.kind.${w.kind}`) }) : null,
      w.present === false ? el("span", { class: "tag muted", text: t("debate.not_present") }) : null,
    ),
  );
}

// --- votes ---------------------------------------------------------------------

/** The vote to show: the open one, else the latest on the current item (or at all). */
export function shownVote(view) {
  const votes = view?.votes?.votes || {};
  if (view?.current_vote && votes[view.current_vote]) return votes[view.current_vote];
  const all = Object.values(votes).sort((a, b) => (a.opened_at || 0) - (b.opened_at || 0));
  const onItem = all.filter((v) => v.item === view?.current_item);
  return (view?.current_item ? onItem : all).at(-1) || null;
}

export const OPTION_COLORS = { ja: "#0f6b2f", nej: "#a4161a", avstar: "#595959" };
const ELECTION_COLORS = ["#0b4f8a", "#7a3e9d", "#8a4b00", "#00676b", "#9c2062", "#3d5a00"];

/** "Ja", or "Ja (Bifall – Erik Lund)" when Ja stands for a proposal. */
export function optionLabel(vote, option, view = null) {
  if (vote.method !== "question") return option;
  const base = t(`vote.option.${option}`);
  const id = option === "ja" ? vote.ja : option === "nej" ? vote.nej : "";
  if (!id) return base;
  const proposal = (view?.debate?.proposals || []).find((p) => p.id === id);
  if (!proposal) return base;
  const authors = proposal.authors.map((a) => personName(view, a.person)).join(", ");
  return `${base} (${t(`proposal.kind.${proposal.kind}`)} – ${authors})`;
}

export function optionColor(vote, option, index) {
  if (vote.method === "question") return OPTION_COLORS[option] || "#595959";
  return ELECTION_COLORS[index % ELECTION_COLORS.length];
}

export function resultText(vote, view = null) {
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

/** Horizontal bars, one per option, with counts and shares: a real table for screen readers. */
export function voteBars(vote, view = null) {
  const counts = vote.tally?.counts || [];
  const max = Math.max(1, ...counts.map((c) => c.votes));
  const total = counts.reduce((sum, c) => sum + c.votes, 0) + (vote.tally?.blank || 0);
  const rows = counts.map((c, index) => {
    const color = optionColor(vote, c.option, index);
    const share = total ? Math.round((100 * c.votes) / total) : 0;
    return el(
      "tr",
      { "data-option": c.option },
      el("th", { scope: "row", text: optionLabel(vote, c.option, view) }),
      el(
        "td",
        { class: "bar-cell" },
        el("span", {
          class: "bar",
          style: `width:${(100 * c.votes) / max}%;background:${color}`,
          "aria-hidden": "true",
        }),
      ),
      el("td", { class: "num", text: `${c.votes}` }),
      el("td", { class: "num share", text: `${share} %` }),
    );
  });
  if (vote.tally?.blank) {
    rows.push(
      el(
        "tr",
        { "data-option": "blank" },
        el("th", { scope: "row", text: t("vote.blank") }),
        el("td", { class: "bar-cell" }),
        el("td", { class: "num", text: `${vote.tally.blank}` }),
        el("td", { class: "num share" }),
      ),
    );
  }
  return el(
    "table",
    { class: "bar-chart vote-chart" },
    el("caption", { class: "visually-hidden", text: t("vote.chart_caption") }),
    el(
      "thead",
      { class: "visually-hidden" },
      el(
        "tr",
        {},
        el("th", { scope: "col", text: t("vote.col.option") }),
        el("th", { scope: "col", text: t("vote.col.bar") }),
        el("th", { scope: "col", text: t("vote.col.votes") }),
        el("th", { scope: "col", text: t("vote.col.share") }),
      ),
    ),
    el("tbody", {}, rows),
  );
}

/** The per-party breakdown: a table with a stacked bar for each party. */
export function partyBreakdown(view, vote) {
  const options = vote.options || [];
  const head = el(
    "tr",
    {},
    el("th", { scope: "col", text: t("vote.col.party") }),
    options.map((o) => el("th", { scope: "col", class: "num", text: optionLabel(vote, o) })),
    el("th", { scope: "col", class: "num", text: t("vote.col.absent") }),
    el("th", { scope: "col", class: "stack-head" }, el("span", { class: "visually-hidden", text: t("vote.col.bar") })),
  );
  const rows = (vote.by_party || []).map((p) => {
    const counts = Object.fromEntries(p.counts.map((c) => [c.option, c.votes]));
    const notVoted = p.voters - p.voted;
    const segments = options.map((o, index) =>
      el("span", {
        class: "segment",
        style: `flex:${counts[o] || 0};background:${optionColor(vote, o, index)}`,
      }),
    );
    segments.push(el("span", { class: "segment none", style: `flex:${notVoted + (p.blank || 0)}` }));
    const info = party(view, p.party);
    return el(
      "tr",
      { "data-party": p.party },
      el(
        "th",
        { scope: "row" },
        el("span", { class: "swatch", style: `background:${info.color}`, "aria-hidden": "true" }),
        ` ${p.party}`,
      ),
      options.map((o) => el("td", { class: "num", text: `${counts[o] || 0}` })),
      el("td", { class: "num", text: `${notVoted}` }),
      el("td", { class: "stack-cell" }, el("span", { class: "stack", "aria-hidden": "true" }, segments)),
    );
  });
  return el(
    "table",
    { class: "party-table" },
    el("caption", { text: t("vote.by_party") }),
    el("thead", {}, head),
    el("tbody", {}, rows),
  );
}

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

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

/** A hemicycle of the roster's seats, each coloured by its ballot in an open vote. */
export function seatMap(view, vote) {
  const seats = view?.roster?.seats || [];
  const named = Object.fromEntries((vote.named || []).map((line) => [line.seat, line]));
  const positions = hemicyclePositions(seats.length);
  const figure = svg("svg", {
    viewBox: "0 0 400 220",
    class: "seat-map",
    role: "img",
    "aria-labelledby": "seat-map-title",
  });
  figure.append(svg("title", { id: "seat-map-title" }, t("vote.seat_map_title")));
  seats.forEach((seat, index) => {
    const p = positions[index];
    const line = named[seat];
    const choice = line?.voted ? line.ballot?.choice || "blank" : line ? "none" : "off";
    const fill = OPTION_COLORS[choice] || { blank: "#595959", off: "#d6d6d6" }[choice] || "#ffffff";
    const who = line ? nameWithParty(view, line.person) : "";
    const label = `${t("seats.seat", { seat })}${who ? `, ${who}` : ""}: ${t(`vote.seat.${choice}`)}`;
    const circle = svg("circle", {
      cx: p.x.toFixed(1),
      cy: p.y.toFixed(1),
      r: p.r.toFixed(1),
      fill,
      stroke: choice === "none" ? "#4a4a4a" : "#ffffff",
      "stroke-width": 1,
      "data-seat": seat,
      "data-choice": choice,
      class: "seat-dot",
    });
    circle.append(svg("title", {}, label));
    figure.append(circle);
  });
  const legend = el(
    "ul",
    { class: "legend seat-legend", "aria-label": t("vote.seat_legend") },
    ["ja", "nej", "avstar", "none"].map((choice) => {
      const count = Object.values(named).filter(
        (l) => (l.voted ? l.ballot?.choice || "blank" : "none") === choice,
      ).length;
      return el(
        "li",
        {},
        el("span", {
          class: `swatch dot-${choice}`,
          style: `background:${OPTION_COLORS[choice] || "#ffffff"}`,
          "aria-hidden": "true",
        }),
        `${t(`vote.seat.${choice}`)}: ${count}`,
      );
    }),
  );
  return el("figure", { class: "seat-map-figure" }, figure, legend);
}

/** Everything about one vote for a screen: question, progress or result, charts. */
export function voteBlock(view, vote, { withSeatMap = true, withParties = true } = {}) {
  if (!vote) return [el("p", { class: "muted", text: t("vote.none") })];
  const parts = [
    el("p", { class: "vote-question", text: vote.question }),
    el(
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
  if (vote.status === "open") {
    const share = vote.entitled ? (100 * vote.voted) / vote.entitled : 0;
    parts.push(
      el("p", { class: "vote-status open", text: t("vote.is_open") }),
      el("p", { class: "vote-progress", "data-voted": vote.voted, text: progressText(vote) }),
      el("progress", {
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
    el("p", { class: `vote-result status-${vote.result?.status || "none"}`, text: resultText(vote, view) }),
    el("p", { class: "vote-progress", text: t("vote.voted_of", { voted: vote.voted, entitled: vote.entitled }) }),
    voteBars(vote, view),
  );
  if (vote.decision) parts.push(el("p", { class: "decision" }, el("strong", { text: `${t("vote.decision")}: ` }), vote.decision));
  if (!vote.secret && withParties && vote.by_party) parts.push(partyBreakdown(view, vote));
  if (!vote.secret && withSeatMap && vote.named) parts.push(seatMap(view, vote));
  return parts;
}

// --- speaking statistics ---------------------------------------------------------

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

export { t, errorText, STATES };
