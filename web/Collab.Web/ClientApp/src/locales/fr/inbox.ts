import type { inbox as en } from "../en/inbox";
import type { Messages } from "../en";

export const inbox: Messages<typeof en> = {
  title: "Mentions et réponses",
  button: "Mentions et réponses",
  unread_one: "{{count}} non lue",
  unread_other: "{{count}} non lues",
  empty: "Rien pour l’instant. Quand quelqu’un écrit @votre-pseudo ou vous répond, cela apparaît ici.",
  someone: "Quelqu’un",
  aThread: "une discussion",
  mentioned: "{{who}} vous a mentionné·e dans {{where}}",
  replied: "{{who}} vous a répondu dans {{where}}",
  markRead: "Tout marquer comme lu",
  unreadItem: "Non lu",
};
