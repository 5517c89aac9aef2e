// Enrolment: scan the QR code (or type the secret), choose a password,
// confirm with a first code, and keep the recovery codes shown once.

import { mountLanguageSwitch, translate, t } from "/static/i18n.js";
import { api, el, mountCodeActions, showError } from "/static/portal-api.js";

const token = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
const path = `/portal/api/enrol/${encodeURIComponent(token)}`;
const status = document.getElementById("enrol-status");

async function load() {
  try {
    const info = await api(path);
    document.getElementById("enrol-who").textContent = t("portal.enrol.for", { name: info.name });
    document.getElementById("totp-secret").textContent = info.secret;
    document.getElementById("enrol-username").textContent = info.username;
    document.getElementById("totp-qr").src = info.qr;
    document.getElementById("enrol-steps").hidden = false;
  } catch (err) {
    showError(status, err);
  }
}

document.getElementById("enrol-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const message = document.getElementById("enrol-message");
  try {
    const result = await api(path, {
      password: document.getElementById("new-password").value,
      code: document.getElementById("enrol-code").value,
    });
    document.getElementById("enrol-panel").hidden = true;
    document.getElementById("recovery-codes").replaceChildren(
      ...result.recovery_codes.map((code) => el("li", { text: code })),
    );
    document.getElementById("codes-panel").hidden = false;
  } catch (err) {
    showError(message, err);
  }
});

translate();
document.title = t("portal.enrol.title");
mountLanguageSwitch(document.getElementById("lang-switch"));
mountCodeActions();
load();
