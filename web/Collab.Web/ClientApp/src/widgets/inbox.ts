import type { Api } from "../api";
import { h, replaceChildren } from "../dom";
import { relativeTime, t } from "../i18n";
import type { LiveConnection } from "../live/liveConnection";
import { commentAsText } from "../markdown";
import type { MemberDirectory } from "../members";
import { href } from "../router";
import type { InboxPage, LiveEvent, MentionNotice } from "../types";
import { icon } from "./icons";

/**
 * The bell in the header: mentions of the member and replies to their comments, live from their own scope. What
 * is read is kept on the server (opening the list marks it read), so the badge agrees on every device, and a list
 * read on one device turns read on the others as it happens.
 */
export class Inbox {
  readonly element: HTMLElement;
  private readonly badge = h("span", { class: "inbox__badge", testid: "inbox-badge", "aria-hidden": "true" });
  private readonly announcement = h("span", { class: "visually-hidden", "aria-live": "polite" });
  private readonly button: HTMLButtonElement;
  private readonly panel = h("div", { class: "inbox__panel", testid: "inbox", hidden: true, role: "dialog", "aria-labelledby": "inbox-title" });
  private readonly list = h("ul", { class: "inbox__list" });
  private notices: MentionNotice[] = [];
  private unread = 0;
  private readonly threadTitles = new Map<string, Promise<string>>();
  private readonly unsubscribe: () => void;

  constructor(
    memberId: string,
    live: LiveConnection,
    private readonly members: MemberDirectory,
    private readonly api: Api,
  ) {
    this.button = h("button", {
      class: "inbox__button", type: "button", title: t("inbox:button"), "aria-haspopup": "dialog", "aria-expanded": "false",
      onclick: () => this.toggle(),
    }, icon("bell"), h("span", { class: "visually-hidden" }, t("inbox:button")), this.badge, this.announcement);
    this.panel.append(h("h3", { class: "inbox__title", id: "inbox-title" }, t("inbox:title")), this.list);
    this.element = h("div", { class: "inbox" }, this.button, this.panel);
    this.unsubscribe = live.subscribe(`member:${memberId}`, {
      reset: (snapshot) => this.reset((snapshot as { inbox?: InboxPage }).inbox),
      event: (event) => this.event(event),
    });
    document.addEventListener("click", this.closeOnOutsideClick);
    this.render();
  }

  dispose(): void {
    this.unsubscribe();
    document.removeEventListener("click", this.closeOnOutsideClick);
  }

  private reset(inbox: InboxPage | undefined): void {
    this.notices = [...(inbox?.items ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    this.unread = inbox?.unread ?? 0;
    // What the server said is in; until then the badge's count is only a placeholder.
    this.element.dataset["loaded"] = "true";
    this.render();
  }

  private event(event: LiveEvent): void {
    if (event.kind === "inbox.mention" || event.kind === "inbox.reply") {
      const notice = event.payload as MentionNotice;
      // An edit that mentions someone again replaces its notice rather than adding one.
      const known = this.notices.findIndex((n) => n.threadId === notice.threadId && n.commentId === notice.commentId);
      if (known >= 0) this.notices.splice(known, 1);
      else this.unread++;
      this.notices.unshift({ ...notice, read: false });
      if (!this.panel.hidden) this.markRead();
      this.render();
    } else if (event.kind === "inbox.read") {
      // Read here or on another device: everything up to that position is read.
      this.readUpTo((event.payload as { upTo: number }).upTo);
      this.render();
    }
  }

  private readUpTo(position: number): void {
    for (const notice of this.notices) {
      if (!notice.read && positionOf(notice) <= position) {
        notice.read = true;
        this.unread = Math.max(0, this.unread - 1);
      }
    }
  }

  private toggle(): void {
    const open = this.panel.hidden;
    this.panel.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) this.markRead();
  }

  /** Opening the list reads it: the newest notice's cursor marks it and everything older read, on the server. */
  private markRead(): void {
    const newest = this.notices[0];
    if (!newest?.cursor || this.unread === 0) return;
    this.readUpTo(positionOf(newest));
    this.render();
    this.api.markInboxRead(newest.cursor).then((unread) => {
      this.unread = unread;
      this.render();
    }, (error: unknown) => console.warn("Marking the inbox read failed", error));
  }

  private readonly closeOnOutsideClick = (event: MouseEvent): void => {
    if (!this.panel.hidden && event.target instanceof Node && !this.element.contains(event.target)) {
      this.panel.hidden = true;
      this.button.setAttribute("aria-expanded", "false");
    }
  };

  private render(): void {
    // The header bell shows nothing when there is nothing.
    this.badge.textContent = this.unread > 0 ? String(this.unread) : "";
    this.badge.hidden = this.unread === 0;
    this.badge.dataset["count"] = String(this.unread);
    this.announcement.textContent = this.unread > 0 ? t("inbox:unread", { count: this.unread }) : "";
    this.button.classList.toggle("inbox__button--unread", this.unread > 0);

    if (this.notices.length === 0) {
      replaceChildren(this.list, h("li", { class: "inbox__empty" }, t("inbox:empty")));
      return;
    }
    replaceChildren(this.list, ...this.notices.map((notice) => this.item(notice)));
  }

  private item(notice: MentionNotice): HTMLElement {
    const key = notice.reason === "reply" ? "inbox:replied" : "inbox:mentioned";
    let who = t("inbox:someone");
    let where = t("inbox:aThread");
    const line = h("span", { class: "inbox__line" }, t(key, { who, where }));
    const show = (): void => { line.textContent = t(key, { who, where }); };
    void this.members.displayName(notice.fromMemberId).then((name) => { who = name; show(); });
    void this.threadTitle(notice.threadId).then((title) => { where = title; show(); });
    return h("li", { class: `inbox__item${notice.read ? "" : " inbox__item--unread"}`, testid: "inbox-item", "data-reason": notice.reason ?? "mention" },
      h("a", { href: href.thread(notice.threadId, notice.commentId), onclick: () => { this.panel.hidden = true; } },
        notice.read ? null : h("span", { class: "visually-hidden" }, `${t("inbox:unreadItem")}: `),
        line,
        // The excerpt is Markdown as written; the list shows its words, not its syntax.
        h("span", { class: "inbox__excerpt", testid: "inbox-excerpt" }, commentAsText(notice.excerpt)),
        h("time", { class: "inbox__time", datetime: notice.at }, relativeTime(notice.at))));
  }

  private threadTitle(threadId: string): Promise<string> {
    let title = this.threadTitles.get(threadId);
    if (!title) {
      title = this.api.thread(threadId).then((thread) => thread.title, () => t("inbox:aThread"));
      this.threadTitles.set(threadId, title);
    }
    return title;
  }
}

/** A notice's place in the inbox, from its cursor (`position~key`): what an "inbox.read" event's upTo compares with. */
function positionOf(notice: MentionNotice): number {
  return Number(notice.cursor?.split("~")[0] ?? 0);
}
