import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { href } from "../router";
import type { CircleMember, CircleView, LiveEvent } from "../types";
import { avatar } from "../widgets/avatar";
import { PresenceList } from "../widgets/presence";
import { readCircle, readCircleMember } from "../wire";
import { icon } from "../widgets/icons";
import { ThreadActivityBoard } from "../widgets/threadActivity";

interface Listed {
  id: string;
  title: string;
  note?: string;
  /** The thread whose activity the item shows: the thread itself, or a project's discussion. */
  threadId?: string;
}

/**
 * A circle: what it is about, its projects and threads (new ones appear live), its members, and who is
 * here now anywhere inside it (its threads and projects included).
 */
export function circlePage(ctx: AppContext, circleId: string): Page {
  let circle: CircleView | null = null;
  // The first page of members (in the order they joined), kept current by member events.
  let members: CircleMember[] = [];
  let disposed = false;
  const threads = new Map<string, Listed>();
  const projects = new Map<string, Listed>();
  const where = new Map<string, string>();

  const title = h("h1", { class: "page__title" }, "Loading circle…");
  const description = h("p", { class: "page__lead" });
  const meta = h("p", { class: "page__meta" });
  const joinSlot = h("div", { class: "page__actions" });
  const dashboardSlot = h("span", {});
  const projectList = h("ul", { class: "item-list", testid: "projects" });
  const threadList = h("ul", { class: "item-list", testid: "threads" });
  const memberList = h("ul", { class: "member-list" });
  const activity = new ThreadActivityBoard(ctx.live, ctx.api, ctx.members, ctx.me.id, circleId);
  const presence = new PresenceList("Here now", (entry) => where.get(entry.where) ?? null);

  const newThreadTitle = h("input", {
    class: "input", type: "text", name: "title", maxlength: 120, required: true,
    placeholder: "What would you like to talk about?", "aria-label": "Thread title", testid: "new-thread-title",
  });
  const newThreadForm = h("form", { class: "inline-form", testid: "new-thread" }, newThreadTitle,
    h("button", { class: "button button--primary", type: "submit" }, "Start a thread"));
  newThreadForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void startThread();
  });

  const isMember = (): boolean => circle?.viewerRole !== null && circle?.viewerRole !== undefined;

  function render(): void {
    if (!circle) return;
    title.textContent = circle.name;
    description.textContent = circle.description;
    document.title = `${circle.name} · Collab`;
    const count = circle.memberCount;
    replaceChildren(meta,
      h("span", { class: `badge badge--${circle.visibility === "Open" ? "open" : "invite"}` }, circle.visibility === "Open" ? "Open circle" : "Invite only"),
      ` ${count} ${count === 1 ? "member" : "members"}`);
    replaceChildren(joinSlot, isMember()
      ? h("span", { class: "badge badge--joined" }, icon("check"), "You are a member")
      : h("button", { class: "button button--primary", type: "button", testid: "join-circle", onclick: () => void join() },
        circle.visibility === "Open" ? "Join this circle" : "Join (needs an invitation)"));
    newThreadForm.hidden = !isMember();
    // The grain refuses anyone else; the link is only not offered to them.
    replaceChildren(dashboardSlot, circle.viewerRole === "Moderator" || circle.viewerRole === "Owner"
      ? h("a", { class: "button button--quiet", href: href.circleDashboard(circleId), testid: "circle-dashboard-link" }, "Activity dashboard")
      : null);
    renderMembers(circle.memberCount);
  }

  function renderMembers(total: number): void {
    const shown = [...members].sort((a, b) => roleRank(b.role) - roleRank(a.role)).slice(0, 24);
    replaceChildren(memberList, ...shown.map((member) => {
      const name = h("span", { class: "member-list__name" }, "…");
      const item = h("li", { class: "member-list__item" }, h("span", { class: "member-list__avatar" }), name,
        member.role !== "Member" ? h("span", { class: "role" }, member.role.toLowerCase()) : null);
      void ctx.members.displayName(member.memberId).then((display) => {
        name.textContent = display;
        item.firstElementChild?.replaceWith(avatar(member.memberId, display, "small"));
      });
      return item;
    }), total > shown.length ? h("li", { class: "member-list__more" }, `and ${total - shown.length} more`) : null);
  }

  function renderList(list: HTMLElement, items: Map<string, Listed>, link: (id: string) => string, emptyText: string): void {
    if (items.size === 0) {
      replaceChildren(list, h("li", { class: "item-list__empty" }, emptyText));
      return;
    }
    replaceChildren(list, ...[...items.values()].map((item) =>
      h("li", { class: "item-list__item" },
        h("a", { href: link(item.id), class: "item-list__link" }, item.title),
        item.note ? h("span", { class: "item-list__note" }, item.note) : null,
        item.threadId ? activity.line(item.threadId) : null)));
  }

  const renderThreads = (): void => renderList(threadList, threads, href.thread, "No threads yet. Start the first one!");
  const renderProjects = (): void => renderList(projectList, projects, href.project, "No projects yet.");

  async function loadLists(): Promise<void> {
    const [threadViews, projectViews] = await Promise.all([ctx.api.circleThreads(circleId), ctx.api.circleProjects(circleId)]);
    if (disposed) return;
    for (const t of threadViews) {
      threads.set(t.id, { id: t.id, title: t.title, note: t.locked ? "locked" : undefined, threadId: t.id });
      where.set(`thread:${t.id}`, `in “${t.title}”`);
    }
    for (const p of projectViews) {
      projects.set(p.id, { id: p.id, title: p.title, note: p.status.toLowerCase(), threadId: p.threadId });
      where.set(`project:${p.id}`, `in ${p.title}`);
      where.set(`thread:${p.threadId}`, `discussing ${p.title}`);
    }
    renderThreads();
    renderProjects();
  }

  async function join(): Promise<void> {
    try {
      circle = await ctx.api.joinCircle(circleId);
      await ctx.refreshMe();
      ctx.notify(`Welcome to ${circle.name}!`);
      render();
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  async function startThread(): Promise<void> {
    const value = newThreadTitle.value.trim();
    if (!value) return;
    try {
      const thread = await ctx.api.createThread(circleId, value);
      newThreadTitle.value = "";
      location.hash = href.thread(thread.id);
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  function onEvent(event: LiveEvent): void {
    if (!circle) return;
    const payload = event.payload as Record<string, unknown>;
    switch (event.kind) {
      case "thread.added":
        threads.set(String(payload["threadId"]), { id: String(payload["threadId"]), title: String(payload["title"]), threadId: String(payload["threadId"]) });
        where.set(`thread:${String(payload["threadId"])}`, `in “${String(payload["title"])}”`);
        renderThreads();
        break;
      case "project.added":
        projects.set(String(payload["projectId"]), { id: String(payload["projectId"]), title: String(payload["title"]) });
        renderProjects();
        break;
      case "member.joined":
      case "member.role-changed": {
        const member = readCircleMember(payload);
        const known = members.some((m) => m.memberId === member.memberId);
        members = [...members.filter((m) => m.memberId !== member.memberId), member];
        circle = {
          ...circle,
          memberCount: circle.memberCount + (event.kind === "member.joined" && !known ? 1 : 0),
          viewerRole: member.memberId === ctx.me.id ? member.role : circle.viewerRole,
        };
        render();
        break;
      }
      case "member.left":
      case "member.removed":
        members = members.filter((m) => m.memberId !== payload["memberId"]);
        circle = {
          ...circle,
          memberCount: circle.memberCount - 1,
          viewerRole: payload["memberId"] === ctx.me.id ? null : circle.viewerRole,
        };
        render();
        break;
      case "circle.updated":
        circle = readCircle({ ...circle, ...payload });
        render();
        break;
    }
  }

  const unsubscribe = ctx.live.subscribe(`circle:${circleId}`, {
    reset: (raw) => {
      const snapshot = raw as { circle: unknown; members: { items: unknown[] } };
      circle = readCircle(snapshot.circle);
      members = snapshot.members.items.map(readCircleMember);
      render();
      void loadLists().catch((error: unknown) => ctx.notify(describeError(error), "error"));
    },
    event: onEvent,
    presence: (snapshot) => presence.update(snapshot),
    threadActivity: (summary) => activity.apply(summary),
    refused: (error) => {
      title.textContent = error.kind === "NotFound" ? "Circle not found" : "This circle is invite-only";
      description.textContent = error.message;
    },
  });

  const element = h("div", { class: "page page--circle" },
    h("header", { class: "page__header page__header--hero" },
      h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href.circles() }, "Circles")),
      h("div", { class: "page__title-row" }, title, joinSlot), description, meta, dashboardSlot),
    h("div", { class: "layout" },
      h("main", { class: "layout__main" },
        h("section", { class: "card" }, h("h2", { class: "card__title" }, "Discussions"), threadList, newThreadForm),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, "Projects"), projectList)),
      h("aside", { class: "layout__side" },
        presence.element,
        h("section", { class: "card" }, h("h3", { class: "card__title" }, "Members"), memberList))));

  return {
    element,
    dispose: () => {
      disposed = true;
      activity.dispose();
      unsubscribe();
    },
  };
}

function roleRank(role: CircleMember["role"]): number {
  return role === "Owner" ? 2 : role === "Moderator" ? 1 : 0;
}
