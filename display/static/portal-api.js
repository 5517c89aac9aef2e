// The portal's JSON calls: same-origin, cookie-carrying, errors as codes.

import { errorText, t } from "/static/i18n.js";

import { el } from "/static/dom.js";

export { el };

export class ApiError extends Error {
  constructor(code, status) {
    super(code);
    this.code = code;
    this.status = status;
  }
}

/**
 * Print or download a list of recovery codes: kept on paper or in a safe
 * place rather than on the screen. Wires every ``.code-actions`` block.
 */
export function mountCodeActions(root = document) {
  for (const block of root.querySelectorAll(".code-actions")) {
    block.addEventListener("click", (event) => {
      const action = event.target.closest("button")?.dataset.action;
      const codes = [...document.getElementById(block.dataset.codes).children].map((li) => li.textContent);
      if (action === "print") {
        document.body.dataset.printing = block.dataset.codes;
        window.print();
        delete document.body.dataset.printing;
      } else if (action === "download" && codes.length) {
        const text = `${t("portal.codes.file_heading")}\n\n${codes.join("\n")}\n`;
        const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain" })), download: t("portal.codes.file_name") });
        link.click();
        URL.revokeObjectURL(link.href);
      }
    });
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

