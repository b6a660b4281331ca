import { circle } from "./fr/circle";
import { comment } from "./fr/comment";
import { common } from "./fr/common";
import { connection } from "./fr/connection";
import { dashboard } from "./fr/dashboard";
import { errors } from "./fr/errors";
import { presence } from "./fr/presence";
import { review } from "./fr/review";
import { sdgs } from "./fr/sdgs";
import { signin } from "./fr/signin";
import { contributions } from "./fr/contributions";
import { editor } from "./fr/editor";
import { forms } from "./fr/forms";
import { history } from "./fr/history";
import { home } from "./fr/home";
import { inbox } from "./fr/inbox";
import { mentions } from "./fr/mentions";
import { profile } from "./fr/profile";
import { project } from "./fr/project";
import { thread } from "./fr/thread";
import { unread } from "./fr/unread";
import type { en, Messages } from "./en";

export const fr: Messages<typeof en> = {
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
