import { describeError } from "../api";
import type { AppContext } from "../context";
import { h, replaceChildren } from "../dom";
import { relativeTime, t } from "../i18n";
import { href } from "../router";
import type { CircleInvitation } from "../types";

/**
 * The member's invitations waiting for an answer, each with Accept and Decline; empty (and hidden) when there
 * are none. Read from the server, so an invitation seen on one device is answered on any.
 */
export function invitationList(ctx: AppContext): HTMLElement {
  const list = h("ul", { class: "item-list" });
  const element = h("section", { class: "card invitations", testid: "invitations", hidden: true, "aria-labelledby": "invitations-title" },
    h("h2", { class: "card__title", id: "invitations-title" }, t("circle:invitationsTitle")), list);

  async function load(): Promise<void> {
    const invitations = await ctx.api.myInvitations();
    element.hidden = invitations.length === 0;
    replaceChildren(list, ...invitations.map(row));
  }

  function row(invitation: CircleInvitation): HTMLElement {
    const name = h("a", { class: "item-list__link", href: href.circle(invitation.circleId) }, "…");
    const from = h("span", { class: "item-list__note" });
    void ctx.api.circle(invitation.circleId).then((circle) => { name.textContent = circle.name; }, () => { name.textContent = invitation.circleId; });
    void ctx.members.displayName(invitation.invitedBy).then((who) => {
      from.textContent = `${t("circle:invitationFrom", { name: who })} · ${relativeTime(invitation.at)}`;
    });
    const answer = (accept: boolean) => async (): Promise<void> => {
      try {
        if (accept) {
          await ctx.api.joinCircle(invitation.circleId);
          await ctx.refreshMe();
          location.hash = href.circle(invitation.circleId);
        } else {
          await ctx.api.declineInvitation(invitation.circleId);
          ctx.notify(t("circle:declined"));
          await load();
        }
      } catch (error) {
        ctx.notify(describeError(error), "error");
      }
    };
    return h("li", { class: "item-list__item", testid: "invitation", "data-circle-id": invitation.circleId },
      h("span", { class: "invitation__what" }, name, " ", from),
      h("span", { class: "invitation__actions" },
        h("button", { class: "button button--primary", type: "button", testid: "accept-invitation", onclick: () => void answer(true)() }, t("circle:accept")),
        h("button", { class: "button button--quiet", type: "button", testid: "decline-invitation", onclick: () => void answer(false)() }, t("circle:decline"))));
  }

  void load().catch((error: unknown) => console.warn("Invitations unavailable", error));
  return element;
}
