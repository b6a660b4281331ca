import {
  CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from "chart.js";
import { h } from "../dom";
import { language, t } from "../i18n";
import type { ActivitySnapshot } from "../types";

// Only what a line chart needs, so the bundle carries no other chart types.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip, Legend);

/** The last hour of a dashboard, one point a minute: comments, document edits and new members. */
export class ActivityChart {
  readonly element: HTMLElement;
  private readonly chart: Chart<"line", number[], string>;

  constructor(label: string) {
    const canvas = h("canvas", { role: "img", "aria-label": label });
    this.element = h("div", { class: "activity-chart", testid: "activity-chart" }, canvas);
    this.chart = new Chart(canvas, {
      type: "line",
      data: {
        labels: [],
        datasets: [
          series(t("dashboard:series.comments"), "#1f7a5c", true),
          series(t("dashboard:series.edits"), "#2f6fb0", false),
          series(t("dashboard:series.newMembers"), "#b35c00", false),
        ],
      },
      options: {
        // Redrawn every second with new figures: movement, not animation, is the news.
        animation: false,
        // Tooltip and axis numbers as the language writes them (the chart is made again when it changes).
        locale: language(),
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 7, autoSkip: true }, grid: { display: false } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
  }

  update(activity: ActivitySnapshot): void {
    const start = Date.parse(activity.seriesStart);
    this.chart.data.labels = activity.commentsSeries.map((_, i) => minuteLabel(start + i * 60_000));
    const [comments, edits, members] = this.chart.data.datasets;
    comments!.data = [...activity.commentsSeries];
    edits!.data = [...activity.editsSeries];
    members!.data = [...activity.newMembersSeries];
    this.chart.update("none");
  }

  dispose(): void {
    this.chart.destroy();
  }
}

function series(label: string, colour: string, fill: boolean) {
  return {
    label, data: [] as number[], borderColor: colour, backgroundColor: `${colour}26`, fill,
    tension: 0.25, pointRadius: 0, borderWidth: 2,
  };
}

function minuteLabel(at: number): string {
  return new Date(at).toLocaleTimeString(language(), { hour: "2-digit", minute: "2-digit" });
}
