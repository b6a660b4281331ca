import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { formatNumber, t } from "../i18n";
import { href } from "../router";
import type { ActivitySnapshot, CircleActivity } from "../types";
import { ActivityChart } from "../widgets/activityChart";
import { ActivityFigures, clockTime } from "../widgets/activityFigures";

/**
 * Every circle's activity at once, for platform moderators (the scope dashboard:all): the totals, the last hour,
 * and one row per circle with anything going on, the circles whose comments spike first and highlighted.
 */
export function dashboardPage(ctx: AppContext): Page {
  let disposed = false;
  const names = new Map<string, string>();
  const asked = new Set<string>();
  let last: ActivitySnapshot | null = null;
  const lead = h("p", { class: "page__lead", role: "status" }, t("dashboard:connecting"));
  const figures = new ActivityFigures();
  const chart = new ActivityChart(t("dashboard:allChart"));
  const rows = h("tbody", {});
  const updated = h("p", { class: "page__meta", testid: "dashboard-updated" });
  document.title = t("common:pageTitle", { page: t("dashboard:allPageTitle") });

  // Names come from the circle list (every circle's name is public); a circle created since is asked for alone.
  void ctx.api.circles().then((circles) => {
    for (const circle of circles) names.set(circle.id, circle.name);
    if (!disposed && last) renderRows(last.circles);
  }).catch((error: unknown) => console.warn("Could not read the circles' names", error));

  function nameOf(circleId: string): string {
    const known = names.get(circleId);
    if (known) return known;
    if (!asked.has(circleId)) {
      asked.add(circleId);
      void ctx.api.circle(circleId).then((circle) => {
        names.set(circleId, circle.name);
        if (!disposed && last) renderRows(last.circles);
      }).catch(() => undefined); // an invite-only circle's page may be closed to a platform moderator: the id stays
    }
    return circleId;
  }

  function renderRows(circles: CircleActivity[]): void {
    if (circles.length === 0) {
      replaceChildren(rows, h("tr", {}, h("td", { colspan: 8, class: "circle-table__empty" }, t("dashboard:noActivity"))));
      return;
    }
    replaceChildren(rows, ...circles.map((c) =>
      h("tr", { class: c.commentsSpike ? "circle-row circle-row--spike" : "circle-row", testid: `circle-row-${c.circleId}` },
        h("th", { scope: "row" }, h("a", { href: href.circleDashboard(c.circleId) }, nameOf(c.circleId)),
          c.commentsSpike ? h("span", { class: "badge badge--spike", testid: "circle-spike" }, t("dashboard:spike")) : null),
        h("td", {}, formatNumber(c.membersLive)),
        h("td", {}, formatNumber(c.commentsPerMinute)),
        h("td", {}, formatNumber(c.commentsRecentAverage, { minimumFractionDigits: 1, maximumFractionDigits: 1 })),
        h("td", {}, formatNumber(c.editsPerMinute)),
        h("td", {}, formatNumber(c.newMembersLastHour)),
        h("td", {}, formatNumber(c.openFlags)),
        h("td", {}, formatNumber(c.heldPosts)))));
  }

  function show(activity: ActivitySnapshot): void {
    last = activity;
    // Said once, not every second: the lead is a status a screen reader announces when it changes.
    const live = t("dashboard:allLive");
    if (lead.textContent !== live) lead.textContent = live;
    figures.update(activity);
    chart.update(activity);
    renderRows(activity.circles);
    updated.textContent = t("dashboard:updated", { time: clockTime(activity.at) });
  }

  const unsubscribe = ctx.live.subscribe("dashboard:all", {
    reset: (raw) => show((raw as { activity: ActivitySnapshot }).activity),
    event: () => undefined,
    activity: show,
    refused: (error) => {
      lead.textContent = error.kind === "Forbidden" ? t("dashboard:allForbidden") : describeError(error);
    },
  });

  const element = h("div", { class: "page page--dashboard", testid: "all-dashboard" },
    h("header", { class: "page__header" },
      h("nav", { class: "crumbs", "aria-label": t("dashboard:breadcrumb") }, h("a", { href: href.circles() }, t("dashboard:circles"))),
      h("h1", { class: "page__title" }, t("dashboard:allTitle")), lead),
    figures.element,
    h("section", { class: "card", "aria-labelledby": "dashboard-last-hour" },
      h("h2", { class: "card__title", id: "dashboard-last-hour" }, t("dashboard:lastHour")), chart.element, updated),
    h("section", { class: "card", "aria-labelledby": "dashboard-circles" },
      h("h2", { class: "card__title", id: "dashboard-circles" }, t("dashboard:circles")),
      // Scrolls sideways on a phone; focusable so a keyboard can scroll it too.
      h("div", { class: "circle-table__wrap", tabindex: 0, role: "region", "aria-labelledby": "dashboard-circles" },
        h("table", { class: "circle-table", testid: "circle-table" },
          h("thead", {}, h("tr", {}, ...(["circle", "liveNow", "commentsPerMinute", "recentAverage", "editsPerMinute",
            "newMembersHour", "openFlags", "heldPosts"] as const).map((key) => h("th", { scope: "col" }, t(`dashboard:table.${key}`))))),
          rows))));

  return {
    element,
    dispose: () => {
      disposed = true;
      unsubscribe();
      chart.dispose();
    },
  };
}
