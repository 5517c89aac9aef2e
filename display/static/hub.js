// A browser client of the hub protocol.
//
// Fetches a ticket, opens the WebSocket, decodes msgpack frames, keeps the
// role's view from snapshots and JSON merge patches (RFC 7386), and
// reconnects by itself with exponential backoff, resuming with ?since=<seq>
// after fetching a fresh ticket. Listeners get "state", "view", "me" and
// "welcome" events; commands return a promise of the ack or error frame.

import { decode, encode } from "/vendor/msgpack/index.mjs";
import { COMMANDS } from "/static/catalogue.js";

// What the pages may send: the commands the hub defines (catalogue.js), and ping.
const SENDABLE = new Set([...COMMANDS, "ping"]);

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const result =
    target !== null && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export class TicketError extends Error {
  constructor(status, code) {
    super(code || `HTTP ${status}`);
    this.status = status;
    this.code = code || "";
  }
}

/** A ticket for meeting: as the session's role, or as the public. */
export async function fetchTicket(meeting, role = "") {
  const params = new URLSearchParams({ meeting });
  if (role) params.set("role", role);
  const response = await fetch(`/api/ticket?${params}`, {
    credentials: "same-origin",
    cache: "no-store",
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new TicketError(response.status, body.error);
  return body;
}

export const STATES = Object.freeze({
  CONNECTING: "connecting",
  CONNECTED: "connected",
  RECONNECTING: "reconnecting",
  CLOSED: "closed",
});

/** What a connection line says now: [i18n key, params]. */
export function connectionMessage(hub) {
  const waiting = hub.state === STATES.RECONNECTING && hub.retryAt > Date.now();
  const seconds = waiting ? Math.ceil((hub.retryAt - Date.now()) / 1000) : 0;
  if (waiting && hub.lastError === "meeting.not_opened") return ["conn.not_opened", { seconds }];
  if (waiting) return ["conn.reconnecting_in", { seconds }];
  return [`conn.${hub.state}`, {}];
}

export class HubConnection extends EventTarget {
  /**
   * meeting: the meeting id. role: "" for the session's own role, or a role
   * to ask for. fallbackToPublic: without a session, connect as the public.
   */
  constructor(meeting, { role = "", fallbackToPublic = true, minDelay = 500, maxDelay = 15000,
    pingEvery = 2500, silenceLimit = 8000 } = {}) {
    super();
    this.meeting = meeting;
    this.role = role;
    this.fallbackToPublic = fallbackToPublic;
    this.minDelay = minDelay;
    this.maxDelay = maxDelay;
    // A quiet link is pinged; a link silent for silenceLimit is taken as lost
    // (Wi-Fi that drops without closing the socket), so it shows within ~10 s.
    this.pingEvery = pingEvery;
    this.silenceLimit = silenceLimit;
    this.commandTimeout = 30000;
    this.state = STATES.CLOSED;
    this.view = null;
    this.me = null;
    this.devices = null;
    this.seq = 0;
    this.welcome = null;
    this.ticketInfo = null;
    this.lastError = "";
    this.retryAt = 0;
    this._socket = null;
    this._attempt = 0;
    this._timer = null;
    this._pinger = null;
    this._heardAt = 0;
    this._stopped = true;
    this._pending = new Map();
    this._rid = 0;
    // Unique to this page: the hub refuses a request id reused for another command.
    this._ridPrefix = `b${[...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    // Clock offset to the hub: server time = Date.now() + offset. Taken from
    // the welcome, then from the pong with the shortest round trip.
    this.offset = 0;
    this._bestRtt = Infinity;
    this._pingsSent = new Map();
  }

  /** The hub's clock now, in epoch ms. */
  serverNow() {
    return Date.now() + this.offset;
  }

  start() {
    if (!this._stopped) return;
    this._stopped = false;
    this._connect();
  }

  stop() {
    this._stopped = true;
    clearTimeout(this._timer);
    this._stopPinger();
    if (this._socket) this._socket.close(1000);
    this._socket = null;
    this._failPending("connection.lost");
    this._setState(STATES.CLOSED);
  }

  /** Whether a command sent now goes out at once (else it waits for the link). */
  get online() {
    return this.state === STATES.CONNECTED && this._socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Send a command; resolves with the ack or error frame (never rejects).
   *
   * A command sent while the link is down waits for it, and a command whose
   * answer is lost with the connection is sent again, with the same rid, as
   * soon as the hub is back: the hub answers a repeated rid with the original
   * result, so a vote sent on poor Wi-Fi counts exactly once. Only a hub that
   * stays connected and silent for ``commandTimeout`` ms resolves it with
   * ``connection.lost``; a page that is closed resolves it the same way.
   */
  command(type, fields = {}) {
    if (!SENDABLE.has(type)) throw new Error(`not a command of this hub: ${type}`);
    if (this._stopped) return Promise.resolve({ type: "error", code: "connection.not_open" });
    const rid = `${this._ridPrefix}-${++this._rid}`;
    const frame = encode({ ...fields, type, rid });
    return new Promise((resolve) => {
      const pending = { frame, resolve, timer: null };
      this._pending.set(rid, pending);
      if (this.online) this._send(rid, pending);
      else this._emit("queued", type);
    });
  }

  _send(rid, pending) {
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      this._pending.delete(rid);
      pending.resolve({ type: "error", rid, code: "connection.lost" });
    }, this.commandTimeout);
    this._socket.send(pending.frame);
  }

  async _connect() {
    clearTimeout(this._timer);
    this._setState(this.seq > 0 || this._attempt > 0 ? STATES.RECONNECTING : STATES.CONNECTING);
    let info;
    try {
      info = await this._ticket();
    } catch (err) {
      this.lastError = err.code || "connection.lost";
      this._scheduleRetry();
      return;
    }
    if (this._stopped) return;
    this.ticketInfo = info;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const params = new URLSearchParams({ ticket: info.ticket });
    if (this.seq > 0) params.set("since", String(this.seq));
    const socket = new WebSocket(`${scheme}//${location.host}/ws?${params}`);
    socket.binaryType = "arraybuffer";
    this._socket = socket;
    socket.addEventListener("message", (event) => {
      if (socket !== this._socket) return;
      this._heardAt = Date.now();
      let frame;
      try {
        frame = decode(new Uint8Array(event.data));
      } catch {
        return;
      }
      this._onFrame(frame);
    });
    socket.addEventListener("close", () => this._lost(socket));
  }

  /** The link is gone: unanswered commands wait for the next one (see command()). */
  _lost(socket) {
    if (socket !== this._socket) return;
    this._socket = null;
    this._stopPinger();
    for (const pending of this._pending.values()) clearTimeout(pending.timer);
    if (!this._stopped) this._scheduleRetry();
  }

  /** Give up on a socket now: a dead link may take minutes to report its close. */
  _drop(socket, code) {
    this._lost(socket);
    socket.close(code);
  }

  async _ticket() {
    try {
      return await fetchTicket(this.meeting, this.role);
    } catch (err) {
      if (this.fallbackToPublic && !this.role && err.status === 401) {
        return fetchTicket(this.meeting, "public");
      }
      throw err;
    }
  }

  _scheduleRetry() {
    // Waiting for the chair to open the meeting: ask again often, it is cheap.
    const most = this.lastError === "meeting.not_opened" ? 4000 : this.maxDelay;
    const base = Math.min(most, this.minDelay * 2 ** this._attempt);
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    this._attempt += 1;
    this.retryAt = Date.now() + delay;
    this._setState(STATES.RECONNECTING, true);
    this._timer = setTimeout(() => this._connect(), delay);
  }

  _onFrame(frame) {
    switch (frame.type) {
      case "welcome":
        this.welcome = frame;
        if (this._bestRtt === Infinity && typeof frame.server_time === "number") {
          this.offset = frame.server_time - Date.now();
        }
        this._attempt = 0;
        this.retryAt = 0;
        this.lastError = "";
        this._startPinger();
        this._setState(STATES.CONNECTED);
        this._emit("welcome", frame);
        this._resendPending();
        break;
      case "snapshot":
        this.view = frame.view;
        this.seq = frame.seq;
        this._emit("view", this.view);
        break;
      case "patch":
        if (this.view === null || frame.from > this.seq) {
          // A gap: start over from a fresh snapshot.
          this.seq = 0;
          this.view = null;
          if (this._socket) this._drop(this._socket, 4000);
          return;
        }
        this.view = mergePatch(this.view, frame.patch);
        this.seq = frame.seq;
        this._emit("view", this.view);
        break;
      case "me":
        this.me = frame.me;
        this._emit("me", this.me);
        break;
      case "devices": // the presidium's: who has a device connected
        this.devices = frame.online;
        this._emit("devices", this.devices);
        break;
      case "pong":
        if (this._pingsSent.has(frame.rid)) {
          this._onPong(frame);
          break;
        }
      // falls through: a pong for a ping sent through command()
      case "ack":
      case "error": {
        if (frame.type === "ack" && "me" in frame) {
          // The sender's changed status comes with the ack of its own command.
          this.me = frame.me;
          this._emit("me", this.me);
        }
        const waiting = this._pending.get(frame.rid);
        if (waiting) {
          this._pending.delete(frame.rid);
          clearTimeout(waiting.timer);
          waiting.resolve(frame);
        } else if (frame.type === "error") {
          this.lastError = frame.code;
          this._emit("hub-error", frame);
        }
        break;
      }
      default:
        break;
    }
  }

  _onPong(frame) {
    const sent = this._pingsSent.get(frame.rid);
    this._pingsSent.delete(frame.rid);
    const now = Date.now();
    const rtt = now - sent;
    if (typeof frame.server_time === "number" && rtt <= this._bestRtt) {
      this._bestRtt = rtt;
      this.offset = frame.server_time + rtt / 2 - now;
      this._emit("clock", this.offset);
    }
  }

  _ping(socket) {
    const rid = `ping-${++this._rid}`;
    this._pingsSent.set(rid, Date.now());
    if (this._pingsSent.size > 16) this._pingsSent.delete(this._pingsSent.keys().next().value);
    socket.send(encode({ type: "ping", rid }));
  }

  _startPinger() {
    this._stopPinger();
    this._heardAt = Date.now();
    if (this._socket) this._ping(this._socket); // a first clock estimate at once
    this._pinger = setInterval(() => {
      const socket = this._socket;
      if (!socket) return;
      const silent = Date.now() - this._heardAt;
      if (silent > this.silenceLimit) {
        this._drop(socket, 4001); // lost: reconnect, and send what waits again
        return;
      }
      if (silent >= this.pingEvery) this._ping(socket); // a busy link needs no ping
    }, 1000);
  }

  _stopPinger() {
    clearInterval(this._pinger);
    this._pinger = null;
  }

  _failPending(code) {
    for (const { resolve, timer } of this._pending.values()) {
      clearTimeout(timer);
      resolve({ type: "error", code });
    }
    this._pending.clear();
  }

  _resendPending() {
    for (const [rid, pending] of this._pending) this._send(rid, pending);
  }

  _setState(state, force = false) {
    if (this.state === state && !force) return;
    this.state = state;
    this._emit("state", state);
  }

  _emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}
