import type { Api } from "../api";
import { h, replaceChildren } from "../dom";
import { relativeTime } from "../i18n";
import type { LiveConnection } from "../live/liveConnection";
import type { MemberDirectory } from "../members";
import { href } from "../router";
import type { LiveEvent, MentionNotice } from "../types";
import { icon } from "./icons";

/**
 * The bell in the header: the member's mentions, live from their own scope. The badge counts mentions newer
 * than the last time the list was opened (remembered per member), so it grows live as mentions arrive.
 */
export class Inbox {
  readonly element: HTMLElement;
  private readonly badge = h("span", { class: "inbox__badge", testid: "inbox-badge", "aria-live": "polite" });
  private readonly button: HTMLButtonElement;
  private readonly panel = h("div", { class: "inbox__panel", testid: "inbox", hidden: true, role: "dialog", "aria-label": "Mentions" });
  private readonly list = h("ul", { class: "inbox__list" });
  private notices: MentionNotice[] = [];
  private readonly threadTitles = new Map<string, Promise<string>>();
  private readonly unsubscribe: () => void;
  private readonly seenKey: string;

  constructor(
    memberId: string,
    live: LiveConnection,
    private readonly members: MemberDirectory,
    private readonly api: Api,
  ) {
    this.seenKey = `collab.inbox.seen.${memberId}`;
    this.button = h("button", {
      class: "inbox__button", type: "button", title: "Mentions", "aria-haspopup": "dialog", "aria-expanded": "false",
      onclick: () => this.toggle(),
    }, icon("bell"), h("span", { class: "visually-hidden" }, "Mentions "), this.badge);
    this.panel.append(h("h3", { class: "inbox__title" }, "Mentions"), this.list);
    this.element = h("div", { class: "inbox" }, this.button, this.panel);
    this.unsubscribe = live.subscribe(`member:${memberId}`, {
      reset: (snapshot) => this.reset((snapshot as { inbox?: { items: MentionNotice[] } }).inbox?.items ?? []),
      event: (event) => this.event(event),
    });
    document.addEventListener("click", this.closeOnOutsideClick);
    this.render();
  }

  dispose(): void {
    this.unsubscribe();
    document.removeEventListener("click", this.closeOnOutsideClick);
  }

  private reset(inbox: MentionNotice[]): void {
    this.notices = [...inbox].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    this.render();
  }

  private event(event: LiveEvent): void {
    if (event.kind !== "inbox.mention") return;
    this.notices.unshift(event.payload as MentionNotice);
    this.render();
  }

  /** When the list was last opened, in ms (timestamps differ in precision, so compare numbers, not strings). */
  private get seenAt(): number {
    return Number(localStorage.getItem(this.seenKey) ?? 0) || 0;
  }

  private toggle(): void {
    const open = this.panel.hidden;
    this.panel.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) {
      const newest = this.notices[0]?.at;
      if (newest) localStorage.setItem(this.seenKey, String(Date.parse(newest)));
      this.render();
    }
  }

  private readonly closeOnOutsideClick = (event: MouseEvent): void => {
    if (!this.panel.hidden && event.target instanceof Node && !this.element.contains(event.target)) {
      this.panel.hidden = true;
      this.button.setAttribute("aria-expanded", "false");
    }
  };

  private render(): void {
    const seen = this.seenAt;
    const isUnread = (n: MentionNotice): boolean => Date.parse(n.at) > seen;
    const unread = this.notices.filter(isUnread).length;
    // Nothing to say, nothing shown: no "0" on the bell.
    this.badge.textContent = unread > 0 ? String(unread) : "";
    this.badge.dataset["count"] = String(unread);
    this.button.classList.toggle("inbox__button--unread", unread > 0);

    if (this.notices.length === 0) {
      replaceChildren(this.list, h("li", { class: "inbox__empty" }, "No mentions yet. When someone writes @your-handle, it shows up here."));
      return;
    }
    replaceChildren(this.list, ...this.notices.map((notice) => this.item(notice, isUnread(notice))));
  }

  private item(notice: MentionNotice, unread: boolean): HTMLElement {
    const who = h("strong", {}, "Someone");
    const where = h("span", { class: "inbox__thread" }, "a thread");
    void this.members.displayName(notice.fromMemberId).then((name) => { who.textContent = name; });
    void this.threadTitle(notice.threadId).then((title) => { where.textContent = title; });
    return h("li", { class: `inbox__item${unread ? " inbox__item--unread" : ""}` },
      h("a", { href: href.thread(notice.threadId, notice.commentId), onclick: () => { this.panel.hidden = true; } },
        h("span", { class: "inbox__line" }, who, " mentioned you in ", where),
        h("span", { class: "inbox__excerpt" }, notice.excerpt),
        h("time", { class: "inbox__time", datetime: notice.at }, relativeTime(notice.at))));
  }

  private threadTitle(threadId: string): Promise<string> {
    let title = this.threadTitles.get(threadId);
    if (!title) {
      title = this.api.thread(threadId).then((t) => t.title, () => "a thread");
      this.threadTitles.set(threadId, title);
    }
    return title;
  }
}
