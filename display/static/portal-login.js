// The login page: username, password and a code from the authenticator app.

import { mountLanguageSwitch, translate, t } from "/static/i18n.js";
import { api, showError, showMessage } from "/static/portal-api.js";

const form = document.getElementById("login-form");
const message = document.getElementById("login-message");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  showMessage(message, t("portal.login.checking"), "ok");
  try {
    await api("/portal/api/login", {
      username: document.getElementById("username").value.trim(),
      password: document.getElementById("password").value,
      code: document.getElementById("code").value,
    });
    location.assign("/portal/");
  } catch (err) {
    showError(message, err);
  }
});

translate();
document.title = t("portal.login.title");
mountLanguageSwitch(document.getElementById("lang-switch"));
