// Words the whole workspace shares: the header, the language switch, times.
export const common = {
  justNow: "just now",
  language: "Language",
  signOut: "Sign out",
  allCircles: "Collab: all circles",
  mentions: "Mentions",
  nothingHere: "Nothing here",
  backToCircles: "Back to the circles",
};
