// The bell in the header: mentions of the member and replies to their comments.
export const inbox = {
  title: "Mentions and replies",
  button: "Mentions and replies",
  unread_one: "{{count}} unread",
  unread_other: "{{count}} unread",
  empty: "Nothing yet. When someone writes @your-handle or replies to you, it shows up here.",
  someone: "Someone",
  aThread: "a thread",
  mentioned: "{{who}} mentioned you in {{where}}",
  replied: "{{who}} replied to you in {{where}}",
  markRead: "Mark all read",
  unreadItem: "Unread",
};
