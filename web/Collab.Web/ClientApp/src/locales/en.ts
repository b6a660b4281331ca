import { circle } from "./en/circle";
import { comment } from "./en/comment";
import { common } from "./en/common";
import { connection } from "./en/connection";
import { dashboard } from "./en/dashboard";
import { errors } from "./en/errors";
import { presence } from "./en/presence";
import { review } from "./en/review";
import { sdgs } from "./en/sdgs";
import { signin } from "./en/signin";
import { contributions } from "./en/contributions";
import { editor } from "./en/editor";
import { forms } from "./en/forms";
import { history } from "./en/history";
import { home } from "./en/home";
import { inbox } from "./en/inbox";
import { mentions } from "./en/mentions";
import { profile } from "./en/profile";
import { project } from "./en/project";
import { thread } from "./en/thread";
import { unread } from "./en/unread";

// English, the reference: every namespace here has its French twin in ../fr.ts, checked by the type checker.
// One namespace per line, so branches adding namespaces merge cleanly.
export const en = {
  circle,
  comment,
  common,
  signin,
  dashboard,
  review,
  presence,
  connection,
  errors,
  sdgs,
  contributions,
  editor,
  forms,
  history,
  home,
  inbox,
  mentions,
  profile,
  project,
  thread,
  unread,
};

/** The shape a translation must have: every key of the English namespace, each a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
