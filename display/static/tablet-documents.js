// The handlingar of the item under way, on the tablet: read from the portal
// (the hub's log holds no files), fetched again whenever the item changes or
// the secretariat files one during the meeting.

import { $, h, meetingId, show, t } from "/static/screen.js";

let shownFor; // the item whose documents were fetched last
let filedSeen = 0; // the meeting's count of handlingar filed during it, when last fetched
let documents = [];

async function fetchDocuments(item) {
  try {
    const response = await fetch(`/portal/api/meetings/${encodeURIComponent(meetingId)}/documents`, {
      credentials: "same-origin",
      cache: "no-store",
    });
    documents = response.ok ? await response.json() : [];
  } catch {
    documents = []; // poor Wi-Fi: the next change of item tries again
    shownFor = undefined;
  }
  if (shownFor === item) draw(item);
}

function draw(item) {
  const mine = documents.filter((d) => item && d.item === item);
  $("current-documents").hidden = mine.length === 0;
  show(
    $("current-documents"),
    mine.map((d) =>
      h(
        "li",
        { key: String(d.id), "data-document": String(d.id) },
        h("a", {
          href: d.view,
          target: "_blank",
          rel: "noopener",
          text: d.version > 1 ? t("portal.document_version", { title: d.title, version: d.version }) : d.title,
        }),
      ),
    ),
  );
}

export function renderDocuments(view) {
  const item = view?.current_item ?? null;
  const filed = view?.meeting?.documents_filed ?? 0;
  if (item === shownFor && filed === filedSeen) return;
  shownFor = item;
  filedSeen = filed;
  draw(item);
  if (item) fetchDocuments(item);
}
