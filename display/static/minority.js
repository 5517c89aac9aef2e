// The minority right's records on the item under way, as the console and the
// tablet show them: who backed the demand, whether it was carried, and why.

import { t } from "/static/i18n.js";
import { h } from "/static/vdom.js";

export function minorityEntries(view) {
  return (view.votes?.minority || [])
    .filter((m) => m.item === view.current_item)
    .map((m) => {
      const outcome = m.forced ? "minority.forced" : m.repeat ? "minority.repeat" : "minority.short";
      return h(
        "li",
        { class: "minority-record", "data-forced": m.forced ? "yes" : "no" },
        h("strong", { text: t(`proposal.kind.${m.kind}`) }),
        ` – ${t("minority.backed", { n: m.supporters.length, needed: m.threshold, present: m.present })} `,
        h("span", { class: "tag", text: t(outcome) }),
        m.reason ? h("p", { class: "proposal-text", text: `${t("minority.reason")}: ${m.reason}` }) : null,
      );
    });
}
