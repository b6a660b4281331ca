import { common } from "./en/common";
import { contributions } from "./en/contributions";
import { editor } from "./en/editor";
import { history } from "./en/history";
import { home } from "./en/home";
import { inbox } from "./en/inbox";
import { mentions } from "./en/mentions";
import { unread } from "./en/unread";

// English, the reference: every namespace here has its French twin in ../fr.ts, checked by the type checker.
// One namespace per line, so branches adding namespaces merge cleanly.
export const en = {
  common,
  contributions,
  editor,
  history,
  home,
  inbox,
  mentions,
  unread,
};

/** The shape a translation must have: every key of the English namespace, each a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
