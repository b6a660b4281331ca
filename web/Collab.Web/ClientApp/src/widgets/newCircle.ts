import type { AppContext } from "../context";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { href } from "../router";
import { circleForm } from "./circleForm";

/** "New circle": a button that opens the form; the new circle's founder becomes its owner and lands on its page. */
export function newCircle(ctx: AppContext): HTMLElement {
  const element = h("div", { class: "new-circle" });
  function closed(): void {
    replaceChildren(element, h("button", { class: "button button--primary", type: "button", testid: "new-circle", onclick: opened }, t("circle:newCircle")));
  }
  function opened(): void {
    replaceChildren(element, h("section", { class: "card" }, h("h2", { class: "card__title" }, t("circle:createTitle")), circleForm({
      testid: "new-circle-form", submitLabel: t("circle:createCircle"),
      submit: async (fields) => {
        const circle = await ctx.api.createCircle(fields);
        await ctx.refreshMe();
        location.hash = href.circle(circle.id);
      },
      cancel: closed,
    })));
    element.querySelector("input")?.focus();
  }
  closed();
  return element;
}
