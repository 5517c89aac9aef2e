// A document (handling) in the page itself, drawn by PDF.js: in the portal
// and on the tablet, the same on every device. The SHA-256 shown is of the
// bytes received, to compare with the one the secretariat and the log give.

import * as pdfjs from "/vendor/pdfjs/pdf.min.mjs";
import { mountLanguageSwitch, translate, t } from "/static/i18n.js";
import { el } from "/static/portal-api.js";

pdfjs.GlobalWorkerOptions.workerSrc = "/vendor/pdfjs/pdf.worker.min.mjs";

const $ = (id) => document.getElementById(id);
const documentId = location.pathname.split("/").filter(Boolean)[2];
const source = `/portal/documents/${encodeURIComponent(documentId)}`;

async function hex(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function show() {
  const response = await fetch(source, { credentials: "same-origin" });
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) location.assign("/portal/login");
    $("document-status").textContent = t(`error.${data.error || "server.error"}`);
    return;
  }
  const bytes = await response.arrayBuffer();
  $("document-digest").textContent = t("viewer.digest", { digest: await hex(bytes) });
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const width = Math.min($("document-pages").clientWidth || 800, 1200);
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (width / unscaled.width) * (window.devicePixelRatio || 1) });
    const canvas = el("canvas", {
      class: "document-page",
      width: Math.floor(viewport.width),
      height: Math.floor(viewport.height),
      "aria-label": t("viewer.page", { number, count: pdf.numPages }),
      role: "img",
    });
    $("document-pages").append(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
  }
  $("document-status").textContent = t("viewer.pages", { count: pdf.numPages });
  document.body.dataset.rendered = String(pdf.numPages);
}

translate();
document.title = t("viewer.title");
$("document-download").href = source;
mountLanguageSwitch(document.getElementById("lang-switch"));
show().catch(() => {
  $("document-status").textContent = t("viewer.failed");
});
