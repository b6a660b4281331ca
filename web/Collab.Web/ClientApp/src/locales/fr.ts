import { common } from "./fr/common";
import type { en, Messages } from "./en";

export const fr: Messages<typeof en> = { common };
