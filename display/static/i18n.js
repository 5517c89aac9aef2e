// Message catalogues and the language switch. Swedish is the default.
//
// Every text a user can see lives here. Elements carry the key in
// data-i18n (text content) or data-i18n-attr="attribute:key;attribute:key";
// code asks for text with t(key, params). Error codes from the hub are
// translated with errorText(code).

import { en as commonEn } from "/static/i18n-common-en.js";
import { sv as commonSv } from "/static/i18n-common-sv.js";
import { ADMIN_CATALOGUES } from "/static/i18n-admin.js";
import { ERROR_CATALOGUES } from "/static/i18n-errors.js";
import { SCREEN_CATALOGUES } from "/static/i18n-screens.js";
import { AUDIT_CATALOGUES } from "/static/replay-i18n.js";

const CATALOGUES = { sv: { ...commonSv }, en: { ...commonEn } };

// The texts of the tablet, chair console, chamber display and public screen.
for (const [lang, entries] of Object.entries(SCREEN_CATALOGUES)) {
  CATALOGUES[lang] = { ...entries, ...CATALOGUES[lang] };
}

// The texts of the error codes (tests/test_catalogue.py checks that every code has one).
for (const [lang, entries] of Object.entries(ERROR_CATALOGUES)) {
  CATALOGUES[lang] = { ...entries, ...CATALOGUES[lang] };
}

// The texts of the secretariat's pages.
for (const [lang, entries] of Object.entries(ADMIN_CATALOGUES)) {
  CATALOGUES[lang] = { ...entries, ...CATALOGUES[lang] };
}

// The texts of the replay and minutes pages.
for (const [lang, entries] of Object.entries(AUDIT_CATALOGUES)) {
  CATALOGUES[lang] = { ...entries, ...CATALOGUES[lang] };
}

export const LANGUAGES = Object.keys(CATALOGUES);
export const DEFAULT_LANGUAGE = "sv";
const STORAGE_KEY = "ordet.lang";
const listeners = new Set();

function initialLanguage() {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (fromUrl && fromUrl in CATALOGUES) return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && stored in CATALOGUES) return stored;
  } catch {
    // Storage may be blocked; the default will do.
  }
  return DEFAULT_LANGUAGE;
}

let current = initialLanguage();

export function language() {
  return current;
}

/** The text for key in the current language, with {name} filled from params. */
export function t(key, params = {}) {
  const text = CATALOGUES[current][key] ?? CATALOGUES[DEFAULT_LANGUAGE][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translated text for an error code sent by the hub or raised locally. */
export function errorText(code) {
  const key = `error.${code}`;
  if (key in CATALOGUES[current] || key in CATALOGUES[DEFAULT_LANGUAGE]) return t(key);
  return t("error.generic", { code });
}

/** Fill every data-i18n element below root. */
export function translate(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

export function setLanguage(lang) {
  if (!(lang in CATALOGUES) || lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits; fine.
  }
  translate();
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Build the language switch: one button per language, the current one pressed. */
export function mountLanguageSwitch(container) {
  container.replaceChildren();
  container.setAttribute("role", "group");
  container.dataset.i18nAttr = "aria-label:lang.switch";
  container.setAttribute("aria-label", t("lang.switch"));
  for (const lang of LANGUAGES) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "lang-button";
    button.lang = lang;
    button.dataset.lang = lang;
    button.textContent = CATALOGUES[lang]["lang.name"];
    button.setAttribute("aria-pressed", String(lang === current));
    button.addEventListener("click", () => setLanguage(lang));
    container.append(button);
  }
  onLanguageChange((lang) => {
    for (const button of container.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    }
  });
}
