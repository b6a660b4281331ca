// The sign-in page (the development token issuer).
export const signin = {
  pageTitle: "Sign in",
  title: "Learn together, live",
  lead: "Join circles of learners and educators, talk in threads, and build projects with people around the world.",
  handle: "Your handle",
  handlePlaceholder: "e.g. ana_lopez",
  handleHelp: "2–30 letters, digits or _. Others mention you with @handle.",
  name: "Your name",
  namePlaceholder: "e.g. Ana López",
  nameHelp: "How others see you in circles and threads.",
  submit: "Sign in",
  failed: "Sign-in failed. Please try again.",
  note: "Development sign-in: no password needed on this server.",
};
