import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { href } from "../router";
import type { CircleSummary } from "../types";
import { circleNews } from "../widgets/circleNews";
import { icon, type IconName } from "../widgets/icons";

/**
 * The home page: the member's own circles first, each with what is new since they last read it (kept on the
 * server, so it is the same on every device), then every other circle.
 */
export function circleListPage(ctx: AppContext): Page {
  const mine = h("ul", { class: "circle-grid", testid: "my-circles" });
  const mineSection = h("section", { class: "circle-section", "aria-labelledby": "my-circles-title", hidden: true },
    h("h2", { class: "circle-section__title", id: "my-circles-title" }, t("home:myCircles")), mine);
  const others = h("ul", { class: "circle-grid", testid: "other-circles" }, h("li", { class: "circle-grid__loading" }, t("home:loading")));
  const othersTitle = h("h2", { class: "circle-section__title", id: "other-circles-title" }, t("home:allCircles"));
  document.title = t("home:pageTitle");
  let disposed = false;

  void ctx.api.circles().then((circles) => {
    if (disposed) return;
    if (circles.length === 0) {
      replaceChildren(others, h("li", { class: "circle-grid__loading" }, t("home:none")));
      return;
    }
    const joined = circles.filter((c) => ctx.me.circles[c.id] !== undefined);
    const rest = circles.filter((c) => ctx.me.circles[c.id] === undefined);
    mineSection.hidden = joined.length === 0;
    othersTitle.textContent = joined.length === 0 ? t("home:allCircles") : t("home:otherCircles");
    replaceChildren(mine, ...joined.map((circle) => card(circle, true, circleNews(ctx.api, circle.id))));
    replaceChildren(others, ...(rest.length > 0 ? rest.map((circle) => card(circle, false, null))
      : [h("li", { class: "circle-grid__loading" }, t("home:noOtherCircles"))]));
  }, (error: unknown) => replaceChildren(others, h("li", { class: "notice" }, describeError(error))));

  const element = h("div", { class: "page page--circles" },
    h("header", { class: "page__header page__header--hero" },
      h("h1", { class: "page__title" }, t("home:hello", { name: ctx.me.displayName })),
      h("p", { class: "page__lead" }, t("home:lead"))),
    // Both sections are the circle list: every circle's card is in it, whichever section holds it.
    h("div", { class: "circle-sections", testid: "circle-list" }, mineSection,
      h("section", { class: "circle-section", "aria-labelledby": "other-circles-title" }, othersTitle, others)));
  return { element, dispose: () => { disposed = true; } };
}

function card(circle: CircleSummary, joined: boolean, news: HTMLElement | null): HTMLElement {
  return h("li", { class: "circle-card", testid: "circle-card", "data-circle-id": circle.id },
    h("a", { class: "circle-card__link", href: href.circle(circle.id) },
      h("span", { class: `circle-card__emblem circle-card__emblem--${emblemOf(circle.id)}` }, icon(iconOf(circle.id))),
      h("h3", { class: "circle-card__name" }, circle.name),
      h("p", { class: "circle-card__description" }, circle.description),
      news,
      h("p", { class: "circle-card__meta" },
        h("span", { class: "circle-card__count" }, icon("users"), t("home:members", { count: circle.memberCount })),
        joined ? h("span", { class: "badge badge--joined" }, icon("check"), t("home:joined"))
          : circle.visibility === "InviteOnly" ? h("span", { class: "badge badge--invite" }, t("home:inviteOnly")) : null)));
}

const ICONS: readonly IconName[] = ["users", "book", "star", "compass", "leaf", "zap", "wave"];

function hash(id: string): number {
  let value = 0;
  for (let i = 0; i < id.length; i++) value = (value * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(value);
}

function emblemOf(id: string): number {
  return hash(id) % 6;
}

/** The demo circles get a fitting picture; any other circle a stable one of the set. */
function iconOf(id: string): IconName {
  if (id.includes("sustainab")) return "leaf";
  if (id.includes("youth")) return "zap";
  if (id.includes("celebrat")) return "star";
  if (id.includes("transition")) return "compass";
  return ICONS[hash(id) % ICONS.length]!;
}
