// The member's own profile page and the header's links.
export const profile = {
  title: "Your profile",
  link: "Your profile",
  displayName: "Display name",
  handle: "Handle",
  handleHint: "Letters, digits and underscores; others mention you with @handle.",
  saved: "Your profile is saved.",
  circles: "Your circles",
  noCircles: "You have not joined any circle yet.",
  moderation: "Moderation",
  allActivity: "Activity across all circles",
};
