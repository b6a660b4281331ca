import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h } from "../dom";
import { t } from "../i18n";
import { href } from "../router";
import type { ActivitySnapshot } from "../types";
import { ActivityChart } from "../widgets/activityChart";
import { ActivityFigures, clockTime } from "../widgets/activityFigures";
import { ReviewQueue } from "../widgets/reviewQueue";

/**
 * A circle's live dashboard, for its moderators and owners: the figures of the last minute and the last hour,
 * pushed about once a second over the hub (the scope dashboard:{circleId}; the activity grain decides who may
 * join it).
 */
export function circleDashboardPage(ctx: AppContext, circleId: string): Page {
  let disposed = false;
  const title = h("h1", { class: "page__title" }, t("dashboard:activity"));
  const lead = h("p", { class: "page__lead", role: "status" }, t("dashboard:connecting"));
  const circleCrumb = h("a", { href: href.circle(circleId) }, t("dashboard:circle"));
  const figures = new ActivityFigures();
  const chart = new ActivityChart(t("dashboard:circleChart"));
  const updated = h("p", { class: "page__meta", testid: "dashboard-updated" });
  document.title = t("common:pageTitle", { page: t("dashboard:activity") });

  void ctx.api.circle(circleId).then((circle) => {
    if (disposed) return;
    circleCrumb.textContent = circle.name;
    title.textContent = t("dashboard:circleActivity", { name: circle.name });
    document.title = t("common:pageTitle", { page: title.textContent });
  }).catch((error: unknown) => console.warn("Could not read the circle's name", error));

  const review = new ReviewQueue(circleId, ctx.api, ctx.members, (message, tone) => ctx.notify(message, tone));

  function show(activity: ActivitySnapshot): void {
    // Said once, not every second: the lead is a status a screen reader announces when it changes.
    const live = t("dashboard:circleLive");
    if (lead.textContent !== live) lead.textContent = live;
    review.countsChanged(activity.openFlags, activity.heldPosts);
    figures.update(activity);
    chart.update(activity);
    updated.textContent = t("dashboard:updated", { time: clockTime(activity.at) });
  }

  const unsubscribe = ctx.live.subscribe(`dashboard:${circleId}`, {
    reset: (raw) => show((raw as { activity: ActivitySnapshot }).activity),
    event: () => undefined,
    activity: show,
    refused: (error) => {
      lead.textContent = error.kind === "NotFound" ? t("dashboard:circleMissing") : describeError(error);
    },
  });

  const element = h("div", { class: "page page--dashboard", testid: "circle-dashboard" },
    h("header", { class: "page__header" },
      h("nav", { class: "crumbs", "aria-label": t("dashboard:breadcrumb") }, h("a", { href: href.circles() }, t("dashboard:circles")),
        " › ", circleCrumb, " › ", h("a", { href: href.dashboard() }, t("dashboard:allCircles"))),
      title, lead),
    figures.element,
    h("section", { class: "card", "aria-labelledby": "dashboard-last-hour" },
      h("h2", { class: "card__title", id: "dashboard-last-hour" }, t("dashboard:lastHour")), chart.element, updated),
    h("section", { class: "card moderation-slot", testid: "moderation-slot", "aria-labelledby": "dashboard-review" },
      h("h2", { class: "card__title", id: "dashboard-review" }, t("dashboard:reviewAndAudit")), review.element));

  return {
    element,
    dispose: () => {
      disposed = true;
      unsubscribe();
      chart.dispose();
    },
  };
}
