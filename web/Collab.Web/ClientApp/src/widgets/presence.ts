import { h, replaceChildren } from "../dom";
import { formatNumber, t } from "../i18n";
import type { PresenceEntry, PresenceSnapshot } from "../types";
import { avatar } from "./avatar";

/**
 * "Here now": one avatar per member live in a scope (several tabs of one person count once). A crowded scope
 * (a festival thread) sends a summary instead: the count, and avatars for the most recent arrivals only.
 */
export class PresenceList {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "presence__list" });
  private readonly count = h("span", { class: "presence__count" });

  constructor(title: string, private readonly describe: (entry: PresenceEntry) => string | null = () => null) {
    this.element = h("section", { class: "card presence", testid: "presence", "aria-label": title },
      h("h3", { class: "card__title" }, h("span", { class: "live-dot", "aria-hidden": "true" }), title, " ", this.count),
      this.list);
    this.update({ entries: [] });
  }

  update(snapshot: Pick<PresenceSnapshot, "entries" | "summary">): void {
    const byMember = new Map<string, PresenceEntry[]>();
    for (const entry of snapshot.entries) byMember.set(entry.memberId, [...(byMember.get(entry.memberId) ?? []), entry]);
    const summary = snapshot.summary ?? null;
    const total = summary ? summary.members : byMember.size;
    this.count.textContent = total > 0 ? `· ${formatNumber(total)}` : "";
    this.element.toggleAttribute("data-summary", summary !== null);
    if (byMember.size === 0) {
      replaceChildren(this.list, h("li", { class: "presence__empty" }, t("presence:nobody")));
      return;
    }
    // A summary lists the most recent arrivals first, as sent; a full list reads best by name.
    const people = summary ? [...byMember.values()]
      : [...byMember.values()].sort((a, b) => a[0]!.displayName.localeCompare(b[0]!.displayName));
    const others = summary ? Math.max(0, summary.members - byMember.size) : 0;
    replaceChildren(this.list, ...people.map((own) => {
      const first = own[0]!;
      const typing = own.some((e) => e.activity === "Typing");
      const where = own.map(this.describe).find((d) => d);
      return h("li", { class: `presence__person${typing ? " presence__person--typing" : ""}`, "data-member-id": first.memberId },
        avatar(first.memberId, first.displayName, "small"),
        h("span", { class: "presence__name" }, first.displayName),
        typing ? h("span", { class: "presence__note" }, t("presence:typing")) : where ? h("span", { class: "presence__note" }, where) : null);
    }), ...(others > 0 ? [h("li", { class: "presence__more", testid: "presence-more" },
      t("presence:more", { count: others, formatted: formatNumber(others) }))] : []));
  }
}
