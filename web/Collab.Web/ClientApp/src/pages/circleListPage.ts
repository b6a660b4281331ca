import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { href } from "../router";
import { icon, type IconName } from "../widgets/icons";
import { invitationList } from "../widgets/invitations";
import { newCircle } from "../widgets/newCircle";

/** Every circle, with what it is about and how many people are in it. */
export function circleListPage(ctx: AppContext): Page {
  const grid = h("ul", { class: "circle-grid", testid: "circle-list" }, h("li", { class: "circle-grid__loading" }, "Loading circles…"));
  document.title = "Circles · Collab";

  void ctx.api.circles().then((circles) => {
    if (circles.length === 0) {
      replaceChildren(grid, h("li", { class: "circle-grid__loading" }, "No circles yet."));
      return;
    }
    replaceChildren(grid, ...circles.map((circle) => {
      const joined = ctx.me.circles[circle.id] !== undefined;
      return h("li", { class: "circle-card", testid: "circle-card", "data-circle-id": circle.id },
        h("a", { class: "circle-card__link", href: href.circle(circle.id) },
          h("span", { class: `circle-card__emblem circle-card__emblem--${emblemOf(circle.id)}` }, icon(iconOf(circle.id))),
          h("h2", { class: "circle-card__name" }, circle.name),
          h("p", { class: "circle-card__description" }, circle.description),
          h("p", { class: "circle-card__meta" },
            h("span", { class: "circle-card__count" }, icon("users"), `${circle.memberCount} ${circle.memberCount === 1 ? "member" : "members"}`),
            joined ? h("span", { class: "badge badge--joined" }, icon("check"), "joined")
              : circle.visibility === "InviteOnly" ? h("span", { class: "badge badge--invite" }, "invite only") : null)));
    }));
  }, (error: unknown) => replaceChildren(grid, h("li", { class: "notice" }, describeError(error))));

  const element = h("div", { class: "page page--circles" },
    h("header", { class: "page__header page__header--hero" },
      h("h1", { class: "page__title" }, `Hello, ${ctx.me.displayName}!`),
      h("p", { class: "page__lead" }, "Circles are communities of learners and educators. Join one, start a conversation, build a project together."),
      newCircle(ctx)),
    invitationList(ctx),
    grid);
  return { element, dispose: () => undefined };
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
