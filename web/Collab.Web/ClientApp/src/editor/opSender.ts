import { CommandError } from "../live/commandErrors";
import type { DocumentChannel } from "../live/documentChannels";
import type { OtClient } from "./otClient";

/**
 * The server allows 20 hub commands per second per connection. Edits made during the wait are composed into one
 * operation, so typing fast never exceeds it: at most one operation per SEND_INTERVAL_MS.
 */
const SEND_INTERVAL_MS = 100;
const RETRY_LATER_MS = 1000;

/** What the editor tells the sender, and hears back from it. */
export interface OpSenderHost {
  /** The document is closed on the connection: nothing more is sent, and late answers are ignored. */
  closed(): boolean;
  /** Open on the current connection (the answer to OpenDocument applied). */
  opened(): boolean;
  /** The OT client took the in-flight operation's acknowledgement. */
  acknowledged(): void;
  /** The server refused the in-flight operation: it will never apply it. */
  refused(error: CommandError): void;
}

/** Sends the OT client's in-flight operation, one at a time and no faster than the server allows. */
export class OpSender {
  private sending = false;
  private attempt = 0;
  private nextSendAt = 0;
  private sendTimer: number | undefined;

  constructor(
    private readonly client: OtClient,
    private readonly channel: DocumentChannel,
    private readonly host: OpSenderHost,
  ) {}

  /** Sends the in-flight operation when there is one to send, connected, and not sooner than the rate allows. */
  pump(): void {
    if (this.host.closed() || !this.host.opened() || this.sending || !this.client.readyToSend) return;
    const wait = this.nextSendAt - Date.now();
    if (wait > 0) {
      this.sendTimer ??= window.setTimeout(() => {
        this.sendTimer = undefined;
        this.pump();
      }, wait);
      return;
    }
    const submission = this.client.submission()!;
    const attempt = ++this.attempt;
    this.sending = true;
    this.nextSendAt = Date.now() + SEND_INTERVAL_MS;
    this.channel.submit(submission.baseRevision, submission.op, submission.clientOpId).then((ack) => {
      if (this.host.closed()) return;
      this.client.acknowledged(ack.revision, ack.clientOpId);
      if (attempt === this.attempt) this.sending = false;
      this.host.acknowledged();
    }, (error: unknown) => {
      if (this.host.closed() || attempt !== this.attempt) return;
      this.sending = false;
      if (!(error instanceof CommandError)) return; // the connection went: sent again once the document is reopened
      if (error.kind === "LimitExceeded") {
        this.nextSendAt = Date.now() + RETRY_LATER_MS;
        this.pump();
        return;
      }
      console.warn("An edit was refused", error);
      this.host.refused(error);
    });
  }

  /** The connection went: an answer to a send made on it no longer steers sending. */
  interrupted(): void {
    this.attempt++;
    this.sending = false;
  }

  stop(): void {
    window.clearTimeout(this.sendTimer);
  }
}
