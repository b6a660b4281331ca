import { describeError } from "../api";
import type { AppContext, Page } from "../context";
import { h, replaceChildren } from "../dom";
import { href } from "../router";
import type { ActivitySnapshot, CircleActivity } from "../types";
import { ActivityChart } from "../widgets/activityChart";
import { ActivityFigures } from "../widgets/activityFigures";

/**
 * Every circle's activity at once, for platform moderators (the scope dashboard:all): the totals, the last hour,
 * and one row per circle with anything going on, the circles whose comments spike first and highlighted.
 */
export function dashboardPage(ctx: AppContext): Page {
  let disposed = false;
  const names = new Map<string, string>();
  const asked = new Set<string>();
  let last: ActivitySnapshot | null = null;
  const lead = h("p", { class: "page__lead" }, "Connecting…");
  const figures = new ActivityFigures();
  const chart = new ActivityChart("All circles: comments, document edits and new members per minute, the last hour");
  const rows = h("tbody", {});
  const updated = h("p", { class: "page__meta", testid: "dashboard-updated" });
  document.title = "All circles' activity · Collab";

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
      replaceChildren(rows, h("tr", {}, h("td", { colspan: 8, class: "circle-table__empty" }, "No activity in any circle in the last hour.")));
      return;
    }
    replaceChildren(rows, ...circles.map((c) =>
      h("tr", { class: c.commentsSpike ? "circle-row circle-row--spike" : "circle-row", testid: `circle-row-${c.circleId}` },
        h("th", { scope: "row" }, h("a", { href: href.circleDashboard(c.circleId) }, nameOf(c.circleId)),
          c.commentsSpike ? h("span", { class: "badge badge--spike", testid: "circle-spike" }, "Spike") : null),
        h("td", {}, c.membersLive),
        h("td", {}, c.commentsPerMinute),
        h("td", {}, c.commentsRecentAverage.toFixed(1)),
        h("td", {}, c.editsPerMinute),
        h("td", {}, c.newMembersLastHour),
        h("td", {}, c.openFlags),
        h("td", {}, c.heldPosts))));
  }

  function show(activity: ActivitySnapshot): void {
    last = activity;
    lead.textContent = "Live, across every circle: the last minute, and the last hour one minute at a time.";
    figures.update(activity);
    chart.update(activity);
    renderRows(activity.circles);
    updated.textContent = `Updated ${new Date(activity.at).toLocaleTimeString()}`;
  }

  const unsubscribe = ctx.live.subscribe("dashboard:all", {
    reset: (raw) => show((raw as { activity: ActivitySnapshot }).activity),
    event: () => undefined,
    activity: show,
    refused: (error) => {
      lead.textContent = error.kind === "Forbidden"
        ? "Only platform moderators may watch every circle. A circle's moderators find its dashboard on the circle's page."
        : describeError(error);
    },
  });

  const element = h("div", { class: "page page--dashboard", testid: "all-dashboard" },
    h("header", { class: "page__header" },
      h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href.circles() }, "Circles")),
      h("h1", { class: "page__title" }, "All circles: activity"), lead),
    figures.element,
    h("section", { class: "card" }, h("h2", { class: "card__title" }, "The last hour"), chart.element, updated),
    h("section", { class: "card" }, h("h2", { class: "card__title" }, "Circles"),
      h("div", { class: "circle-table__wrap" },
        h("table", { class: "circle-table", testid: "circle-table" },
          h("thead", {}, h("tr", {}, ...["Circle", "Live now", "Comments / min", "Recent average", "Edits / min",
            "New members (hour)", "Open flags", "Held posts"].map((label) => h("th", { scope: "col" }, label)))),
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
