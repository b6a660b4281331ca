import { h, replaceChildren } from "../dom";
import type { PresenceEntry } from "../types";
import { avatar } from "./avatar";

/** "Here now": one avatar per member live in a scope (several tabs of one person count once). */
export class PresenceList {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "presence__list" });
  private readonly count = h("span", { class: "presence__count" });

  constructor(title: string, private readonly describe: (entry: PresenceEntry) => string | null = () => null) {
    this.element = h("section", { class: "card presence", testid: "presence", "aria-label": title },
      h("h3", { class: "card__title" }, h("span", { class: "live-dot", "aria-hidden": "true" }), title, " ", this.count),
      this.list);
    this.update([]);
  }

  update(entries: PresenceEntry[]): void {
    const byMember = new Map<string, PresenceEntry[]>();
    for (const entry of entries) byMember.set(entry.memberId, [...(byMember.get(entry.memberId) ?? []), entry]);
    this.count.textContent = byMember.size > 0 ? `· ${byMember.size}` : "";
    if (byMember.size === 0) {
      replaceChildren(this.list, h("li", { class: "presence__empty" }, "Nobody else is here right now."));
      return;
    }
    const people = [...byMember.values()].sort((a, b) => a[0]!.displayName.localeCompare(b[0]!.displayName));
    replaceChildren(this.list, ...people.map((own) => {
      const first = own[0]!;
      const typing = own.some((e) => e.activity === "Typing");
      const where = own.map(this.describe).find((d) => d);
      return h("li", { class: `presence__person${typing ? " presence__person--typing" : ""}`, "data-member-id": first.memberId },
        avatar(first.memberId, first.displayName, "small"),
        h("span", { class: "presence__name" }, first.displayName),
        typing ? h("span", { class: "presence__note" }, "typing…") : where ? h("span", { class: "presence__note" }, where) : null);
    }));
  }
}
