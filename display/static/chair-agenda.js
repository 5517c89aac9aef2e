// The chair's console, the agenda: take up an item, finish it, go on to the
// next one, and close the meeting.

import { $, confirmAction, currentItem, h, itemTitle, run, show, t } from "/static/screen.js";

let hub = null;

export function renderAgenda(view, connected) {
  const busy = Boolean(view.current_item);
  show(
    $("agenda"),
    (view.agenda || []).map((item) =>
      h(
        "li",
        { key: item.id, class: item.status, "data-item": item.id, "aria-current": item.status === "current" ? "step" : null },
        h("span", {}, h("span", { class: "agenda-title", text: itemTitle(item) }), " ", h("span", { class: "agenda-status", text: t(`agenda.${item.status}`) })),
        item.status === "pending"
          ? h("button", {
              type: "button",
              class: "button secondary",
              "data-item": item.id,
              "aria-label": t("chair.start_item_label", { title: item.title }),
              disabled: busy || !connected,
              text: t("chair.start_item"),
            })
          : null,
      ),
    ),
  );
  $("finish-item").disabled = !busy || !connected;
  const next = nextItem(view);
  $("next-item").disabled = !next || !connected || Boolean(view.current_vote);
  $("next-item").dataset.item = next?.id || "";
  $("adjourn").disabled = !connected || Boolean(view.current_vote) || Boolean(view.meeting?.adjourned);
  const inRecess = Boolean(view.meeting?.recess_until);
  $("recess-form").hidden = inRecess;
  $("recess").disabled = !connected || Boolean(view.current_vote) || Boolean(view.meeting?.adjourned);
  $("resume").hidden = !inRecess;
  $("resume").disabled = !connected;
}

async function recess(event) {
  event.preventDefault();
  const until = $("recess-until").value;
  if (!until || !(await confirmAction(t("chair.confirm_recess", { time: until })))) return;
  await run(hub, $("agenda-result"), "meeting.recess", { resumes_at: until }, "chair.recessed");
}

/** The next item not yet dealt with after the one under way (or the last one dealt with). */
function nextItem(view) {
  const agenda = view.agenda || [];
  const reached = agenda.findLastIndex((item) => item.status !== "pending");
  const pending = (item) => item.status === "pending";
  return agenda.slice(reached + 1).find(pending) || agenda.find(pending) || null;
}

/** "Nästa ärende": finish the item under way, if any, and take up the next on the agenda. */
async function takeUpNextItem() {
  const view = hub.view;
  const next = view && nextItem(view);
  if (!next) return;
  const current = currentItem(view);
  const question = current
    ? t("chair.confirm_next_item", { title: current.title, next: next.title })
    : t("chair.confirm_start_item", { title: next.title });
  if (!(await confirmAction(question))) return;
  if (current) {
    const answer = await run(hub, $("agenda-result"), "agenda.finish_item", {}, "chair.item_finished");
    if (answer.type !== "ack") return;
  }
  await run(hub, $("agenda-result"), "agenda.start_item", { item: next.id }, "chair.item_started");
}

async function adjourn() {
  const view = hub.view;
  const left = (view?.agenda || []).filter((item) => item.status === "pending").length;
  if (!(await confirmAction(t("chair.confirm_adjourn", { left })))) return;
  if (view?.current_item) {
    const answer = await run(hub, $("agenda-result"), "agenda.finish_item", {}, "chair.item_finished");
    if (answer.type !== "ack") return;
  }
  await run(hub, $("agenda-result"), "meeting.adjourn", {}, "chair.adjourned");
}

/** Wire the agenda's controls to the chair's connection. */
export function mountAgenda(connection) {
  hub = connection;
  $("agenda").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-item]");
    if (button) run(hub, $("agenda-result"), "agenda.start_item", { item: button.dataset.item }, "chair.item_started");
  });
  $("next-item").addEventListener("click", takeUpNextItem);
  $("adjourn").addEventListener("click", adjourn);
  $("recess-form").addEventListener("submit", recess);
  $("resume").addEventListener("click", () => run(hub, $("agenda-result"), "meeting.resume", {}, "chair.resumed"));
  $("finish-item").addEventListener("click", async () => {
    const item = currentItem(hub.view);
    if (item && (await confirmAction(t("chair.confirm_finish_item", { title: item.title })))) {
      await run(hub, $("agenda-result"), "agenda.finish_item", {}, "chair.item_finished");
    }
  });
}
