// The anslagstavla: the public notices of meetings, each with its day of
// posting, the time, place and ärenden as the latest version says, the
// public handlingar, and every ändrad kallelse with what it changed.

import { mountLanguageSwitch, onLanguageChange, translate, t } from "/static/i18n.js";
import { api, el, showError } from "/static/portal-api.js";
import { formatDay, formatLocal } from "/static/swedish-time.js";
import { changeText } from "/static/notice-text.js";

const $ = (id) => document.getElementById(id);
let notices = [];

function posting(n) {
  const documents = (item) => n.documents.filter((d) => d.item === item);
  const docLink = (d) =>
    el("li", {}, el("a", { href: `/portal/documents/${d.id}/view`, text: d.version > 1 ? t("portal.document_version", d) : d.title }));
  return el(
    "article",
    { class: "board-notice", dataset: { meeting: n.meeting } },
    el("h3", { text: n.title === n.body ? n.title : `${n.body}: ${n.title}` }),
    el("p", { text: t("board.when_where", { when: formatLocal(n.starts_at), place: n.place }) }),
    el("p", { class: "muted", text: t("board.posted", { day: formatDay(n.posted_on) }) }),
    el(
      "ol",
      { class: "board-items" },
      ...n.items.map((i) =>
        el(
          "li",
          {},
          i.diarienummer ? `${i.title} (${i.diarienummer})` : i.title,
          documents(i.id).length ? el("ul", {}, ...documents(i.id).map(docLink)) : "",
        ),
      ),
    ),
    documents("").length ? el("ul", {}, ...documents("").map(docLink)) : "",
    ...n.versions
      .filter((v) => v.version > 1)
      .map((v) =>
        el(
          "section",
          { class: "notice-change", dataset: { version: String(v.version) } },
          el("h4", { text: t("board.revised", { version: v.version, day: formatDay(v.published_on) }) }),
          el("ul", {}, ...v.changes.map((c) => el("li", { text: changeText(c) }))),
        ),
      ),
  );
}

function render() {
  $("board-notices").replaceChildren(...(notices.length ? notices.map(posting) : [el("p", { text: t("board.none") })]));
}

async function load() {
  try {
    notices = await api("/portal/api/anslagstavla");
    render();
  } catch (err) {
    showError($("board-message"), err);
  }
}

translate();
document.title = t("board.title");
mountLanguageSwitch($("lang-switch"));
onLanguageChange(() => {
  document.title = t("board.title");
  render();
});
load();
