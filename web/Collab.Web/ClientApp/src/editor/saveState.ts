import { h } from "../dom";
import { icon } from "../widgets/icons";

export type SaveState = "loading" | "saving" | "saved" | "offline" | "unavailable";

const LABELS: Record<SaveState, string> = {
  loading: "Opening…",
  saving: "Saving…",
  saved: "Saved",
  offline: "Offline",
  unavailable: "Unavailable",
};

const EXPLAIN: Record<SaveState, string> = {
  loading: "Opening the document…",
  saving: "Your latest changes are on their way to the server.",
  saved: "Every change is saved on the server.",
  offline: "Offline: keep writing, your changes are kept here and saved when the connection is back.",
  unavailable: "This document cannot be opened.",
};

/** "Saving… / Saved / Offline": whether the server has everything written in the editor. */
export class SaveStateIndicator {
  readonly element: HTMLElement;
  private readonly label = h("span", { class: "save-state__label" });
  private current: SaveState | null = null;

  constructor() {
    this.element = h("span", { class: "save-state", testid: "save-state", role: "status", "aria-live": "polite" },
      h("span", { class: "save-state__icon", "aria-hidden": "true" }, icon("check")), this.label);
    this.set("loading");
  }

  set(state: SaveState, pendingOffline = false): void {
    const label = state === "offline" && pendingOffline ? "Offline · changes kept" : LABELS[state];
    if (state === this.current && this.label.textContent === label) return;
    this.current = state;
    this.element.dataset["state"] = state;
    this.element.title = EXPLAIN[state];
    this.label.textContent = label;
  }
}
