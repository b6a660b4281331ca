import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { renderComment } from "../markdown";
import { href } from "../router";
import type { CommentPage, CommentView, LiveEvent, PresenceSnapshot, ThreadView } from "../types";
import { CommentElement, type CommentActions } from "../widgets/comment";
import { Composer } from "../widgets/composer";
import { PresenceList } from "../widgets/presence";
import { ReadTracker } from "../widgets/readTracker";
import { circleMentionCandidates, type MentionCandidate } from "../widgets/mentionCandidates";
import { icon } from "../widgets/icons";
import { notFoundView } from "../widgets/notFound";

/** A comment of the member's on its way: shown greyed out until the server has it. */
interface PendingCopy {
  text: string;
  parentId: number | null;
  element: HTMLElement;
  /** The newest comment known when it was sent: what it stands for comes after (ids follow the thread's order). */
  after: number;
}

interface ThreadSnapshot {
  thread: ThreadView;
  comments: CommentPage;
}

/**
 * A discussion thread, live: comments in order with replies nested under their parent, reactions, edits,
 * who is here and who is typing. Every change arrives as an event of the thread's scope and is applied as
 * an upsert by comment id, so a replay after a reconnect never duplicates anything.
 */
export function threadPage(ctx: AppContext, threadId: string, focusCommentId: number | null): Page {
  const scope = `thread:${threadId}`;
  let thread: ThreadView | null = null;
  let circleName: string | null = null;
  let disposed = false;
  let focusPending = focusCommentId;
  const comments = new Map<number, CommentElement>();
  const pendingCopies: PendingCopy[] = [];

  const title = h("h1", { class: "page__title" }, t("thread:loading"));
  const crumbs = h("nav", { class: "crumbs", "aria-label": t("circle:breadcrumb") }, h("a", { href: href.circles() }, t("circle:crumbs")));
  const lockBadge = h("span", { class: "badge badge--locked", testid: "thread-locked", hidden: true }, icon("lock"), t("thread:locked"));
  const lockSlot = h("span", {});
  // A log: screen readers announce comments as they arrive, not the whole thread again.
  const list = h("div", { class: "comments", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
  const pending = h("div", { class: "comments comments--pending" });
  const empty = h("p", { class: "comments__empty", hidden: true }, t("thread:noComments"));
  // A thread opens at its newest comments; older ones come a page at a time, on request.
  let olderBefore: number | null = null;
  const earlier = h("button", { class: "button button--quiet comments__earlier", type: "button", hidden: true, testid: "earlier-comments",
    onclick: () => void loadEarlier() }, t("thread:earlier"));
  const typing = h("p", { class: "typing", testid: "typing", "aria-live": "polite" });
  const joinPrompt = h("div", { class: "join-prompt", hidden: true });
  const presence = new PresenceList(t("thread:hereNow"));

  // Opens at the first comment not read yet and marks comments read (on the server) as they come into view.
  const reading = new ReadTracker(ctx.api, threadId);
  let openedAtUnread = false;

  const composerCard = h("section", { class: "card composer-card", hidden: true });
  const sendTyping = (isTyping: boolean): void => ctx.live.setActivity(scope, isTyping ? "Typing" : "Viewing");
  const mentionCandidates = (): Promise<MentionCandidate[]> =>
    (thread ? circleMentionCandidates(ctx, thread.circleId) : Promise.resolve([]));
  const composer = new Composer({
    placeholder: t("thread:placeholder"), submitLabel: t("thread:send"), testIds: { text: "composer", send: "send" },
    submit: (text) => post(text, null),
    typing: sendTyping,
    mentionCandidates,
  });
  composerCard.append(composer.element);

  const isMember = (): boolean => thread !== null && ctx.me.circles[thread.circleId] !== undefined;
  const canWrite = (): boolean => isMember() && thread !== null && !thread.locked;
  const isModerator = (): boolean => {
    const role = thread ? ctx.me.circles[thread.circleId] : undefined;
    return role === "Moderator" || role === "Owner";
  };

  const actions: CommentActions = {
    mentionCandidates,
    reply: (parent, text) => post(text, parent.id).catch((error: unknown) => ctx.notify(describeError(error), "error")),
    edit: (comment, text) => ctx.live.editComment(threadId, comment.id, text).then(upsert),
    toggleReaction: (comment, emoji) => {
      const mine = comment.reactions[emoji]?.includes(ctx.me.id) ?? false;
      const command = mine ? ctx.live.unreact(threadId, comment.id, emoji) : ctx.live.react(threadId, comment.id, emoji);
      command.then(upsert, (error: unknown) => ctx.notify(describeError(error), "error"));
    },
    canWrite,
    // The grain lets authors delete their own comments and moderators any; only those are offered the button.
    canDelete: (comment) => (comment.authorId === ctx.me.id && isMember()) || isModerator(),
    delete: (comment) => ctx.api.deleteComment(threadId, comment.id).then(upsert, (error: unknown) => ctx.notify(describeError(error), "error")),
    flag: (comment, reason, note) => ctx.api.flagComment(threadId, comment.id, reason, note).then(
      () => ctx.notify(t("thread:flagged")),
      (error: unknown) => ctx.notify(describeError(error), "error")),
  };

  /**
   * Sends a comment; while it waits (offline, say) it shows greyed out below the others. The confirmed comment
   * usually arrives as a live event before the command's answer (and after a reconnect, replayed, long before
   * the outbox's resend is answered), so the pending copy goes as soon as either brings it, not at the answer.
   */
  async function post(text: string, parentId: number | null): Promise<void> {
    const ghost = h("article", { class: "comment comment--pending" },
      h("div", { class: "comment__card" },
        h("header", { class: "comment__header" }, h("span", { class: "comment__author" }, ctx.me.displayName),
          h("span", { class: "comment__time" }, t("thread:sending"))),
        h("div", { class: "comment__body prose" }, renderComment(text, ctx.me.handle))));
    const waiting: PendingCopy = { text, parentId, element: ghost, after: Math.max(0, ...comments.keys()) };
    pendingCopies.push(waiting);
    pending.append(ghost);
    try {
      upsert(await ctx.live.postComment(threadId, text, parentId));
    } finally {
      dropPendingCopy(waiting);
    }
  }

  function dropPendingCopy(copy: PendingCopy): void {
    copy.element.remove();
    const index = pendingCopies.indexOf(copy);
    if (index >= 0) pendingCopies.splice(index, 1);
  }

  /** The member's own new comment is the one their oldest pending copy with the same words and parent stood for. */
  function confirmPendingCopy(comment: CommentView): void {
    if (comment.authorId !== ctx.me.id) return;
    const copy = pendingCopies.find((c) => c.parentId === comment.parentId && c.text === comment.text && comment.id > c.after);
    if (copy) dropPendingCopy(copy);
  }

  function upsert(comment: CommentView): void {
    if (disposed) return;
    const existing = comments.get(comment.id);
    if (existing) {
      existing.update(comment);
      return;
    }
    confirmPendingCopy(comment);
    const element = new CommentElement(comment, ctx.me, ctx.members, actions);
    comments.set(comment.id, element);
    const parent = comment.parentId !== null ? comments.get(comment.parentId) : undefined;
    insertInOrder(parent ? parent.replies : list, element);
    reading.observe(element.element, comment.id);
    empty.hidden = true;
    if (focusPending === comment.id) {
      focusPending = null;
      element.highlight();
    }
  }

  /** Siblings stay ordered by id (the order the server accepted them), whatever order they arrive in. */
  function insertInOrder(container: HTMLElement, element: CommentElement): void {
    const after = Array.from(container.children).find((child) => Number((child as HTMLElement).dataset["commentId"]) > element.id);
    container.insertBefore(element.element, after ?? null);
  }

  function showThread(view: ThreadView): void {
    thread = view;
    title.textContent = view.title;
    lockBadge.hidden = !view.locked;
    document.title = `${view.title} · Collab`;
    void renderCrumbs(view);
    refreshWriting();
  }

  async function renderCrumbs(view: ThreadView): Promise<void> {
    const links: (HTMLElement | string)[] = [h("a", { href: href.circles() }, t("circle:crumbs"))];
    try {
      circleName ??= (await ctx.api.circle(view.circleId)).name;
      links.push(h("a", { href: href.circle(view.circleId) }, circleName));
      if (view.projectId) links.push(h("a", { href: href.project(view.projectId) }, (await ctx.api.project(view.projectId)).title));
    } catch {
      // The breadcrumb is a convenience; the thread itself is already shown.
    }
    replaceChildren(crumbs, ...links.flatMap((link, i) => (i === 0 ? [link] : [h("span", { class: "crumbs__sep", "aria-hidden": "true" }, "›"), link])));
  }

  function refreshWriting(): void {
    if (!thread) return;
    joinPrompt.hidden = isMember();
    // A guest is asked to join once, by the prompt above; the composer waits out of sight until then.
    composerCard.hidden = !isMember();
    composer.setDisabled(thread.locked ? t("thread:lockedComposer") : isMember() ? null : t("thread:guestComposer"));
    renderLock();
    for (const comment of comments.values()) comment.refreshActions();
  }

  /** Moderators and owners lock and unlock; the button is not offered to anyone else. */
  function renderLock(): void {
    if (!thread || !isModerator()) {
      replaceChildren(lockSlot);
      return;
    }
    const locked = thread.locked;
    replaceChildren(lockSlot, h("button", { class: "button button--quiet", type: "button", testid: "toggle-lock", "aria-pressed": String(locked),
      onclick: () => void setLocked(!locked) }, icon("lock"), t(locked ? "thread:unlock" : "thread:lock")));
  }

  async function setLocked(locked: boolean): Promise<void> {
    try {
      showThread(await ctx.api.setThreadLocked(threadId, locked));
      ctx.notify(t(locked ? "thread:lockedNotice" : "thread:unlockedNotice"));
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  async function joinCircle(): Promise<void> {
    if (!thread) return;
    try {
      await ctx.api.joinCircle(thread.circleId);
      await ctx.refreshMe();
      ctx.notify(t("thread:joined"));
      refreshWriting();
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }
  joinPrompt.append(h("span", {}, t("thread:guest")),
    h("button", { class: "button button--primary", type: "button", testid: "join-circle", onclick: () => void joinCircle() }, t("thread:joinCircle")));

  async function loadEarlier(): Promise<void> {
    if (olderBefore === null) return;
    try {
      const page = await ctx.api.commentsBefore(threadId, olderBefore);
      for (const comment of page.items) if (!comments.has(comment.id)) upsert(comment);
      showEarlier(page.nextBefore);
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  function showEarlier(before: number | null): void {
    olderBefore = before;
    earlier.hidden = before === null;
  }

  /** The comments past the snapshot's first page; live events may already have brought some, newer. */
  async function loadRest(after: number | null): Promise<void> {
    while (after !== null && !disposed) {
      const page = await ctx.api.comments(threadId, after);
      for (const comment of page.items) if (!comments.has(comment.id)) upsert(comment);
      after = page.nextAfter;
    }
  }

  function showPresence(snapshot: PresenceSnapshot): void {
    presence.update(snapshot);
    const typists = [...new Map(snapshot.entries
      .filter((e) => e.activity === "Typing" && e.memberId !== ctx.me.id)
      .map((e) => [e.memberId, e.displayName])).values()];
    typing.textContent = typists.length === 0 ? ""
      : typists.length === 1 ? t("thread:typingOne", { name: typists[0] })
      : typists.length === 2 ? t("thread:typingTwo", { first: typists[0], second: typists[1] })
      : t("thread:typingMany");
  }

  const unsubscribe = ctx.live.subscribe(scope, {
    reset: (raw) => {
      const snapshot = raw as ThreadSnapshot;
      for (const comment of comments.values()) comment.element.remove();
      comments.clear();
      showThread(snapshot.thread);
      for (const comment of snapshot.comments.items) upsert(comment);
      showEarlier(snapshot.comments.nextBefore);
      empty.hidden = comments.size > 0;
      void loadRest(snapshot.comments.nextAfter).catch((error: unknown) => ctx.notify(describeError(error), "error"));
      if (!openedAtUnread) {
        openedAtUnread = true;
        void reading.openAtFirstUnread([...comments.keys()], (id) => comments.get(id)?.element, focusCommentId !== null);
      }
      // The snapshot is as of the thread's own lastSeq; anything after it is replayed from the log.
      return snapshot.thread.lastSeq;
    },
    event: (event: LiveEvent) => {
      if (event.kind.startsWith("comment.")) {
        const comment = event.payload as CommentView;
        // Someone else's held post is not shown until a moderator approves it (its event carries no words).
        if (comment.held && comment.authorId !== ctx.me.id && !comments.has(comment.id)) return;
        upsert(comment);
      }
      else if (event.kind === "thread.locked" || event.kind === "thread.unlocked") {
        if (thread) showThread({ ...thread, locked: (event.payload as { locked: boolean }).locked });
      }
    },
    presence: showPresence,
    // Plain, once: no composer, no presence, no id, and a way back.
    refused: (error) => replaceChildren(element, notFoundView("thread", error.kind)),
  });

  // Joining the circle on its page (or in another tab) refreshes the member after this page may have opened.
  const stopWatchingMe = ctx.onMeChanged(() => refreshWriting());

  const clock = window.setInterval(() => {
    for (const comment of comments.values()) comment.refreshTime();
  }, 30_000);

  const element = h("div", { class: "page page--thread" },
    h("header", { class: "page__header page__header--compact" }, crumbs,
      h("div", { class: "page__title-row" }, title, h("span", { class: "page__actions" }, lockBadge, lockSlot))),
    h("div", { class: "layout" },
      h("div", { class: "layout__main" },
        h("section", { class: "card thread", "aria-label": t("thread:comments") }, earlier, list, empty, pending, typing),
        joinPrompt,
        composerCard),
      h("aside", { class: "layout__side" }, presence.element)));

  return {
    element,
    dispose: () => {
      disposed = true;
      window.clearInterval(clock);
      composer.dispose();
      reading.dispose();
      stopWatchingMe();
      unsubscribe();
    },
  };
}
