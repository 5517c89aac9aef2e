// Small DOM helpers of every screen: look-ups, building elements, text.


export const $ = (id) => document.getElementById(id);
export const params = new URLSearchParams(location.search);
export const meetingId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");

/**
 * Build an element: el("li", {class: "x", "aria-label": "y", dataset: {id: "1"}}, child, "text").
 * `text` sets the text before the children; false, null and undefined leave an attribute out.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "style") node.style.cssText = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export function setText(node, text) {
  if (!node) return;
  node.removeAttribute("data-i18n");
  if (node.textContent !== text) node.textContent = text;
}

/** Black or white text, whichever contrasts more with a #rrggbb background. */
export function textOn(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
  if (!m) return "#000000";
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#000000";
}
