import type { Api } from "../api";
import { h, replaceChildren } from "../dom";
import { relativeTime, t } from "../i18n";
import type { LiveConnection } from "../live/liveConnection";
import type { MemberDirectory } from "../members";
import { readMarksSettled } from "./readTracker";
import type { ThreadActivity, ThreadUnread } from "../types";

/** The unread count from which a list shows "100+": the server counts no further past a read mark. */
const UNREAD_CAP = 100;
const CLOCK_MS = 30_000;

interface Summary {
  commentCount: number;
  lastCommentAt: string | null;
  lastCommentBy: string | null;
  lastCommentId: number;
  unread: number;
  lastRead: number;
  seen: boolean;
}

/**
 * The activity line of each thread in a circle's lists (its own threads and its projects' discussions): comment
 * count, who wrote last and when, and an unread marker. It starts from the server's read marks for the member and
 * follows the circle's live thread summaries, so a comment in any thread of the circle shows at once.
 */
export class ThreadActivityBoard {
  private readonly summaries = new Map<string, Summary>();
  private readonly lines = new Map<string, HTMLElement>();
  private readonly clock: number;
  private readonly stopWatching: () => void;
  private disposed = false;

  constructor(
    live: LiveConnection,
    private readonly api: Api,
    private readonly members: MemberDirectory,
    private readonly me: string,
    private readonly circleId: string,
  ) {
    this.clock = window.setInterval(() => this.renderAll(), CLOCK_MS);
    // Summaries pushed while the connection was down are not replayed: the list is read again on every (re)connection.
    this.stopWatching = live.onState((state) => {
      if (state === "connected") this.load().catch((error: unknown) => console.warn(`Unread state of ${circleId} could not be loaded`, error));
    });
  }

  private async load(): Promise<void> {
    // A thread just left may still be sending its read mark: read after it, or it would show as unread.
    await readMarksSettled();
    const threads = await this.api.circleUnread(this.circleId);
    if (this.disposed) return;
    for (const thread of threads) this.summaries.set(thread.threadId, fromServer(thread));
    this.renderAll();
  }

  /**
   * The line for a thread, kept current; the same element every time it is asked for. A thread the member's list
   * did not have yet (just started, pushed live) starts empty and new to them.
   */
  line(threadId: string): HTMLElement {
    let line = this.lines.get(threadId);
    if (!line) {
      if (!this.summaries.has(threadId)) this.summaries.set(threadId, EMPTY);
      line = h("span", { class: "thread-activity", testid: "thread-activity", "data-thread-id": threadId });
      this.lines.set(threadId, line);
      this.render(threadId);
    }
    return line;
  }

  /** A thread's new summary from the circle's scope: what arrived past the member's mark is unread, unless they wrote it. */
  apply(activity: ThreadActivity): void {
    const before = this.summaries.get(activity.threadId) ?? EMPTY;
    const added = Math.max(0, activity.commentCount - before.commentCount);
    const mine = activity.lastCommentBy === this.me;
    const unread = activity.lastCommentId <= before.lastRead ? 0 : mine && before.unread === 0 ? 0 : before.unread + (mine ? 0 : added);
    this.summaries.set(activity.threadId, {
      ...before,
      commentCount: activity.commentCount,
      lastCommentAt: activity.lastCommentAt,
      lastCommentBy: activity.lastCommentBy,
      lastCommentId: activity.lastCommentId,
      unread,
    });
    this.render(activity.threadId);
  }

  dispose(): void {
    this.disposed = true;
    window.clearInterval(this.clock);
    this.stopWatching();
  }

  private renderAll(): void {
    for (const threadId of this.lines.keys()) this.render(threadId);
  }

  private render(threadId: string): void {
    const line = this.lines.get(threadId);
    const summary = this.summaries.get(threadId);
    if (!line || !summary) return;
    const count = summary.commentCount === 0 ? t("unread:noComments") : t("unread:comments", { count: summary.commentCount });
    const last = h("span", { class: "thread-activity__last" });
    if (summary.lastCommentAt && summary.lastCommentBy) {
      const at = summary.lastCommentAt;
      last.textContent = t("unread:lastBy", { who: t("unread:someone"), when: relativeTime(at) });
      void this.members.displayName(summary.lastCommentBy).then((who) => {
        last.textContent = t("unread:lastBy", { who, when: relativeTime(at) });
      });
    }
    const marker = summary.unread > 0
      ? h("span", { class: "badge badge--unread", testid: "unread-marker", "data-count": summary.unread },
        summary.unread >= UNREAD_CAP ? t("unread:manyUnread") : t("unread:unread", { count: summary.unread }))
      : !summary.seen ? h("span", { class: "badge badge--new", testid: "new-marker" }, t("unread:new")) : null;
    line.classList.toggle("thread-activity--unread", summary.unread > 0);
    replaceChildren(line, h("span", { class: "thread-activity__count" }, count), summary.lastCommentAt ? " · " : null, last, marker ? " " : null, marker);
  }
}

const EMPTY: Summary = { commentCount: 0, lastCommentAt: null, lastCommentBy: null, lastCommentId: 0, unread: 0, lastRead: 0, seen: false };

function fromServer(thread: ThreadUnread): Summary {
  return {
    commentCount: thread.commentCount,
    lastCommentAt: thread.lastCommentAt,
    lastCommentBy: thread.lastCommentBy,
    lastCommentId: thread.lastCommentId,
    unread: thread.unread,
    lastRead: thread.lastReadCommentId,
    seen: thread.seen,
  };
}
