// The portal's JSON calls: same-origin, cookie-carrying, errors as codes.

import { errorText } from "/static/i18n.js";

export { el } from "/static/dom.js";

export class ApiError extends Error {
  constructor(code, status) {
    super(code);
    this.code = code;
    this.status = status;
  }
}

export async function api(path, body) {
  const options = { credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) {
    options.method = "POST";
    options.headers = { "Content-Type": "application/json" };
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    throw new ApiError("connection.lost", 0);
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(data.error || "server.error", response.status);
  return data;
}

export function showMessage(el, text, kind = "error") {
  el.textContent = text;
  el.dataset.kind = kind;
}

export function showError(el, err) {
  showMessage(el, errorText(err.code || "server.error"));
}

