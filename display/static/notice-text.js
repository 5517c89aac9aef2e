// The kallelse in words, for the secretary, the member and the anslagstavla:
// what a change was, and which version was published when.

import { t } from "/static/i18n.js";
import { formatDay, formatLocal } from "/static/swedish-time.js";

/** "Ny tid: 11 feb. 2027 13:00", as people read a change. */
export function changeText(change) {
  const subject = change.kind === "time" ? formatLocal(change.subject) : change.subject;
  return subject ? `${t(`notice.change.${change.kind}`)}: ${subject}` : t(`notice.change.${change.kind}`);
}

/** "Kallelse publicerad 5 januari 2027", or the same of an ändrad kallelse. */
export function versionText(version) {
  const what = version.version === 1 ? t("notice.first") : t("notice.revised", { version: version.version });
  return t("notice.published", { what, day: formatDay(version.published_on) });
}
