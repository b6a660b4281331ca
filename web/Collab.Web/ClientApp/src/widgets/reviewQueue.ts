import { describeError, type Api } from "../api";
import { h, replaceChildren } from "../dom";
import { relativeTime, t } from "../i18n";
import type { MemberDirectory } from "../members";
import { review as english } from "../locales/en/review";
import { href } from "../router";
import type { AuditEntry, CommentView, FlagView } from "../types";

const englishReasons = english.reasons;

/** A flag's reason as the reader's language says it; a reason this page does not know yet, as sent. */
function reasonLabel(reason: string): string {
  return t(`review:reasons.${reason}`, { defaultValue: reason });
}

/** "comment.hidden" → "comment hidden"; an action this page does not know yet, as sent. */
function actionLabel(action: string): string {
  const key = action.replace(/[.-](\w)/g, (_, letter: string) => letter.toUpperCase());
  return t(`review:actions.${key}`, { defaultValue: action.replace(".", " ") });
}

/**
 * A circle's review queue for its moderators: open flags (comments and document passages) and new members' held
 * posts, each with one-click actions, and the audit log of what was done. It reads the moderation API again
 * after each action and whenever the dashboard's counts of open flags or held posts change.
 */
export class ReviewQueue {
  readonly element: HTMLElement;
  private readonly flags = h("ul", { class: "item-list", testid: "review-queue" });
  private readonly held = h("ul", { class: "item-list", testid: "held-posts" });
  private readonly audit = h("ol", { class: "item-list", testid: "audit-log" });
  private lastCounts = "";
  private loading: Promise<void> | null = null;

  constructor(
    private readonly circleId: string,
    private readonly api: Api,
    private readonly members: MemberDirectory,
    private readonly notify: (message: string, tone?: "info" | "error") => void,
  ) {
    this.element = h("div", { class: "review" },
      h("h3", { class: "card__subtitle" }, t("review:flagsTitle")), this.flags,
      h("h3", { class: "card__subtitle" }, t("review:heldTitle")), this.held,
      h("h3", { class: "card__subtitle" }, t("review:auditTitle")), this.audit);
    void this.refresh();
  }

  /** Reads the queue again when the live counts say it changed. */
  countsChanged(openFlags: number, heldPosts: number): void {
    const counts = `${openFlags}/${heldPosts}`;
    if (counts === this.lastCounts) return;
    this.lastCounts = counts;
    void this.refresh();
  }

  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => { this.loading = null; });
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const [flags, held, audit] = await Promise.all([
        this.api.flags(this.circleId), this.api.heldPosts(this.circleId), this.api.audit(this.circleId)]);
      this.renderFlags(flags.items);
      this.renderHeld(held.items);
      this.renderAudit(audit.items);
    } catch (error) {
      this.notify(describeError(error), "error");
    }
  }

  private renderFlags(flags: FlagView[]): void {
    if (flags.length === 0) {
      replaceChildren(this.flags, h("li", { class: "item-list__empty" }, t("review:noFlags")));
      return;
    }
    replaceChildren(this.flags, ...flags.map((flag) => {
      const reasons = flag.reasons.map((r) => reasonLabel(r.reason) + (r.note ? ` (“${r.note}”)` : "")).join(", ");
      const where = flag.target === "comment" && flag.threadId
        ? h("a", { href: href.thread(flag.threadId), class: "item-list__link" }, t("review:aComment"))
        : h("a", { href: href.project(flag.documentId ?? ""), class: "item-list__link" }, t("review:aPassage"));
      const actions = flag.target === "comment" && flag.threadId && flag.commentId !== null
        ? [this.button(t("review:hideComment"), "queue-hide", () => this.hideAndResolve(flag)), this.button(t("review:dismiss"), "queue-dismiss", () => this.resolve(flag, "dismissed"))]
        : [this.button(t("review:dismiss"), "queue-dismiss", () => this.resolve(flag, "dismissed"))];
      return h("li", { class: "item-list__item review__item", testid: "flag-item" },
        h("span", {}, t("review:reports", { count: flag.reasons.length, reasons }), " ", where,
          " · ", h("time", { datetime: flag.openedAt }, relativeTime(flag.openedAt))),
        flag.excerpt ? h("blockquote", { class: "review__excerpt" }, flag.excerpt) : null,
        h("span", { class: "review__actions" }, ...actions));
    }));
  }

  private renderHeld(posts: CommentView[]): void {
    if (posts.length === 0) {
      replaceChildren(this.held, h("li", { class: "item-list__empty" }, t("review:noHeld")));
      return;
    }
    replaceChildren(this.held, ...posts.map((post) => {
      const author = h("span", {}, "…");
      void this.members.displayName(post.authorId).then((name) => { author.textContent = name; });
      return h("li", { class: "item-list__item review__item", testid: "held-item" },
        h("span", {}, author, ` ${t("review:in")} `, h("a", { href: href.thread(post.threadId), class: "item-list__link" }, t("review:aThread")),
          " · ", h("time", { datetime: post.createdAt }, relativeTime(post.createdAt))),
        h("blockquote", { class: "review__excerpt" }, post.text),
        h("span", { class: "review__actions" },
          this.button(t("review:approve"), "held-approve", () => this.act(() => this.api.approveComment(post.threadId, post.id), t("review:approved"))),
          this.button(t("review:delete"), "held-delete", () => this.act(() => this.api.deleteComment(post.threadId, post.id), t("review:deleted")))));
    }));
  }

  private renderAudit(entries: AuditEntry[]): void {
    if (entries.length === 0) {
      replaceChildren(this.audit, h("li", { class: "item-list__empty" }, t("review:noAudit")));
      return;
    }
    replaceChildren(this.audit, ...entries.map((entry) => {
      const who = h("span", {}, "…");
      void this.members.displayName(entry.actorId).then((name) => { who.textContent = name; });
      return h("li", { class: "item-list__item", testid: "audit-entry" },
        h("time", { datetime: entry.at }, relativeTime(entry.at)), " · ", who, ` ${actionLabel(entry.action)} `,
        h("code", {}, entry.target), entry.reason ? ` — ${entry.reason}` : "");
    }));
  }

  private async hideAndResolve(flag: FlagView): Promise<void> {
    // The audit keeps the reason in English, the language the moderators' records share.
    const reasons = [...new Set(flag.reasons.map((r) => englishReasons[r.reason as keyof typeof englishReasons] ?? r.reason))].join(", ");
    await this.act(async () => {
      await this.api.hideComment(flag.threadId!, flag.commentId!, `flagged: ${reasons}`);
      await this.api.resolveFlag(this.circleId, flag.flagId, "hidden");
    }, t("review:hiddenAndResolved"));
  }

  private resolve(flag: FlagView, how: string): Promise<void> {
    return this.act(() => this.api.resolveFlag(this.circleId, flag.flagId, how), t("review:resolved"));
  }

  private async act(action: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await action();
      this.notify(done);
    } catch (error) {
      this.notify(describeError(error), "error");
    }
    await this.refresh();
  }

  private button(label: string, testid: string, onclick: () => Promise<void>): HTMLElement {
    return h("button", { class: "button button--small", type: "button", testid, onclick: () => void onclick() }, label);
  }
}
