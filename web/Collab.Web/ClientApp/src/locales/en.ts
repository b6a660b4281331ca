import { common } from "./en/common";
import { circle } from "./en/circle";
import { comment } from "./en/comment";
import { forms } from "./en/forms";
import { profile } from "./en/profile";
import { project } from "./en/project";
import { thread } from "./en/thread";

// English, the reference: every namespace here has its French twin in ../fr.ts, checked by the type checker.
export const en = { common, circle, comment, forms, profile, project, thread };

/** The shape a translation must have: every key of the English namespace, each a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
