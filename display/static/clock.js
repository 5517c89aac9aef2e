// The speaker's clock and the speaker box.

import { t } from "/static/i18n.js";
import { setText } from "/static/dom.js";
import { party, personName } from "/static/meeting-view.js";

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
