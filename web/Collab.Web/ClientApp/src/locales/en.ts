import { common } from "./en/common";

// English, the reference: every namespace here has its French twin in ../fr.ts, checked by the type checker.
export const en = { common };

/** The shape a translation must have: every key of the English namespace, each a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
