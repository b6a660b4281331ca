import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import { asCommandError, CommandError } from "./commandErrors";

// Commands carry a client-made id and wait here while disconnected; a retry with the same id is harmless on the
// server, so a command whose answer was lost with the connection is simply sent again.

interface Command {
  readonly method: string;
  readonly args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class Outbox {
  private readonly commands: Command[] = [];
  private readonly listeners = new Set<(pending: number) => void>();
  private flushing = false;

  constructor(private readonly connection: HubConnection) {}

  get pending(): number {
    return this.commands.length;
  }

  onChange(listener: (pending: number) => void): () => void {
    this.listeners.add(listener);
    listener(this.commands.length);
    return () => this.listeners.delete(listener);
  }

  send<T>(method: string, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.commands.push({ method, args, resolve: resolve as (value: unknown) => void, reject });
      this.changed();
      void this.flush();
    });
  }

  /** Sends the outbox in order; a command that lost its connection stays first in line for the next one. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.commands.length > 0 && this.connection.state === HubConnectionState.Connected) {
        const command = this.commands[0]!;
        try {
          const result = await this.connection.invoke(command.method, ...command.args);
          this.commands.shift();
          command.resolve(result);
        } catch (error) {
          const refused = asCommandError(error);
          if (!refused) break; // the connection went away; the same command id is sent again after reconnecting
          this.commands.shift();
          command.reject(refused);
        } finally {
          this.changed();
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Signing out: nothing waiting will be sent. */
  abandon(): void {
    for (const command of this.commands.splice(0)) command.reject(new CommandError("Unknown", "Signed out before this was sent."));
  }

  private changed(): void {
    for (const listener of this.listeners) listener(this.commands.length);
  }
}

/** crypto.randomUUID exists only in secure contexts; a plain-http school intranet is not one. */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
