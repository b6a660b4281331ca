// Words the whole workspace shares: the header, the language switch, times, the not-found page.
export const common = {
  justNow: "just now",
  language: "Language",
  signOut: "Sign out",
  allCircles: "Collab: all circles",
  mentions: "Mentions",
  nothingHere: "Nothing here",
  notFoundLead: "This address does not lead to a page of the workspace.",
  backToCircles: "Back to the circles",
  skipToContent: "Skip to main content",
  signedInAs: "Signed in as {{name}} (@{{handle}})",
  pageTitle: "{{page}} · Collab",
  loading: "Loading Collab…",
  you: "you",
};
