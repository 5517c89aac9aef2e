// Shared parts of the tablet, chair console, chamber display and public
// screen, gathered for the pages that import them from one place.

export * from "/static/dom.js";
export * from "/static/vdom.js";
export * from "/static/meeting-view.js";
export * from "/static/chrome.js";
export * from "/static/clock.js";
export * from "/static/vote-bars.js";
export * from "/static/seat-map.js";
export * from "/static/vote-colors.js";
export * from "/static/stats-chart.js";
export { errorText, t } from "/static/i18n.js";
export { STATES } from "/static/hub.js";
