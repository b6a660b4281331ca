import { h } from "../dom";
import { onLanguageChanged, t } from "../i18n";
import type { ConnectionState, LiveConnection } from "../live/liveConnection";

/** The live connection's state when something is wrong (reconnecting, offline, commands waiting in the outbox). */
export class ConnectionIndicator {
  readonly element: HTMLElement;
  private readonly label = h("span", { class: "conn__label", testid: "connection-state" });
  private readonly pending = h("span", { class: "conn__pending", testid: "outbox", hidden: true });
  private readonly unsubscribe: (() => void)[];
  private state: ConnectionState | null = null;
  private waiting = 0;

  constructor(live: LiveConnection) {
    this.element = h("div", { class: "conn", role: "status", "aria-live": "polite" },
      h("span", { class: "conn__dot", "aria-hidden": "true" }), this.label, this.pending);
    this.unsubscribe = [
      live.onState((state) => {
        this.state = state;
        this.render();
      }),
      live.onOutbox((count) => {
        this.waiting = count;
        this.render();
      }),
      // The indicator outlives the header it sits in, so it follows the language itself.
      onLanguageChanged(() => this.render()),
    ];
  }

  private render(): void {
    if (this.state) {
      this.label.textContent = t(`connection:state.${this.state}`);
      this.element.dataset["state"] = this.state;
      this.element.title = t(`connection:explain.${this.state}`);
    }
    // Connected with nothing waiting is the normal state: the stylesheet then keeps the pill out of sight.
    this.element.toggleAttribute("data-pending", this.waiting > 0);
    this.pending.hidden = this.waiting === 0;
    this.pending.textContent = t("connection:waiting", { count: this.waiting });
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
  }
}
