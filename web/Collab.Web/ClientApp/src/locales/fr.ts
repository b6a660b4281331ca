import { common } from "./fr/common";
import { circle } from "./fr/circle";
import { comment } from "./fr/comment";
import { forms } from "./fr/forms";
import { profile } from "./fr/profile";
import { project } from "./fr/project";
import { thread } from "./fr/thread";
import type { en, Messages } from "./en";

export const fr: Messages<typeof en> = { common, circle, comment, forms, profile, project, thread };
