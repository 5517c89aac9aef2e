// The secretary's year: the meetings held, attendance against the body's
// goal (a chart per meeting), per party and per member, and the basis for
// allowances, with the same tables as CSV files and one workbook.

import { mountLanguageSwitch, onLanguageChange, translate, t } from "/static/i18n.js";
import { formatDay } from "/static/swedish-time.js";
import { api, el, showError } from "/static/portal-api.js";
import { mountReview, renderReview } from "/static/portal-year-review.js";

const $ = (id) => document.getElementById(id);
const TABLES = ["meetings", "parties", "members", "allowances", "payroll", "questions"];
let data = null;
let chart = null;

const percent = (share) => `${Math.round(share * 1000) / 10} %`;
const base = () => `/portal/api/admin/assemblies/${encodeURIComponent($("assembly").value)}/year/${encodeURIComponent($("year").value)}`;

function table(id, columns, rows) {
  $(id).replaceChildren(
    el("thead", {}, el("tr", {}, ...columns.map(([key, , header]) => el("th", { scope: "col", text: t(`portal.year.col.${header || key}`) })))),
    el("tbody", {}, ...rows.map((row) => el("tr", { dataset: { key: row.meeting || row.person || row.party || "" } }, ...columns.map(([key, show]) => el("td", { text: show ? show(row[key], row) : String(row[key] ?? "") }))))),
  );
}

const yesNo = (value) => t(value ? "portal.year.yes" : "portal.year.no");

function renderSummary() {
  const { total, goal, meets_goal: meets } = data;
  const held = data.meetings.filter((m) => m.held).length;
  const line = t("portal.year.summary", { held, took_part: total.took_part, of: total.of, rate: percent(total.rate) });
  const against = goal === null ? "" : ` ${t(meets ? "portal.year.goal_met" : "portal.year.goal_missed", { goal: percent(goal) })}`;
  $("year-summary").textContent = line + against;
  $("year-summary").dataset.goal = goal === null ? "none" : meets ? "met" : "missed";
  $("year-files").replaceChildren(
    ...TABLES.map((name) => el("a", { class: "button secondary", href: `${base()}?format=csv&table=${name}`, text: t("portal.year.csv", { table: t(`portal.year.${name}`) }) })),
    el("a", { class: "button secondary", href: `${base()}?format=xlsx`, text: t("portal.year.xlsx") }),
  );
}

async function renderChart() {
  if (!globalThis.Chart) await import("/vendor/chart.js/chart.umd.min.js");
  const held = data.meetings.filter((m) => m.held);
  const config = {
    type: "bar",
    data: {
      labels: held.map((m) => formatDay(m.date, { dateStyle: "medium" })),
      datasets: [
        { label: t("portal.year.col.rate"), data: held.map((m) => Math.round(m.rate * 100)), backgroundColor: "#0b4f8a" },
        ...(data.goal === null ? [] : [{ type: "line", label: t("portal.year.goal"), data: held.map(() => Math.round(data.goal * 100)), borderColor: "#8a4b00", pointRadius: 0 }]),
      ],
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } } },
  };
  chart?.destroy();
  chart = new globalThis.Chart($("year-chart"), config);
}

function render() {
  if (!data) return;
  renderSummary();
  table("year-meetings", [["date", (d) => (d ? formatDay(d) : "")], ["time"], ["title"], ["held", yesNo], ["quorum", yesNo], ["seats_taking_part", (n, m) => `${n} / ${m.seats}`], ["rate", percent], ["substitutes_served"]], data.meetings);
  table("year-parties", [["party"], ["took_part", (n, p) => `${n} / ${p.of}`], ["rate", percent]], data.parties);
  table("year-members", [["name"], ["party"], ["present", (n, m) => `${n} / ${m.meetings_held}`], ["substituted"]], data.members);
  table("year-allowances", [["date"], ["name"], ["arrived"], ["left"], ["served_hours"], ["present_hours"], ["rate", null, "rate_name"], ["correction"], ["approved"]], data.allowances);
  renderReview(data, $("assembly").value, load);
  renderChart();
}

async function load(event) {
  event?.preventDefault();
  try {
    data = await api(base());
    $("year-message").textContent = "";
    render();
  } catch (err) {
    if (err.status === 401) return location.assign("/portal/login");
    showError($("year-message"), err);
  }
}

async function start() {
  translate();
  document.title = t("portal.year.heading");
  mountLanguageSwitch($("lang-switch"));
  onLanguageChange(render);
  $("year").value = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric" }).format(new Date());
  try {
    const assemblies = await api("/portal/api/admin/assemblies");
    $("assembly").replaceChildren(...assemblies.map((a) => el("option", { value: a.id, text: a.name })));
  } catch (err) {
    if (err.status === 401) return location.assign("/portal/login");
    return showError($("year-message"), err);
  }
  $("year-form").addEventListener("submit", load);
  mountReview();
  await load();
}

start();
