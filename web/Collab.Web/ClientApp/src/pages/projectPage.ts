import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { href } from "../router";
import { SDG_NAMES } from "../sdgs";
import type { ProjectView } from "../types";
import { avatar } from "../widgets/avatar";
import { PresenceList } from "../widgets/presence";
import { readProject } from "../wire";
import { icon } from "../widgets/icons";

/** A project: what it is, where it stands, who works on it, and the way to its discussion. Live. */
export function projectPage(ctx: AppContext, projectId: string): Page {
  let circleName: string | null = null;

  const title = h("h1", { class: "page__title" }, "Loading project…");
  const crumbs = h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href.circles() }, "Circles"));
  const status = h("span", { class: "badge" });
  const summary = h("p", { class: "page__lead" });
  const tags = h("ul", { class: "tags", "aria-label": "Tags" });
  const sdgs = h("ul", { class: "sdgs", "aria-label": "Sustainable Development Goals" });
  const contributors = h("ul", { class: "member-list" });
  const discussion = h("div", { class: "discussion-link" });
  const presence = new PresenceList("Here now");

  function render(project: ProjectView): void {
    title.textContent = project.title;
    document.title = `${project.title} · Collab`;
    status.textContent = project.status;
    status.className = `badge badge--status-${project.status.toLowerCase()}`;
    summary.textContent = project.summary;
    replaceChildren(tags, ...project.tags.map((tag) => h("li", { class: "tag" }, `#${tag}`)));
    replaceChildren(sdgs, ...project.sdgs.map((goal) =>
      h("li", { class: `sdg sdg--${goal}`, title: `SDG ${goal}: ${SDG_NAMES[goal] ?? ""}` },
        h("span", { class: "sdg__number" }, goal), h("span", { class: "sdg__name" }, SDG_NAMES[goal] ?? `Goal ${goal}`))));
    replaceChildren(contributors, ...project.contributorIds.map((id) => {
      const name = h("span", { class: "member-list__name" }, "…");
      const item = h("li", { class: "member-list__item" }, h("span", {}), name);
      void ctx.members.displayName(id).then((display) => {
        name.textContent = display;
        item.firstElementChild?.replaceWith(avatar(id, display, "small"));
      });
      return item;
    }));
    replaceChildren(discussion, h("a", { class: "button button--primary", href: href.thread(project.threadId), testid: "project-discussion" },
      icon("chat"), "Open the discussion"));
    void renderCrumbs(project);
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
      if (event.kind === "project.updated" || event.kind === "project.contributor-added") render(readProject(event.payload));
    },
    presence: (snapshot) => presence.update(snapshot.entries),
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
        h("section", { class: "card" }, h("h2", { class: "card__title" }, "Sustainable Development Goals"), sdgs),
        h("section", { class: "card editor-slot", testid: "document-editor-slot", "aria-label": "Project document" },
          h("h2", { class: "card__title" }, icon("file"), "Project document"),
          h("p", { class: "editor-slot__note" },
            "The shared project document will live here: everyone in the project will be able to write it together, live. ",
            "Co-editing is coming soon; meanwhile, plan the project in its discussion.")),
        h("section", { class: "card" }, h("h2", { class: "card__title" }, "Discussion"), discussion)),
      h("aside", { class: "layout__side" },
        presence.element,
        h("section", { class: "card" }, h("h3", { class: "card__title" }, "Contributors"), contributors))));

  return { element, dispose: unsubscribe };
}
