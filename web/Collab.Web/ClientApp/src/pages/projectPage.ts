import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { CoEditor } from "../editor/coEditor";
import { DocumentContributions } from "../editor/contributions";
import { DocumentHistory, RevisionPreview, type HistoryEntry } from "../editor/history";
import { t } from "../i18n";
import { href } from "../router";
import { SDG_NAMES } from "../sdgs";
import type { ProjectView } from "../types";
import { PresenceList } from "../widgets/presence";
import { readProject } from "../wire";
import { icon } from "../widgets/icons";
import { notFoundView } from "../widgets/notFound";
import { projectForm } from "../widgets/projectForm";

/** How long the side panel waits after the last change before reading the history or contributions again. */
const PANEL_REFRESH_MS = 1500;

/**
 * A project: what it is, where it stands, who works on it, its document (co-edited live, with its history and
 * who wrote what) and the way to its discussion. Live.
 */
export function projectPage(ctx: AppContext, projectId: string): Page {
  let circleName: string | null = null;
  let project: ProjectView | null = null;

  const title = h("h1", { class: "page__title" }, t("project:loading"));
  const crumbs = h("nav", { class: "crumbs", "aria-label": t("circle:breadcrumb") }, h("a", { href: href.circles() }, t("circle:crumbs")));
  const status = h("span", { class: "badge", testid: "project-status-badge" });
  const editButtonSlot = h("span", {});
  const editSlot = h("div", {});
  let editing = false;
  const summary = h("p", { class: "page__lead" });
  const tags = h("ul", { class: "tags", "aria-label": t("project:tagsLabel"), testid: "project-tags-list" });
  const sdgs = h("ul", { class: "sdgs", "aria-label": t("project:sdgsLabel"), testid: "project-sdgs" });
  const discussion = h("div", { class: "discussion-link" });
  const presence = new PresenceList(t("project:inDocument"));

  // ---- the document ----
  const readOnlyBadge = h("span", { class: "badge badge--readonly", testid: "document-readonly", hidden: true }, icon("lock"), t("project:readOnly"));
  const readOnlyNote = h("p", { class: "doc__note", hidden: true });
  let canEdit = false;
  const editor = new CoEditor({
    documentId: projectId,
    live: ctx.live,
    memberId: ctx.me.id,
    notify: ctx.notify,
    textAt: async (revision) => (await ctx.api.documentTextAt(projectId, revision)).text,
    presence: (snapshot) => presence.update(snapshot),
    revision: (revision) => {
      preview.documentAt(revision);
      schedulePanelRefresh();
    },
    canEdit: (value) => {
      canEdit = value;
      readOnlyBadge.hidden = value;
      renderReadOnlyNote();
    },
    refused: (error) => {
      readOnlyNote.hidden = false;
      readOnlyNote.textContent = t("project:cannotOpen", { message: describeError(error) });
    },
  });
  const preview = new RevisionPreview({
    documentId: projectId, api: ctx.api, members: ctx.members, notify: ctx.notify,
    canRestore: () => canEdit,
    close: () => closePreview(),
  });
  const history = new DocumentHistory({ documentId: projectId, api: ctx.api, members: ctx.members, view: (entry) => openPreview(entry) });
  const contributions = new DocumentContributions({ documentId: projectId, api: ctx.api, notify: ctx.notify });

  function openPreview(entry: HistoryEntry): void {
    editor.element.hidden = true;
    history.select(entry.last);
    void preview.show(entry);
  }

  function closePreview(): void {
    preview.hide();
    history.select(null);
    editor.element.hidden = false;
    if (canEdit) editor.focus();
  }

  function renderReadOnlyNote(): void {
    readOnlyNote.hidden = canEdit;
    if (canEdit) return;
    replaceChildren(readOnlyNote, `${t("project:readingNote")} `,
      project ? h("a", { href: href.circle(project.circleId) }, t("project:joinCircle")) : t("project:joinCircle"),
      ` ${t("project:toWrite")}`);
  }

  // The side panel (History or Contributions) and the Contributors card, read again shortly after the document changes.
  type Tab = "history" | "contributions";
  let tab: Tab = "history";
  let panelTimer: number | undefined;
  const tabs: Record<Tab, HTMLButtonElement> = {
    history: h("button", { class: "tabs__tab", type: "button", role: "tab", id: `doc-tab-history`, "aria-controls": "doc-panel-history", testid: "history-tab", onclick: () => showTab("history") },
      icon("clock"), t("project:history")),
    contributions: h("button", { class: "tabs__tab", type: "button", role: "tab", id: `doc-tab-contributions`, "aria-controls": "doc-panel-contributions", testid: "contributions-tab", onclick: () => showTab("contributions") },
      icon("pie"), t("project:contributions")),
  };
  const panels: Record<Tab, HTMLElement> = {
    history: h("div", { class: "tabs__panel", role: "tabpanel", id: "doc-panel-history", "aria-labelledby": "doc-tab-history" }, history.element),
    contributions: h("div", { class: "tabs__panel", role: "tabpanel", id: "doc-panel-contributions", "aria-labelledby": "doc-tab-contributions" }, contributions.element),
  };

  function showTab(next: Tab): void {
    tab = next;
    for (const name of ["history", "contributions"] as const) {
      tabs[name].setAttribute("aria-selected", String(name === next));
      tabs[name].classList.toggle("tabs__tab--active", name === next);
      panels[name].hidden = name !== next;
    }
    refreshPanel();
  }

  function refreshPanel(): void {
    window.clearTimeout(panelTimer);
    panelTimer = undefined;
    if (tab === "history") void history.refresh(editor.revision);
    void contributions.refresh(); // the Contributors card shows it whatever the tab
  }

  function schedulePanelRefresh(): void {
    panelTimer ??= window.setTimeout(refreshPanel, PANEL_REFRESH_MS);
  }

  function render(view: ProjectView): void {
    project = view;
    renderReadOnlyNote();
    title.textContent = view.title;
    document.title = `${view.title} · Collab`;
    status.textContent = t(`project:status_${view.status}`);
    status.className = `badge badge--status-${view.status.toLowerCase()}`;
    summary.textContent = view.summary;
    replaceChildren(tags, ...view.tags.map((tag) => h("li", { class: "tag" }, `#${tag}`)));
    replaceChildren(sdgs, ...view.sdgs.map((goal) =>
      h("li", { class: `sdg sdg--${goal}`, title: t("project:sdg", { goal, name: SDG_NAMES[goal] ?? "" }) },
        h("span", { class: "sdg__number" }, goal), h("span", { class: "sdg__name" }, SDG_NAMES[goal] ?? `Goal ${goal}`))));
    replaceChildren(discussion, h("a", { class: "button button--primary", href: href.thread(view.threadId), testid: "project-discussion" },
      icon("chat"), t("project:openDiscussion")));
    renderEdit();
    void renderCrumbs(view);
  }

  /** Contributors and the circle's moderators edit the project (the grain's rule); nobody else is offered it. */
  function mayEdit(view: ProjectView): boolean {
    const role = ctx.me.circles[view.circleId];
    return role !== undefined && (view.contributorIds.includes(ctx.me.id) || role === "Moderator" || role === "Owner");
  }

  function renderEdit(): void {
    if (!project || !mayEdit(project)) {
      editing = false;
      replaceChildren(editButtonSlot);
      replaceChildren(editSlot);
      return;
    }
    replaceChildren(editButtonSlot, h("button", { class: "button button--quiet", type: "button", testid: "edit-project",
      "aria-expanded": String(editing), onclick: () => { editing = !editing; renderEdit(); } }, t("project:edit")));
    if (!editing) {
      replaceChildren(editSlot);
      return;
    }
    if (editSlot.firstChild) return;
    replaceChildren(editSlot, h("section", { class: "card" }, h("h2", { class: "card__title" }, t("project:editTitle")), projectForm({
      testid: "project-edit-form", submitLabel: t("forms:save"), initial: project,
      submit: async (fields) => {
        editing = false;
        render(await ctx.api.updateProject(projectId, fields));
      },
      cancel: () => { editing = false; renderEdit(); },
    })));
  }

  async function renderCrumbs(project: ProjectView): Promise<void> {
    try {
      circleName ??= (await ctx.api.circle(project.circleId)).name;
      replaceChildren(crumbs, h("a", { href: href.circles() }, t("circle:crumbs")), h("span", { class: "crumbs__sep", "aria-hidden": "true" }, "›"),
        h("a", { href: href.circle(project.circleId) }, circleName));
    } catch (error) {
      console.warn("Breadcrumb unavailable", describeError(error));
    }
  }

  const unsubscribe = ctx.live.subscribe(`project:${projectId}`, {
    reset: (raw) => render(readProject((raw as { project: unknown }).project)),
    event: (event) => {
      // Events carry what changed; the page keeps the project and folds them in.
      if (event.kind === "project.updated" && project) render(readProject({ ...project, ...(event.payload as object) }));
      if (event.kind === "project.contributor-added" && project) {
        const memberId = String((event.payload as { memberId: string }).memberId);
        render({ ...project, contributorIds: [...project.contributorIds.filter((id) => id !== memberId), memberId], contributorCount: project.contributorCount + 1 });
      }
    },
    refused: (error) => {
      editor.dispose();
      replaceChildren(element, notFoundView("project", error.kind));
    },
  });

  const element = h("div", { class: "page page--project" },
    h("header", { class: "page__header page__header--compact" }, crumbs,
      h("div", { class: "page__title-row" }, title, h("span", { class: "page__actions" }, status, editButtonSlot)), summary, tags),
    editSlot,
    h("div", { class: "layout" },
      h("div", { class: "layout__main" },
        h("section", { class: "card doc", testid: "document", "aria-label": t("project:document") },
          h("header", { class: "doc__header" },
            h("h2", { class: "card__title doc__title" }, icon("file"), t("project:document")),
            h("div", { class: "doc__status" }, readOnlyBadge, editor.saveState.element)),
          readOnlyNote,
          editor.element,
          preview.element),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, t("project:discussion")), discussion),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, t("project:sdgsLabel")), sdgs)),
      h("aside", { class: "layout__side" },
        presence.element,
        h("section", { class: "card doc-panel", "aria-label": t("project:aboutDocument") },
          h("div", { class: "tabs", role: "tablist", "aria-label": t("project:aboutDocument") }, tabs.history, tabs.contributions),
          panels.history, panels.contributions),
        contributions.card)));
  showTab("history");

  return {
    element,
    dispose: () => {
      window.clearTimeout(panelTimer);
      editor.dispose();
      unsubscribe();
    },
  };
}
