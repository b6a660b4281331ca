import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h } from "../dom";
import { href } from "../router";
import type { ActivitySnapshot } from "../types";
import { ActivityChart } from "../widgets/activityChart";
import { ActivityFigures } from "../widgets/activityFigures";
import { ReviewQueue } from "../widgets/reviewQueue";

/**
 * A circle's live dashboard, for its moderators and owners: the figures of the last minute and the last hour,
 * pushed about once a second over the hub (the scope dashboard:{circleId}; the activity grain decides who may
 * join it).
 */
export function circleDashboardPage(ctx: AppContext, circleId: string): Page {
  let disposed = false;
  const title = h("h1", { class: "page__title" }, "Activity");
  const lead = h("p", { class: "page__lead" }, "Connecting…");
  const circleCrumb = h("a", { href: href.circle(circleId) }, "Circle");
  const figures = new ActivityFigures();
  const chart = new ActivityChart("Comments, document edits and new members per minute, the last hour");
  const updated = h("p", { class: "page__meta", testid: "dashboard-updated" });

  void ctx.api.circle(circleId).then((circle) => {
    if (disposed) return;
    circleCrumb.textContent = circle.name;
    title.textContent = `${circle.name}: activity`;
    document.title = `${circle.name} activity · Collab`;
  }).catch((error: unknown) => console.warn("Could not read the circle's name", error));

  const review = new ReviewQueue(circleId, ctx.api, ctx.members, (message, tone) => ctx.notify(message, tone));

  function show(activity: ActivitySnapshot): void {
    lead.textContent = "Live: the last minute, and the last hour one minute at a time.";
    review.countsChanged(activity.openFlags, activity.heldPosts);
    figures.update(activity);
    chart.update(activity);
    updated.textContent = `Updated ${new Date(activity.at).toLocaleTimeString()}`;
  }

  const unsubscribe = ctx.live.subscribe(`dashboard:${circleId}`, {
    reset: (raw) => show((raw as { activity: ActivitySnapshot }).activity),
    event: () => undefined,
    activity: show,
    refused: (error) => {
      lead.textContent = error.kind === "NotFound" ? "This circle does not exist." : describeError(error);
    },
  });

  const element = h("div", { class: "page page--dashboard", testid: "circle-dashboard" },
    h("header", { class: "page__header" },
      h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href.circles() }, "Circles"), " › ", circleCrumb,
        " › ", h("a", { href: href.dashboard() }, "All circles")),
      title, lead),
    figures.element,
    h("section", { class: "card" }, h("h2", { class: "card__title" }, "The last hour"), chart.element, updated),
    h("section", { class: "card moderation-slot", testid: "moderation-slot", "aria-label": "Review queue and audit log" },
      h("h2", { class: "card__title" }, "Review queue and audit log"), review.element));

  return {
    element,
    dispose: () => {
      disposed = true;
      unsubscribe();
      chart.dispose();
    },
  };
}
