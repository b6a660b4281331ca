import { h } from "../dom";
import { t } from "../i18n";
import { icon } from "../widgets/icons";

export type SaveState = "loading" | "saving" | "saved" | "offline" | "unavailable";

/** Each state's explanation (the tooltip), under "editor:saveState" beside its label (keyed by the state). */
const EXPLAIN: Record<SaveState, string> = {
  loading: "explainLoading",
  saving: "explainSaving",
  saved: "explainSaved",
  offline: "explainOffline",
  unavailable: "explainUnavailable",
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
    const label = t(`editor:saveState.${state === "offline" && pendingOffline ? "offlineKept" : state}`);
    if (state === this.current && this.label.textContent === label) return;
    this.current = state;
    this.element.dataset["state"] = state;
    this.element.title = t(`editor:saveState.${EXPLAIN[state]}`);
    this.label.textContent = label;
  }
}
