import { common } from "./en/common";
import { contributions } from "./en/contributions";
import { editor } from "./en/editor";
import { history } from "./en/history";

// English, the reference: every namespace here has its French twin in ../fr.ts, checked by the type checker.
export const en = {
  common,
  editor,
  history,
  contributions,
};

/** The shape a translation must have: every key of the English namespace, each a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
