// The minority right's records on the item under way, as the console and the
// tablet show them: who backed the demand, whether it was carried, and why.

import { el, t } from "/static/screen.js";

export function minorityEntries(view) {
  return (view.votes?.minority || [])
    .filter((m) => m.item === view.current_item)
    .map((m) => {
      const outcome = m.forced ? "minority.forced" : m.repeat ? "minority.repeat" : "minority.short";
      return el(
        "li",
        { class: "minority-record", "data-forced": m.forced ? "yes" : "no" },
        el("strong", { text: t(`proposal.kind.${m.kind}`) }),
        ` – ${t("minority.backed", { n: m.supporters.length, needed: m.threshold, present: m.present })} `,
        el("span", { class: "tag", text: t(outcome) }),
        m.reason ? el("p", { class: "proposal-text", text: `${t("minority.reason")}: ${m.reason}` }) : null,
      );
    });
}
