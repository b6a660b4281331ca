import { h } from "../dom";
import { t } from "../i18n";
import type { ErrorKind } from "../live/commandErrors";
import { href } from "../router";

export type MissingKind = "circle" | "project" | "thread";

const MISSING = { circle: "forms:notFoundCircle", project: "forms:notFoundProject", thread: "forms:notFoundThread" } as const;

/**
 * What a page shows instead of itself when what it names does not exist (or is closed to the reader): a plain
 * explanation and a way back, said once; never the raw id or the server's wording about it.
 */
export function notFoundView(kind: MissingKind, error: ErrorKind): HTMLElement {
  const missing = error === "NotFound";
  document.title = `${t(missing ? "forms:notFoundTitle" : "forms:notOpenTitle")} · Collab`;
  return h("div", { class: "not-found", testid: "not-found", "data-kind": kind },
    h("h1", { class: "page__title" }, t(missing ? "forms:notFoundTitle" : "forms:notOpenTitle")),
    h("p", { class: "page__lead" }, t(missing ? MISSING[kind] : "forms:notOpenText")),
    h("p", {}, h("a", { class: "button button--primary", href: href.circles(), testid: "not-found-back" }, t("forms:back"))));
}
