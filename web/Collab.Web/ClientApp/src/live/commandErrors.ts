// The two ways a command fails: the server refused it (never worth sending again as is), or it never got an
// answer (a lost connection: the same command id may be sent again). Callers branch on which.

import type { ErrorKind } from "../serverErrors";

export type { ErrorKind };

/** A command or join the server refused (the hub's one error shape), as opposed to a lost connection. */
export class CommandError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly field: string | null = null) {
    super(message);
  }
}

/** A command could not reach the server (no connection, or it dropped while waiting): it may be sent again. */
export class NotConnectedError extends Error {
  constructor() {
    super("Not connected.");
  }
}

/** The hub's error shape: a HubException whose message ends with {"kind","detail","field"}. Null for a lost connection. */
export function asCommandError(error: unknown): CommandError | null {
  const message = error instanceof Error ? error.message : String(error);
  const marker = message.indexOf("HubException: ");
  if (marker >= 0) {
    try {
      const body = JSON.parse(message.slice(marker + "HubException: ".length)) as { kind?: string; detail?: string; field?: string | null };
      const kind = (["Invalid", "NotFound", "Forbidden", "Conflict", "LimitExceeded", "Unavailable"] as const).find((k) => k === body.kind) ?? "Unknown";
      return new CommandError(kind, body.detail ?? message, body.field ?? null);
    } catch {
      return new CommandError("Unknown", message.slice(marker + "HubException: ".length));
    }
  }
  // The server answered, but with an error it did not describe (an unexpected exception).
  if (message.startsWith("An unexpected error occurred invoking")) return new CommandError("Unknown", "Something went wrong on the server.");
  return null;
}
