// The comment composer and its @mention suggestions.
export const mentions = {
  hint: "Markdown works · @handle mentions someone · Ctrl+Enter sends",
  cancel: "Cancel",
  sendFailed: "Could not send. Please try again.",
  suggestions: "Members to mention",
  noMatch: "No member of this circle matches",
  available_one: "{{count}} member suggested; use the arrow keys and Enter to choose",
  available_other: "{{count}} members suggested; use the arrow keys and Enter to choose",
};
