import { h, replaceChildren } from "../dom";
import { formatNumber, language, t } from "../i18n";
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
    const average = formatNumber(activity.commentsRecentAverage, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    replaceChildren(this.element,
      tile(t("dashboard:figures.membersLive"), activity.membersLive, "members-live"),
      tile(t("dashboard:figures.commentsPerMinute"), activity.commentsPerMinute, "comments-per-minute",
        activity.commentsSpike ? h("span", { class: "badge badge--spike", testid: "comments-spike" }, t("dashboard:spike")) : null,
        t("dashboard:figures.recentAverage", { value: average }), activity.commentsSpike),
      tile(t("dashboard:figures.editsPerMinute"), activity.editsPerMinute, "edits-per-minute"),
      tile(t("dashboard:figures.newMembersPerMinute"), activity.newMembersPerMinute, "new-members", null,
        t("dashboard:figures.newMembersLastHour", { value: formatNumber(activity.newMembersLastHour) })),
      tile(t("dashboard:figures.openFlags"), activity.openFlags, "open-flags"),
      tile(t("dashboard:figures.heldPosts"), activity.heldPosts, "held-posts"));
  }
}

function tile(label: string, value: number, testid: string, badge: HTMLElement | null = null, note?: string, spike = false): HTMLElement {
  return h("div", { class: `figure${spike ? " figure--spike" : ""}`, testid: `figure-${testid}` },
    h("span", { class: "figure__label" }, label, badge ? " " : null, badge),
    h("span", { class: "figure__value", testid: `value-${testid}` }, formatNumber(value)),
    note ? h("span", { class: "figure__note" }, note) : null);
}

/** "14:05:09" as the language writes a time of day. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(language());
}
