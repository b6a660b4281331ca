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
import { history } from "./en/history";

// English, the reference: every namespace here has its French twin in ../fr.ts, checked by the type checker.
export const en = {
  common,
  signin,
  dashboard,
  review,
  presence,
  connection,
  errors,
  sdgs,
  editor,
  history,
  contributions,
};

/** The shape a translation must have: every key of the English namespace, each a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
