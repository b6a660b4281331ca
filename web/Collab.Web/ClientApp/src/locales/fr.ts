import { common } from "./fr/common";
import { home } from "./fr/home";
import { inbox } from "./fr/inbox";
import { mentions } from "./fr/mentions";
import { unread } from "./fr/unread";
import type { en, Messages } from "./en";

export const fr: Messages<typeof en> = { common, home, inbox, mentions, unread };
