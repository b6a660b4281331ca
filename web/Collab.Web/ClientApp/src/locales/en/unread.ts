// Activity and unread markers in a circle's lists, and reading a thread.
export const unread = {
  comments_one: "{{count}} comment",
  comments_other: "{{count}} comments",
  noComments: "No comments yet",
  lastBy: "last by {{who}} {{when}}",
  someone: "someone",
  unread_one: "{{count}} unread",
  unread_other: "{{count}} unread",
  manyUnread: "100+ unread",
  new: "new",
  firstUnread: "New since your last visit",
};
