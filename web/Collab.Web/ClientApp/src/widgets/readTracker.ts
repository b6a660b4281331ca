import type { Api } from "../api";
import { h } from "../dom";
import { t } from "../i18n";

/** Marks still on their way to the server: lists read after them wait, so they never show a thread read as unread. */
const inFlight = new Set<Promise<unknown>>();

/** Resolves once every read mark this tab sent has been answered (or failed). */
export async function readMarksSettled(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

/**
 * Marks a thread read on the server as its comments come into view, so the member's read state follows them to
 * every device; and opens the thread at the first comment they have not read. One mark in flight at a time; a
 * comment seen meanwhile is sent next.
 */
export class ReadTracker {
  private readonly observer: IntersectionObserver;
  private readonly ids = new WeakMap<Element, number>();
  private marked = 0;
  private seen = 0;
  private sending: Promise<unknown> | null = null;
  /** Comments wait here until the mark is known, so nothing is marked read before the first unread one is found. */
  private waiting: [HTMLElement, number][] | null = [];
  private disposed = false;
  private readonly divider = h("p", { class: "comments__unread-divider", testid: "first-unread", role: "separator" }, t("unread:firstUnread"));

  constructor(private readonly api: Api, private readonly threadId: string) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const id = this.ids.get(entry.target);
        if (entry.isIntersecting && id !== undefined) this.saw(id);
      }
    });
  }

  /** The member's mark as the server has it (0: never opened). */
  private async lastRead(): Promise<number> {
    try {
      this.marked = (await this.api.threadRead(this.threadId))?.upTo ?? 0;
      return this.marked;
    } finally {
      const waiting = this.waiting ?? [];
      this.waiting = null;
      for (const [element, id] of waiting) this.observe(element, id);
    }
  }

  /** Watches a comment: once it is on screen, it (and everything before it) counts as read. */
  observe(element: HTMLElement, commentId: number): void {
    if (this.disposed) return;
    if (this.waiting) {
      this.waiting.push([element, commentId]);
      return;
    }
    this.ids.set(element, commentId);
    this.observer.observe(element);
  }

  /**
   * Reads the member's mark, then (for a thread they read before, unless a link named a comment to open at) puts
   * the "new since your last visit" line before the first comment past it and brings that comment into view.
   */
  async openAtFirstUnread(commentIds: number[], elementOf: (id: number) => HTMLElement | undefined, stayPut: boolean): Promise<void> {
    let mark: number;
    try {
      mark = await this.lastRead();
    } catch (error) {
      console.warn(`The read mark of ${this.threadId} could not be loaded`, error);
      return;
    }
    const first = commentIds.filter((id) => id > mark).sort((a, b) => a - b)[0];
    const element = first === undefined ? undefined : elementOf(first);
    if (this.disposed || stayPut || mark === 0 || !element) return;
    element.before(this.divider);
    element.scrollIntoView({ block: "start" });
  }

  dispose(): void {
    this.disposed = true;
    this.observer.disconnect();
    this.divider.remove();
  }

  private saw(commentId: number): void {
    this.seen = Math.max(this.seen, commentId);
    void this.send();
  }

  private async send(): Promise<void> {
    if (this.sending || this.seen <= this.marked) return;
    const upTo = this.seen;
    const request = this.api.markThreadRead(this.threadId, upTo);
    this.sending = request;
    inFlight.add(request);
    try {
      this.marked = Math.max(this.marked, (await request).upTo);
    } catch (error) {
      // A mark that did not land is sent again with the next comment seen; reading goes on meanwhile.
      console.warn(`Marking ${this.threadId} read failed`, error);
      this.seen = this.marked;
    } finally {
      inFlight.delete(request);
      this.sending = null;
    }
    // Even after the page closed: what was seen before leaving is still read.
    void this.send();
  }
}
