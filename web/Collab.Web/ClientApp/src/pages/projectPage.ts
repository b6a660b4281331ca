import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { CoEditor } from "../editor/coEditor";
import { DocumentContributions } from "../editor/contributions";
import { DocumentHistory, RevisionPreview, type HistoryEntry } from "../editor/history";
import { href } from "../router";
import { SDG_NAMES } from "../sdgs";
import type { ProjectView } from "../types";
import { PresenceList } from "../widgets/presence";
import { readProject } from "../wire";
import { icon } from "../widgets/icons";

/** How long the side panel waits after the last change before reading the history or contributions again. */
const PANEL_REFRESH_MS = 1500;

/**
 * A project: what it is, where it stands, who works on it, its document (co-edited live, with its history and
 * who wrote what) and the way to its discussion. Live.
 */
export function projectPage(ctx: AppContext, projectId: string): Page {
  let circleName: string | null = null;
  let project: ProjectView | null = null;

  const title = h("h1", { class: "page__title" }, "Loading project…");
  const crumbs = h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href.circles() }, "Circles"));
  const status = h("span", { class: "badge" });
  const summary = h("p", { class: "page__lead" });
  const tags = h("ul", { class: "tags", "aria-label": "Tags" });
  const sdgs = h("ul", { class: "sdgs", "aria-label": "Sustainable Development Goals" });
  const discussion = h("div", { class: "discussion-link" });
  const presence = new PresenceList("In the document");

  // ---- the document ----
  const readOnlyBadge = h("span", { class: "badge badge--readonly", testid: "document-readonly", hidden: true }, icon("lock"), "Read only");
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
      readOnlyNote.textContent = `The document cannot be opened: ${error.message}`;
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
    replaceChildren(readOnlyNote, "You are reading this document. ",
      project ? h("a", { href: href.circle(project.circleId) }, "Join the circle") : "Join the circle",
      " to write it with the others.");
  }

  // The side panel (History or Contributions) and the Contributors card, read again shortly after the document changes.
  type Tab = "history" | "contributions";
  let tab: Tab = "history";
  let panelTimer: number | undefined;
  const tabs: Record<Tab, HTMLButtonElement> = {
    history: h("button", { class: "tabs__tab", type: "button", role: "tab", id: `doc-tab-history`, "aria-controls": "doc-panel-history", testid: "history-tab", onclick: () => showTab("history") },
      icon("clock"), "History"),
    contributions: h("button", { class: "tabs__tab", type: "button", role: "tab", id: `doc-tab-contributions`, "aria-controls": "doc-panel-contributions", testid: "contributions-tab", onclick: () => showTab("contributions") },
      icon("pie"), "Contributions"),
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
    status.textContent = view.status;
    status.className = `badge badge--status-${view.status.toLowerCase()}`;
    summary.textContent = view.summary;
    replaceChildren(tags, ...view.tags.map((tag) => h("li", { class: "tag" }, `#${tag}`)));
    replaceChildren(sdgs, ...view.sdgs.map((goal) =>
      h("li", { class: `sdg sdg--${goal}`, title: `SDG ${goal}: ${SDG_NAMES[goal] ?? ""}` },
        h("span", { class: "sdg__number" }, goal), h("span", { class: "sdg__name" }, SDG_NAMES[goal] ?? `Goal ${goal}`))));
    replaceChildren(discussion, h("a", { class: "button button--primary", href: href.thread(view.threadId), testid: "project-discussion" },
      icon("chat"), "Open the discussion"));
    void renderCrumbs(view);
  }

  async function renderCrumbs(project: ProjectView): Promise<void> {
    try {
      circleName ??= (await ctx.api.circle(project.circleId)).name;
      replaceChildren(crumbs, h("a", { href: href.circles() }, "Circles"), h("span", { class: "crumbs__sep", "aria-hidden": "true" }, "›"),
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
      title.textContent = error.kind === "NotFound" ? "Project not found" : "This project is not open to you";
      summary.textContent = error.message;
    },
  });

  const element = h("div", { class: "page page--project" },
    h("header", { class: "page__header page__header--hero" }, crumbs,
      h("div", { class: "page__title-row" }, title, status), summary, tags),
    h("div", { class: "layout" },
      h("main", { class: "layout__main" },
        h("section", { class: "card doc", testid: "document", "aria-label": "Project document" },
          h("header", { class: "doc__header" },
            h("h2", { class: "card__title doc__title" }, icon("file"), "Project document"),
            h("div", { class: "doc__status" }, readOnlyBadge, editor.saveState.element)),
          readOnlyNote,
          editor.element,
          preview.element),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, "Discussion"), discussion),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, "Sustainable Development Goals"), sdgs)),
      h("aside", { class: "layout__side" },
        presence.element,
        h("section", { class: "card doc-panel", "aria-label": "About the document" },
          h("div", { class: "tabs", role: "tablist", "aria-label": "About the document" }, tabs.history, tabs.contributions),
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
