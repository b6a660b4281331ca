import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { href } from "../router";

/**
 * The way into moderation: the dashboard of every circle the member moderates or owns, and the dashboard of
 * all circles (which the server opens to platform moderators only). Moderation pages to come belong here.
 */
export function moderationPage(ctx: AppContext): Page {
  document.title = `${t("profile:moderation")} · Collab`;
  const list = h("ul", { class: "item-list", testid: "moderated-circles" });
  const moderated = Object.entries(ctx.me.circles).filter(([, role]) => role === "Moderator" || role === "Owner");
  replaceChildren(list, ...moderated.map(([id]) => {
    const link = h("a", { class: "item-list__link", href: href.circleDashboard(id) }, "…");
    void ctx.api.circle(id).then((circle) => { link.textContent = `${circle.name} · ${t("circle:dashboard")}`; }, () => { link.textContent = id; });
    return h("li", { class: "item-list__item" }, link);
  }));
  const element = h("div", { class: "page page--moderation" },
    h("header", { class: "page__header page__header--compact" }, h("h1", { class: "page__title" }, t("profile:moderation"))),
    h("section", { class: "card" }, list,
      h("p", {}, h("a", { href: href.dashboard(), testid: "all-circles-dashboard" }, t("profile:allActivity")))));
  return { element, dispose: () => undefined };
}
