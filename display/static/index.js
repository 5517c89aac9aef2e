// The landing page: the meetings, each linking to its attendance page.

import { mountLanguageSwitch, onLanguageChange, t, translate } from "/static/i18n.js";
import { formatWhen as swedishWhen } from "/static/swedish-time.js";

const list = document.getElementById("meetings");
const status = document.getElementById("meetings-status");
let meetings = null;
let failed = false;

function formatWhen(value) {
  return swedishWhen(value, { dateStyle: "long", timeStyle: "short" });
}

function render() {
  status.removeAttribute("data-i18n");
  if (failed) status.textContent = t("index.failed");
  else if (meetings === null) status.textContent = t("index.loading");
  else status.textContent = meetings.length ? "" : t("index.empty");
  status.hidden = status.textContent === "";
  list.replaceChildren(
    ...(meetings || []).map((m) => {
      const li = document.createElement("li");
      li.className = "meeting";
      const link = document.createElement("a");
      link.href = `/m/${encodeURIComponent(m.id)}/`;
      link.className = "meeting-link";
      link.textContent = m.title || m.id;
      li.append(link);
      if (m.starts_at) {
        const when = document.createElement("span");
        when.className = "meeting-when";
        when.textContent = t("index.starts", { when: formatWhen(m.starts_at) });
        li.append(" ", when);
      }
      const pub = document.createElement("a");
      pub.href = `/m/${encodeURIComponent(m.id)}/?role=public`;
      pub.className = "meeting-public";
      pub.textContent = t("index.public");
      li.append(" ", pub);
      return li;
    }),
  );
}

async function load() {
  try {
    const response = await fetch("/api/meetings", { cache: "no-store" });
    if (!response.ok) throw new Error(String(response.status));
    meetings = await response.json();
  } catch {
    failed = true;
  }
  render();
}

translate();
mountLanguageSwitch(document.getElementById("lang-switch"));
onLanguageChange(render);
render();
load();
