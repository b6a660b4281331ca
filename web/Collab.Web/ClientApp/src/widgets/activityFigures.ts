import { h, replaceChildren } from "../dom";
import type { ActivitySnapshot } from "../types";

/**
 * The headline figures of a dashboard, as tiles. Comments per minute light up when they jump well above the
 * circle's own recent average (the activity grain decides what a spike is; the page only shows it).
 */
export class ActivityFigures {
  readonly element: HTMLElement;

  constructor() {
    this.element = h("div", { class: "figures", testid: "activity-figures" });
  }

  update(activity: ActivitySnapshot): void {
    const average = activity.commentsRecentAverage.toFixed(1);
    replaceChildren(this.element,
      tile("Members live now", activity.membersLive, "members-live"),
      tile("Comments / min", activity.commentsPerMinute, "comments-per-minute",
        activity.commentsSpike ? h("span", { class: "badge badge--spike", testid: "comments-spike" }, "Spike") : null,
        `recent average ${average}`, activity.commentsSpike),
      tile("Document edits / min", activity.editsPerMinute, "edits-per-minute"),
      tile("New members / min", activity.newMembersPerMinute, "new-members", null, `${activity.newMembersLastHour} in the last hour`),
      tile("Open flags", activity.openFlags, "open-flags"),
      tile("Held posts", activity.heldPosts, "held-posts"));
  }
}

function tile(label: string, value: number, testid: string, badge: HTMLElement | null = null, note?: string, spike = false): HTMLElement {
  return h("div", { class: `figure${spike ? " figure--spike" : ""}`, testid: `figure-${testid}` },
    h("span", { class: "figure__label" }, label, badge ? " " : null, badge),
    h("span", { class: "figure__value", testid: `value-${testid}` }, value),
    note ? h("span", { class: "figure__note" }, note) : null);
}
