import { h } from "../dom";

/** Short messages at the bottom of the screen ("Joined the circle", "Could not send: …"). */
export class Toasts {
  readonly element = h("div", { class: "toasts", role: "status", "aria-live": "polite" });

  show(message: string, tone: "info" | "error" = "info"): void {
    const toast = h("div", { class: `toast toast--${tone}` }, message);
    this.element.append(toast);
    setTimeout(() => toast.remove(), tone === "error" ? 7000 : 3500);
  }

  clear(): void {
    this.element.replaceChildren();
  }
}
