import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { renderComment } from "../markdown";
import { href } from "../router";
import type { CommentPage, CommentView, LiveEvent, PresenceSnapshot, ThreadView } from "../types";
import { CommentElement, type CommentActions } from "../widgets/comment";
import { Composer } from "../widgets/composer";
import { PresenceList } from "../widgets/presence";
import { ReadTracker } from "../widgets/readTracker";
import { circleMentionCandidates } from "../widgets/mentionCandidates";
import { icon } from "../widgets/icons";

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

  const title = h("h1", { class: "page__title" }, "Loading thread…");
  const crumbs = h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href.circles() }, "Circles"));
  const lockBadge = h("span", { class: "badge badge--locked", testid: "thread-locked", hidden: true }, icon("lock"), "Locked");
  const list = h("div", { class: "comments", "aria-live": "polite" });
  const pending = h("div", { class: "comments comments--pending" });
  const empty = h("p", { class: "comments__empty", hidden: true }, "No comments yet. Start the conversation!");
  // A thread opens at its newest comments; older ones come a page at a time, on request.
  let olderBefore: number | null = null;
  const earlier = h("button", { class: "button button--quiet comments__earlier", type: "button", hidden: true, testid: "earlier-comments",
    onclick: () => void loadEarlier() }, "Show earlier comments");
  const typing = h("p", { class: "typing", testid: "typing", "aria-live": "polite" });
  const joinPrompt = h("div", { class: "join-prompt", hidden: true });
  const presence = new PresenceList("Here now");

  // Opens at the first comment not read yet and marks comments read (on the server) as they come into view.
  const reading = new ReadTracker(ctx.api, threadId);
  let openedAtUnread = false;

  const sendTyping = (isTyping: boolean): void => ctx.live.setActivity(scope, isTyping ? "Typing" : "Viewing");
  const composer = new Composer({
    placeholder: "Add to the discussion…", submitLabel: "Send", testIds: { text: "composer", send: "send" },
    submit: (text) => post(text, null),
    typing: sendTyping,
    mentionCandidates: () => (thread ? circleMentionCandidates(ctx, thread.circleId) : Promise.resolve([])),
  });

  const isMember = (): boolean => thread !== null && ctx.me.circles[thread.circleId] !== undefined;
  const canWrite = (): boolean => isMember() && thread !== null && !thread.locked;

  const actions: CommentActions = {
    reply: (parent, text) => post(text, parent.id).catch((error: unknown) => ctx.notify(describeError(error), "error")),
    edit: (comment, text) => ctx.live.editComment(threadId, comment.id, text).then(upsert),
    toggleReaction: (comment, emoji) => {
      const mine = comment.reactions[emoji]?.includes(ctx.me.id) ?? false;
      const command = mine ? ctx.live.unreact(threadId, comment.id, emoji) : ctx.live.react(threadId, comment.id, emoji);
      command.then(upsert, (error: unknown) => ctx.notify(describeError(error), "error"));
    },
    canWrite,
    flag: (comment, reason, note) => ctx.api.flagComment(threadId, comment.id, reason, note).then(
      () => ctx.notify("Thank you: the moderators will look at it."),
      (error: unknown) => ctx.notify(describeError(error), "error")),
  };

  /** Sends a comment; while it waits (offline, say) it shows greyed out below the others. */
  async function post(text: string, parentId: number | null): Promise<void> {
    const ghost = h("article", { class: "comment comment--pending" },
      h("div", { class: "comment__card" },
        h("header", { class: "comment__header" }, h("span", { class: "comment__author" }, ctx.me.displayName),
          h("span", { class: "comment__time" }, "sending…")),
        h("div", { class: "comment__body prose" }, renderComment(text, ctx.me.handle))));
    pending.append(ghost);
    try {
      upsert(await ctx.live.postComment(threadId, text, parentId));
    } finally {
      ghost.remove();
    }
  }

  function upsert(comment: CommentView): void {
    if (disposed) return;
    const existing = comments.get(comment.id);
    if (existing) {
      existing.update(comment);
      return;
    }
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
    const links: (HTMLElement | string)[] = [h("a", { href: href.circles() }, "Circles")];
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
    composer.setDisabled(thread.locked ? "This thread is locked: reading is open, new comments are paused."
      : isMember() ? null : "Join the circle to take part in the discussion.");
    for (const comment of comments.values()) comment.refreshActions();
  }

  async function joinCircle(): Promise<void> {
    if (!thread) return;
    try {
      await ctx.api.joinCircle(thread.circleId);
      await ctx.refreshMe();
      ctx.notify("Welcome! You joined the circle.");
      refreshWriting();
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }
  joinPrompt.append(h("span", {}, "You are reading as a guest."),
    h("button", { class: "button button--primary", type: "button", testid: "join-circle", onclick: () => void joinCircle() }, "Join the circle"));

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
      : typists.length === 1 ? `${typists[0]} is typing…`
      : typists.length === 2 ? `${typists[0]} and ${typists[1]} are typing…`
      : "Several people are typing…";
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
    refused: (error) => {
      title.textContent = error.kind === "NotFound" ? "Thread not found" : "This thread is not open to you";
      replaceChildren(list, h("p", { class: "notice" }, error.message));
      composer.setDisabled(error.message);
    },
  });

  // Joining the circle on its page (or in another tab) refreshes the member after this page may have opened.
  const stopWatchingMe = ctx.onMeChanged(() => refreshWriting());

  const clock = window.setInterval(() => {
    for (const comment of comments.values()) comment.refreshTime();
  }, 30_000);

  const element = h("div", { class: "page page--thread" },
    h("header", { class: "page__header" }, crumbs, h("div", { class: "page__title-row" }, title, lockBadge)),
    h("div", { class: "layout" },
      h("main", { class: "layout__main" },
        h("section", { class: "card thread" }, earlier, list, empty, pending, typing),
        joinPrompt,
        h("section", { class: "card composer-card" }, composer.element)),
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
