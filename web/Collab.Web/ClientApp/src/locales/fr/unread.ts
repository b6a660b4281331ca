import type { unread as en } from "../en/unread";
import type { Messages } from "../en";

export const unread: Messages<typeof en> = {
  comments_one: "{{count}} commentaire",
  comments_other: "{{count}} commentaires",
  noComments: "Pas encore de commentaire",
  lastBy: "dernier de {{who}} {{when}}",
  someone: "quelqu’un",
  unread_one: "{{count}} non lu",
  unread_other: "{{count}} non lus",
  manyUnread: "plus de 100 non lus",
  new: "nouveau",
  firstUnread: "Nouveau depuis votre dernière visite",
};
