import { common } from "./fr/common";
import { contributions } from "./fr/contributions";
import { editor } from "./fr/editor";
import { history } from "./fr/history";
import type { en, Messages } from "./en";

export const fr: Messages<typeof en> = {
  common,
  editor,
  history,
  contributions,
};
