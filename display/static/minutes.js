// The minutes page: the document as signed, who has signed it, the notice
// date and the appeal period; and for the chair and the justerare a form that
// signs with a fresh code from their authenticator app (a TOTP step-up).

import { errorText, mountLanguageSwitch, onLanguageChange, t, translate } from "/static/i18n.js";

const meeting = decodeURIComponent(location.pathname.split("/")[2] || "");
const base = `/api/meetings/${encodeURIComponent(meeting)}`;
const $ = (id) => document.getElementById(id);
let status = null;

function when(iso) {
  return iso ? iso.replace("T", " ") : "–";
}

async function load() {
  const response = await fetch(`${base}/minutes/status`, { credentials: "same-origin" });
  const body = await response.json();
  if (!response.ok) {
    $("minutes-error").hidden = false;
    $("minutes-error").textContent = errorText(body.error);
    return;
  }
  status = body;
  $("document").src = `${base}/minutes.html`;
  render();
}

function render() {
  if (!status) return;
  document.title = t("minutes.title", { meeting: status.title || meeting });
  $("hash").textContent = status.document_hash;
  $("verified").textContent = status.verified
    ? t("minutes.verified", { when: when(status.verified_at) })
    : t("minutes.not_verified");
  $("verified").dataset.verified = String(status.verified);
  renderDeadlines();
  const numbers = Object.fromEntries(status.paragraphs.map((p) => [p.item, p.number]));
  const people = [
    ...(status.chairs || (status.chair ? [status.chair] : [])).map((c) => ({ ...c, role: "chair" })),
    ...status.justerare.map((j) => ({ ...j, role: "justerare" })),
  ];
  const rows = people.map((p) => {
    const li = document.createElement("li");
    const signed = status.signatures.find((s) => s.person === p.person && s.paragraph === "");
    const role = t(`minutes.role.${p.role}`);
    li.textContent = signed
      ? t("minutes.signed", { role, name: p.name, when: when(signed.signed_at) }) +
        (signed.holds ? "" : ` ${t("minutes.stale")}`)
      : t("minutes.unsigned", { role, name: p.name });
    return li;
  });
  for (const s of status.signatures.filter((s) => s.paragraph !== "")) {
    const li = document.createElement("li");
    li.textContent = t("minutes.signed_paragraph", {
      role: t(`minutes.role.${s.role}`),
      name: s.name,
      number: numbers[s.paragraph],
      when: when(s.signed_at),
    });
    rows.push(li);
  }
  $("signatures").replaceChildren(...rows);
  $("sign-panel").hidden = !status.me.role;
  const options = [];
  if (status.adjourned) options.push(["", t("minutes.sign_whole")]);
  for (const p of status.paragraphs.filter((p) => p.finished && !status.adjourned)) {
    options.push([p.item, t("minutes.sign_paragraph", { number: p.number, title: p.title })]);
  }
  $("sign-what").replaceChildren(
    ...options.map(([value, label]) => new Option(label, value)),
  );
}

/** Days left as words: "3 dagar kvar", "i dag", "2 dagar för sent". */
function daysText(n) {
  if (n === 0) return t("minutes.due_today");
  if (n === 1) return t("minutes.day_left");
  return n > 0 ? t("minutes.days_left", { n }) : t("minutes.overdue", { n: -n });
}

function renderDeadlines() {
  const due = status.justering_by && !status.verified;
  $("justering-by").hidden = !due;
  if (due) {
    $("justering-by").textContent = t("minutes.justering_by", {
      date: status.justering_by,
      days: daysText(status.justering_days_left),
    });
  }
  const posted = Boolean(status.notice_date);
  $("notice").hidden = !status.verified;
  $("notice").textContent = posted
    ? t("minutes.notice", { date: status.notice_date }) +
      (status.notice_late ? ` ${t("minutes.notice_late", { date: status.notice_by })}` : "")
    : t("minutes.notice_by", { date: status.notice_by });
  $("appeal").hidden = !posted;
  $("appeal").textContent = t("minutes.appeal", { date: status.appeal_ends });
  const canRecord = Boolean(status.me.secretary && status.verified && !posted);
  $("notice-panel").hidden = !canRecord;
  if (canRecord && !$("notice-day").value) $("notice-day").value = status.today;
}

$("notice-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await fetch(`${base}/minutes/notice`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ day: $("notice-day").value }),
  });
  const body = await response.json();
  $("notice-result").textContent = response.ok ? t("minutes.notice_done") : errorText(body.error);
  if (response.ok) await load();
});

$("sign-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const paragraph = $("sign-what").value;
  const found = status.paragraphs.find((p) => p.item === paragraph);
  const response = await fetch(`${base}/minutes/sign`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      paragraph,
      document_hash: paragraph === "" ? status.document_hash : found.hash,
      code: $("sign-code").value,
    }),
  });
  const body = await response.json();
  $("sign-code").value = "";
  $("sign-result").textContent = response.ok ? t("minutes.sign_done") : errorText(body.error);
  if (response.ok) await load();
});

$("replay-link").href = `/m/${encodeURIComponent(meeting)}/replay`;
$("pdf-link").href = `${base}/minutes.pdf`;
translate();
mountLanguageSwitch($("lang-switch"));
onLanguageChange(render);
load();
