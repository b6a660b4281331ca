import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { href } from "../router";
import type { CircleMember, CircleRole, CircleView, LiveEvent } from "../types";
import { avatar } from "../widgets/avatar";
import { circleForm } from "../widgets/circleForm";
import { icon } from "../widgets/icons";
import { notFoundView } from "../widgets/notFound";
import { PresenceList } from "../widgets/presence";
import { projectForm } from "../widgets/projectForm";
import { ThreadActivityBoard } from "../widgets/threadActivity";
import { readCircle, readCircleMember } from "../wire";

interface Listed {
  id: string;
  title: string;
  note?: string;
  /** The thread whose activity the item shows: the thread itself, or a project's discussion. */
  threadId?: string;
}

const ROLES: readonly CircleRole[] = ["Member", "Moderator", "Owner"];

/**
 * A circle: what it is about, its projects and threads (new ones appear live), its members, and who is
 * here now anywhere inside it (its threads and projects included). What a member may do here (edit, invite,
 * change roles, leave, start projects) is offered by role; the grain decides all the same.
 */
export function circlePage(ctx: AppContext, circleId: string): Page {
  let circle: CircleView | null = null;
  // The first page of members (in the order they joined), kept current by member events.
  let members: CircleMember[] = [];
  let disposed = false;
  let editing = false;
  const threads = new Map<string, Listed>();
  const projects = new Map<string, Listed>();
  const where = new Map<string, string>();

  const title = h("h1", { class: "page__title" }, t("circle:loading"));
  const description = h("p", { class: "page__lead" });
  const meta = h("p", { class: "page__meta" });
  const actions = h("div", { class: "page__actions", testid: "circle-actions" });
  const invitedSlot = h("div", {});
  const editSlot = h("div", {});
  const projectList = h("ul", { class: "item-list", testid: "projects" });
  const threadList = h("ul", { class: "item-list", testid: "threads" });
  const memberList = h("ul", { class: "member-list", testid: "members" });
  const inviteSlot = h("div", {});
  const newProjectSlot = h("div", {});
  const activity = new ThreadActivityBoard(ctx.live, ctx.api, ctx.members, ctx.me.id, circleId);
  const presence = new PresenceList(t("circle:hereNow"), (entry) => where.get(entry.where) ?? null);

  const newThreadTitle = h("input", {
    class: "input", type: "text", name: "title", maxlength: 120, required: true,
    placeholder: t("circle:newThreadPlaceholder"), "aria-label": t("circle:newThreadLabel"), testid: "new-thread-title",
  });
  const newThreadForm = h("form", { class: "inline-form", testid: "new-thread" }, newThreadTitle,
    h("button", { class: "button button--primary", type: "submit" }, t("circle:startThread")));
  newThreadForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void startThread();
  });

  const role = (): CircleRole | null => circle?.viewerRole ?? null;
  const isMember = (): boolean => role() !== null;
  const atLeast = (wanted: CircleRole): boolean => role() !== null && ROLES.indexOf(role()!) >= ROLES.indexOf(wanted);

  function render(): void {
    if (!circle) return;
    title.textContent = circle.name;
    description.textContent = circle.description;
    document.title = `${circle.name} · Collab`;
    replaceChildren(meta,
      h("span", { class: `badge badge--${circle.visibility === "Open" ? "open" : "invite"}` }, t(circle.visibility === "Open" ? "circle:open" : "circle:inviteOnly")),
      ` ${t("circle:members", { count: circle.memberCount })}`);
    renderActions();
    newThreadForm.hidden = !isMember();
    renderMembers(circle.memberCount);
    renderInvite();
    renderNewProject();
  }

  function renderActions(): void {
    if (!circle) return;
    const c = circle;
    replaceChildren(invitedSlot, !isMember() && c.viewerInvited
      ? h("div", { class: "join-prompt", testid: "circle-invited" }, h("span", {}, t("circle:invitedBanner")),
        h("span", { class: "invitation__actions" },
          h("button", { class: "button button--primary", type: "button", testid: "accept-invitation", onclick: () => void join() }, t("circle:accept")),
          h("button", { class: "button button--quiet", type: "button", testid: "decline-invitation", onclick: () => void decline() }, t("circle:decline"))))
      : null);
    replaceChildren(actions,
      isMember()
        ? h("span", { class: "badge badge--joined", testid: "member-badge" }, icon("check"), t("circle:youAreMember"),
          role() !== "Member" ? ` · ${t(`circle:role_${role()!}`)}` : "")
        : c.viewerInvited ? null
        : c.visibility === "Open"
          ? h("button", { class: "button button--primary", type: "button", testid: "join-circle", onclick: () => void join() }, t("circle:join"))
          : h("span", { class: "page__note" }, t("circle:joinNeedsInvitation")),
      // The grain refuses anyone else; these are only not offered to them.
      atLeast("Moderator")
        ? h("a", { class: "button button--quiet", href: href.circleDashboard(circleId), testid: "circle-dashboard-link" }, t("circle:dashboard")) : null,
      atLeast("Owner")
        ? h("button", { class: "button button--quiet", type: "button", testid: "edit-circle", "aria-expanded": String(editing), onclick: () => toggleEdit() }, t("circle:edit")) : null,
      isMember()
        ? h("button", { class: "button button--quiet", type: "button", testid: "leave-circle", onclick: () => void leave() }, t("circle:leave")) : null);
  }

  function toggleEdit(): void {
    editing = !editing && circle !== null;
    replaceChildren(editSlot, editing && circle ? h("section", { class: "card" },
      h("h2", { class: "card__title" }, t("circle:editTitle")),
      circleForm({
        testid: "circle-edit-form", submitLabel: t("forms:save"), initial: circle,
        submit: async (fields) => {
          circle = await ctx.api.updateCircle(circleId, fields);
          editing = false;
          replaceChildren(editSlot);
          render();
        },
        cancel: () => toggleEdit(),
      })) : null);
    renderActions();
  }

  function renderMembers(total: number): void {
    const shown = [...members].sort((a, b) => ROLES.indexOf(b.role) - ROLES.indexOf(a.role)).slice(0, 24);
    const owner = atLeast("Owner");
    replaceChildren(memberList, ...shown.map((member) => {
      const name = h("span", { class: "member-list__name" }, "…");
      const roleControl = owner && member.memberId !== ctx.me.id ? roleSelect(member, name) : member.role !== "Member"
        ? h("span", { class: "role" }, t(`circle:role_${member.role}`)) : null;
      const item = h("li", { class: "member-list__item", testid: "member", "data-member-id": member.memberId }, h("span", { class: "member-list__avatar" }), name, roleControl);
      void ctx.members.displayName(member.memberId).then((display) => {
        name.textContent = display;
        roleControl?.setAttribute("aria-label", t("circle:roleOf", { name: display }));
        item.firstElementChild?.replaceWith(avatar(member.memberId, display, "small"));
      });
      return item;
    }), total > shown.length ? h("li", { class: "member-list__more" }, t("circle:more", { count: total - shown.length })) : null);
  }

  function roleSelect(member: CircleMember, name: HTMLElement): HTMLSelectElement {
    const select = h("select", { class: "input input--small role-select", testid: "member-role" },
      ...ROLES.map((value) => h("option", { value }, t(`circle:role_${value}`))));
    select.value = member.role;
    select.addEventListener("change", () => {
      const wanted = select.value as CircleRole;
      ctx.api.changeRole(circleId, member.memberId, wanted).then(
        (changed) => ctx.notify(t("circle:roleChanged", { name: name.textContent ?? "", role: t(`circle:role_${changed.role}`) })),
        (error: unknown) => {
          select.value = member.role;
          ctx.notify(describeError(error), "error");
        });
    });
    return select;
  }

  function renderInvite(): void {
    if (!atLeast("Moderator")) {
      replaceChildren(inviteSlot);
      return;
    }
    if (inviteSlot.firstChild) return;
    const handle = h("input", { class: "input", type: "text", name: "handle", required: true, maxlength: 40, testid: "invite-handle",
      "aria-label": t("circle:inviteHandle"), placeholder: "@handle" });
    const form = h("form", { class: "inline-form", testid: "invite-form" }, handle,
      h("button", { class: "button", type: "submit", testid: "invite-submit" }, t("circle:invite")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void invite(handle);
    });
    replaceChildren(inviteSlot, h("h3", { class: "card__subtitle" }, t("circle:inviteTitle")), form);
  }

  async function invite(input: HTMLInputElement): Promise<void> {
    const handle = input.value.trim().replace(/^@/, "");
    if (!handle) return;
    try {
      const member = await ctx.api.memberByHandle(handle);
      if (!member) {
        ctx.notify(t("circle:noSuchHandle", { handle }), "error");
        return;
      }
      await ctx.api.invite(circleId, member.id);
      input.value = "";
      ctx.notify(t("circle:invitedSomeone", { handle: member.handle }));
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  function renderNewProject(open = false): void {
    if (!isMember()) {
      replaceChildren(newProjectSlot);
      return;
    }
    replaceChildren(newProjectSlot, open
      ? h("div", { class: "card__form" }, h("h3", { class: "card__subtitle" }, t("project:createTitle")), projectForm({
        testid: "new-project-form", submitLabel: t("circle:createProject"),
        submit: async (fields) => {
          const created = await ctx.api.createProject(circleId, fields);
          location.hash = href.project(created.id);
        },
        cancel: () => renderNewProject(false),
      }))
      : h("button", { class: "button", type: "button", testid: "new-project", onclick: () => renderNewProject(true) }, t("circle:newProject")));
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

  const renderThreads = (): void => renderList(threadList, threads, href.thread, t("circle:noThreads"));
  const renderProjects = (): void => renderList(projectList, projects, href.project, t("circle:noProjects"));

  async function loadLists(): Promise<void> {
    const [threadViews, projectViews] = await Promise.all([ctx.api.circleThreads(circleId), ctx.api.circleProjects(circleId)]);
    if (disposed) return;
    for (const thread of threadViews) {
      threads.set(thread.id, { id: thread.id, title: thread.title, note: thread.locked ? t("circle:locked") : undefined, threadId: thread.id });
      where.set(`thread:${thread.id}`, t("circle:whereThread", { title: thread.title }));
    }
    for (const project of projectViews) {
      projects.set(project.id, { id: project.id, title: project.title, note: t(`circle:status_${project.status}`), threadId: project.threadId });
      where.set(`project:${project.id}`, t("circle:whereProject", { title: project.title }));
      where.set(`thread:${project.threadId}`, t("circle:whereDiscussion", { title: project.title }));
    }
    renderThreads();
    renderProjects();
  }

  async function join(): Promise<void> {
    try {
      circle = await ctx.api.joinCircle(circleId);
      await ctx.refreshMe();
      ctx.notify(t("circle:welcome", { name: circle.name }));
      render();
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  async function decline(): Promise<void> {
    try {
      await ctx.api.declineInvitation(circleId);
      ctx.notify(t("circle:declined"));
      location.hash = href.circles();
    } catch (error) {
      ctx.notify(describeError(error), "error");
    }
  }

  async function leave(): Promise<void> {
    if (!circle || !window.confirm(t("circle:leaveConfirm", { name: circle.name }))) return;
    try {
      await ctx.api.leaveCircle(circleId);
      await ctx.refreshMe();
      // An open circle stays readable: the page shows it as to any guest (its member count follows the event).
      circle = { ...circle, viewerRole: null };
      ctx.notify(t("circle:left", { name: circle.name }));
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
        where.set(`thread:${String(payload["threadId"])}`, t("circle:whereThread", { title: String(payload["title"]) }));
        renderThreads();
        break;
      case "project.added":
        projects.set(String(payload["projectId"]), { id: String(payload["projectId"]), title: String(payload["title"]) });
        renderProjects();
        break;
      case "member.joined":
      case "member.role-changed": {
        const member = readCircleMember(payload);
        // The member's own roles (the header's moderation link, what thread pages offer) follow at once.
        if (member.memberId === ctx.me.id && event.kind === "member.role-changed") {
          ctx.refreshMe().catch((error: unknown) => console.warn("Could not refresh the profile after a role change", error));
        }
        const known = members.some((m) => m.memberId === member.memberId);
        members = [...members.filter((m) => m.memberId !== member.memberId), member];
        circle = {
          ...circle,
          memberCount: circle.memberCount + (event.kind === "member.joined" && !known ? 1 : 0),
          viewerRole: member.memberId === ctx.me.id ? member.role : circle.viewerRole,
          viewerInvited: member.memberId === ctx.me.id ? false : circle.viewerInvited,
        };
        render();
        break;
      }
      case "member.left":
      case "member.removed":
        members = members.filter((m) => m.memberId !== payload["memberId"]);
        circle = {
          ...circle,
          memberCount: Math.max(0, circle.memberCount - 1),
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

  const page = h("div", { class: "page page--circle" });
  const unsubscribe = ctx.live.subscribe(`circle:${circleId}`, {
    reset: (raw) => {
      const snapshot = raw as { circle: unknown; members: { items: unknown[] } };
      circle = readCircle(snapshot.circle);
      members = snapshot.members.items.map(readCircleMember);
      if (!page.contains(content)) replaceChildren(page, content);
      render();
      void loadLists().catch((error: unknown) => ctx.notify(describeError(error), "error"));
    },
    event: onEvent,
    presence: (snapshot) => presence.update(snapshot),
    threadActivity: (summary) => activity.apply(summary),
    refused: (error) => replaceChildren(page, notFoundView("circle", error.kind)),
  });

  const content = h("div", { class: "page__content" },
    h("header", { class: "page__header page__header--compact" },
      h("nav", { class: "crumbs", "aria-label": t("circle:breadcrumb") }, h("a", { href: href.circles() }, t("circle:crumbs"))),
      h("div", { class: "page__title-row" }, title, actions), description, meta, invitedSlot),
    editSlot,
    h("div", { class: "layout" },
      h("div", { class: "layout__main" },
        h("section", { class: "card" }, h("h2", { class: "card__title" }, t("circle:discussions")), threadList, newThreadForm),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, t("circle:projects")), projectList, newProjectSlot)),
      h("aside", { class: "layout__side" },
        presence.element,
        h("section", { class: "card" }, h("h2", { class: "card__title" }, t("circle:membersTitle")), memberList, inviteSlot))));
  replaceChildren(page, content);

  return {
    element: page,
    dispose: () => {
      disposed = true;
      activity.dispose();
      unsubscribe();
    },
  };
}
