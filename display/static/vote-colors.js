// The colours of a vote's options, the same on every screen.

export const OPTION_COLORS = { ja: "#0f6b2f", nej: "#a4161a", avstar: "#595959" };
const ELECTION_COLORS = ["#0b4f8a", "#7a3e9d", "#8a4b00", "#00676b", "#9c2062", "#3d5a00"];

export function optionColor(vote, option, index) {
  if (vote.method === "question") return OPTION_COLORS[option] || "#595959";
  return ELECTION_COLORS[index % ELECTION_COLORS.length];
}
