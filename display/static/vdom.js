// What a screen shows, written as virtual nodes and patched into the page by
// Preact: only what changed is touched, so focus, selection and a half-typed
// field survive every view the hub pushes.

import { h as preactNode, render } from "/vendor/preact/preact.mjs";

const STATES = new Set(["checked", "disabled", "hidden", "open", "required", "selected"]);

/**
 * A virtual element: h("li", {class: "x", text: "y", onclick: f}, child).
 * Takes the same attributes as dom.el: `text` is the first child, and an
 * attribute that is null, undefined or (unless it is a state) false is left out.
 */
export function h(tag, attrs = {}, ...children) {
  const props = {};
  const content = [];
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    // A state such as `checked: false` is kept so that the page follows the view.
    if (value === false && !STATES.has(key)) continue;
    if (key === "text") content.push(String(value));
    else props[key] = value;
  }
  content.push(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return preactNode(tag, props, ...content);
}

/** Make a container show these virtual children, changing only what differs. */
export function show(container, children) {
  render(Array.isArray(children) ? children : [children], container);
}
