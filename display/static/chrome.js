// The page chrome: the hub connection, the top bar, status lines and confirmations.

import { connectionMessage, HubConnection, STATES } from "/static/hub.js";
import { errorText, mountLanguageSwitch, onLanguageChange, t, translate } from "/static/i18n.js";
import { $, el, meetingId, params, setText } from "/static/dom.js";
import { formatWhen } from "/static/swedish-time.js";

/**
 * A renderer of the top bar's connection line (state, retry countdown) and
 * role, for ``hub``; call it on every state change.
 */
export function connectionLine(hub) {
  let countdown = null;
  return function renderConnection() {
    const box = $("connection");
    if (!box) return;
    box.dataset.state = hub.state;
    clearInterval(countdown);
    countdown = null;
    const text = () => t(...connectionMessage(hub));
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
  };
}

/**
 * Connect to the hub and wire the top bar: connection state, role, language.
 * render() is called on every view, me, state and language change.
 */
export function startScreen({ role = "", fallbackToPublic = true, render, titleKey }) {
  const hub = new HubConnection(meetingId, { role, fallbackToPublic });

  const renderConnection = connectionLine(hub);

  function renderTitle() {
    const title = hub.view?.meeting?.title || meetingId;
    setText($("meeting-title"), title);
    document.title = t(titleKey, { meeting: title });
    renderRecess(hub.view);
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
  hub.addEventListener("devices", () => render(hub));
  onLanguageChange(renderEverything);
  renderEverything();
  hub.start();
  return hub;
}

const ACK_SHOWN_MS = 10000; // a "done" line clears itself; an error stays until the next action
const clearing = new WeakMap();

/** A status line's text from what it holds: a message key or an error code. */

export function showStatus(status, kind, key = "", code = "") {
  if (!status) return;
  clearTimeout(clearing.get(status));
  if (kind === "ack" && (status.classList.contains("status-line") || status.classList.contains("result"))) {
    clearing.set(status, setTimeout(() => showStatus(status, ""), ACK_SHOWN_MS));
  }
  status.dataset.kind = kind;
  status.dataset.key = key;
  status.dataset.code = code;
  let text = "";
  if (kind === "sending") text = t("screen.sending");
  else if (kind === "queued") text = t("screen.queued");
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
  showStatus(status, hub.online ? "sending" : "queued");
  const answer = await hub.command(type, fields);
  if (answer.type === "ack") showStatus(status, "ack", doneKey);
  else showStatus(status, "error", "", answer.code || "error");
  return answer;
}

/** Every screen of a meeting in a break (ajournering) says until when. */
function renderRecess(view) {
  const line = $("recess-line");
  if (!line) return;
  const until = view?.meeting?.recess_until;
  line.hidden = !until;
  document.body.dataset.recess = until ? "yes" : "no";
  if (until) setText(line, t("screen.recess", { time: formatWhen(until, { timeStyle: "short" }) }));
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
