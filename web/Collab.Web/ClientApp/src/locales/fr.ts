import { common } from "./fr/common";
import { contributions } from "./fr/contributions";
import { editor } from "./fr/editor";
import { history } from "./fr/history";
import { home } from "./fr/home";
import { inbox } from "./fr/inbox";
import { mentions } from "./fr/mentions";
import { unread } from "./fr/unread";
import type { en, Messages } from "./en";

export const fr: Messages<typeof en> = {
  common,
  contributions,
  editor,
  history,
  home,
  inbox,
  mentions,
  unread,
};
