// Dates and times as Swedes see them: always in Europe/Stockholm, whatever the
// device's own time zone, in the page's language.

export const TIME_ZONE = "Europe/Stockholm";

function locale() {
  return document.documentElement.lang === "en" ? "en-GB" : "sv-SE";
}

/** An instant (ISO text, epoch ms, or epoch seconds below 1e11) in Swedish time. */
export function formatWhen(value, options = { dateStyle: "medium", timeStyle: "short" }) {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(typeof value === "number" && value < 1e11 ? value * 1000 : value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: TIME_ZONE }).format(date);
}

/** A Swedish calendar day ("2026-12-24"), which has no time zone to convert. */
export function formatDay(iso, options = { dateStyle: "long" }) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" }).format(date);
}

/** A Swedish wall-clock time as stored ("2027-02-11T13:00"): shown as it is, never moved
 *  by the device's own time zone. */
export function formatLocal(wall, options = { dateStyle: "medium", timeStyle: "short" }) {
  const found = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wall || "");
  if (!found) return wall || "";
  const [y, mo, d, h, mi] = found.slice(1).map(Number);
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, mo - 1, d, h, mi)));
}
