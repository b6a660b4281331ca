import type { DocumentChannel } from "../live/documentChannels";
import { CommandError } from "../live/commandErrors";
import type { CursorUpdate, PresenceEntry } from "../types";
import { toCodePoints } from "./codePoints";
import type { DocumentView } from "./documentView";
import type { OtClient } from "./otClient";
import { transformOwnPosition, transformPosition, untransformPosition } from "./positions";
import { RemoteCursorSet } from "./remoteCursors";
import type { ServerOp } from "./serverOps";

// Cursors travel as presence, not history: this editor's cursor is shared in server coordinates (code points of
// the server's text at a revision), and the others' are kept the same way and drawn moved over the pending edits.

/** The server allows 20 hub commands per second per connection; cursors take a small share of it. */
const CURSOR_INTERVAL_MS = 250;

export interface CursorSharingHost {
  /** The view is still there to draw on (the page has not let go of the editor). */
  showing(): boolean;
  /** This editor's cursor means something to the others: shown, open on the connection, focused at least once. */
  mayShare(): boolean;
  /** Others' cursors can be placed: the document was open at least once. */
  mayReceive(): boolean;
}

export class CursorSharing {
  private readonly cursors = new RemoteCursorSet();
  /** The connections in the document's presence. */
  private present = new Set<string>();
  /** This editor's cursor as last shared, in server coordinates, moved over later operations as the others move it. */
  private sharedCursor: { revision: number; anchor: number; focus: number } | null = null;
  private nextCursorAt = 0;
  /** Cursors pushed before the document was first open, the latest per connection. */
  private readonly early = new Map<string, CursorUpdate>();
  private cursorTimer: number | undefined;

  constructor(
    private readonly view: DocumentView,
    private readonly client: OtClient,
    private readonly channel: DocumentChannel,
    private readonly memberId: string,
    private readonly host: CursorSharingHost,
  ) {}

  /** A new connection: the others know this cursor under a new connection id, so it is shared again. */
  forgetShared(): void {
    this.sharedCursor = null;
  }

  /** Cursors of connections that left go; someone who arrived gets this cursor (cursors are only sent when they move). */
  presenceChanged(entries: readonly PresenceEntry[]): void {
    const connections = new Set(entries.map((e) => e.connectionId));
    const arrived = [...connections].some((id) => !this.present.has(id));
    this.present = connections;
    this.cursors.retain(connections);
    this.draw();
    if (arrived) {
      this.sharedCursor = null;
      this.share();
    }
  }

  received(cursor: CursorUpdate): void {
    if (!this.host.showing()) return;
    if (!this.host.mayReceive()) {
      // The push can overtake the answer that opens the document, and its sender shares again only when it moves.
      this.early.set(cursor.connectionId, cursor);
      return;
    }
    this.cursors.update(cursor, this.client.revision, (revision) => this.client.opsSince(revision));
    this.draw();
  }

  /** The document is open: cursors pushed before its text arrived are placed now (those still present). */
  opened(): void {
    for (const cursor of this.early.values()) {
      if (this.present.has(cursor.connectionId)) this.cursors.update(cursor, this.client.revision, (revision) => this.client.opsSince(revision));
    }
    this.early.clear();
    this.draw();
  }

  /** The server's revision advanced: every cursor in server coordinates moves over the operation. */
  advanced(op: ServerOp): void {
    this.cursors.advanced(op);
    const shared = this.sharedCursor;
    if (shared !== null && shared.revision === op.revision - 1) {
      // The others move this cursor over the operation exactly so (its author's inserts carry it along).
      const transform = op.authorId === this.memberId ? transformOwnPosition : transformPosition;
      this.sharedCursor = { revision: op.revision, anchor: transform(shared.anchor, op.op), focus: transform(shared.focus, op.op) };
    }
  }

  /** A whole new text: no cursor placed on the old one means anything on it. */
  clearRemote(): void {
    this.cursors.clear();
  }

  /** Shares where this editor's cursor is, in code points of the server's text at the current revision. */
  share(): void {
    if (!this.host.mayShare()) return;
    const wait = this.nextCursorAt - Date.now();
    if (wait > 0) {
      this.cursorTimer ??= window.setTimeout(() => {
        this.cursorTimer = undefined;
        this.share();
      }, wait);
      return;
    }
    const { anchor, head } = this.view.state.selection.main;
    const doc = this.view.state.doc;
    const pending = this.client.pendingOps().reverse();
    const toServer = (offset: number): number => pending.reduce((position, op) => untransformPosition(position, op), toCodePoints(doc, offset));
    const cursor = { revision: this.client.revision, anchor: toServer(anchor), focus: toServer(head) };
    const shared = this.sharedCursor;
    if (shared !== null && shared.revision === cursor.revision && shared.anchor === cursor.anchor && shared.focus === cursor.focus) return;
    this.sharedCursor = cursor;
    this.nextCursorAt = Date.now() + CURSOR_INTERVAL_MS;
    this.channel.setCursor(cursor.revision, cursor.anchor, cursor.focus).catch((error: unknown) => {
      if (error instanceof CommandError) console.warn("Sharing the cursor failed", error);
      if (this.sharedCursor === cursor) this.sharedCursor = null; // tried again at the next change
    });
  }

  /** Draws the others' cursors over the local text (the server's moved over the pending edits). */
  draw(): void {
    if (!this.host.showing()) return;
    this.view.showCursors(this.cursors.placed(this.client.revision, this.client.pendingOps()));
  }

  stop(): void {
    window.clearTimeout(this.cursorTimer);
  }
}
