import { h } from "../dom";
import type { ConnectionState, LiveConnection } from "../live/liveConnection";

const EXPLAIN: Record<ConnectionState, string> = {
  connected: "Live: changes from others appear as they happen.",
  reconnecting: "Reconnecting… anything you send waits and goes out once the connection is back.",
  offline: "Offline. You can keep writing; messages are sent when you are back online.",
};

/** The live connection's state when something is wrong (reconnecting, offline, commands waiting in the outbox). */
export class ConnectionIndicator {
  readonly element: HTMLElement;
  private readonly label = h("span", { class: "conn__label", testid: "connection-state" });
  private readonly pending = h("span", { class: "conn__pending", testid: "outbox", hidden: true });
  private readonly unsubscribe: (() => void)[];

  constructor(live: LiveConnection) {
    this.element = h("div", { class: "conn", role: "status", "aria-live": "polite" },
      h("span", { class: "conn__dot", "aria-hidden": "true" }), this.label, this.pending);
    this.unsubscribe = [
      live.onState((state) => {
        this.label.textContent = state;
        this.element.dataset["state"] = state;
        this.element.title = EXPLAIN[state];
      }),
      live.onOutbox((count) => {
        // Connected with nothing waiting is the normal state: the stylesheet then keeps the pill out of sight.
        this.element.toggleAttribute("data-pending", count > 0);
        this.pending.hidden = count === 0;
        this.pending.textContent = count === 1 ? "1 waiting to send" : `${count} waiting to send`;
      }),
    ];
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
  }
}
