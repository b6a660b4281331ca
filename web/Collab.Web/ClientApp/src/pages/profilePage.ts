import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { href } from "../router";
import { asyncForm, field, textInput } from "../widgets/formFields";
import { invitationList } from "../widgets/invitations";

/** The member's own profile: their display name and handle (what the API lets them change), their circles and invitations. */
export function profilePage(ctx: AppContext): Page {
  document.title = `${t("profile:title")} · Collab`;
  const displayName = textInput({ name: "displayName", value: ctx.me.displayName, maxlength: 80, required: true, testid: "profile-display-name" });
  const handle = textInput({ name: "handle", value: ctx.me.handle, maxlength: 30, required: true, testid: "profile-handle" });
  handle.pattern = "@?[A-Za-z0-9_]{2,30}";
  const saved = h("p", { class: "form__saved", role: "status", testid: "profile-saved" });
  const circles = h("ul", { class: "item-list", testid: "profile-circles" });

  function renderCircles(): void {
    const ids = Object.keys(ctx.me.circles);
    if (ids.length === 0) {
      replaceChildren(circles, h("li", { class: "item-list__empty" }, t("profile:noCircles")));
      return;
    }
    replaceChildren(circles, ...ids.map((id) => {
      const link = h("a", { class: "item-list__link", href: href.circle(id) }, "…");
      void ctx.api.circle(id).then((circle) => { link.textContent = circle.name; }, () => { link.textContent = id; });
      return h("li", { class: "item-list__item" }, link, h("span", { class: "item-list__note" }, t(`circle:role_${ctx.me.circles[id]!}`)));
    }));
  }

  const form = asyncForm({
    testid: "profile-form",
    fields: [field(t("profile:displayName"), displayName), field(t("profile:handle"), handle, t("profile:handleHint"))],
    submitLabel: t("forms:save"),
    submit: async () => {
      saved.textContent = "";
      await ctx.api.updateMe({ displayName: displayName.value.trim(), handle: handle.value.trim().replace(/^@/, "") });
      await ctx.refreshMe();
      saved.textContent = t("profile:saved");
    },
    describe: describeError,
  });
  renderCircles();
  const stop = ctx.onMeChanged(renderCircles);

  const element = h("div", { class: "page page--profile" },
    h("header", { class: "page__header page__header--compact" }, h("h1", { class: "page__title" }, t("profile:title"))),
    h("div", { class: "layout" },
      h("div", { class: "layout__main" }, h("section", { class: "card" }, form, saved)),
      h("aside", { class: "layout__side" }, invitationList(ctx),
        Object.values(ctx.me.circles).some((role) => role === "Moderator" || role === "Owner")
          ? h("section", { class: "card" }, h("a", { href: href.moderation(), testid: "profile-moderation" }, t("profile:moderation"))) : null,
        h("section", { class: "card" }, h("h2", { class: "card__title" }, t("profile:circles")), circles))));
  return { element, dispose: stop };
}
