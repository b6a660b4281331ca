import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { Compartment, EditorSelection, EditorState, Transaction } from "@codemirror/state";
import {
  drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, placeholder, type ViewUpdate,
} from "@codemirror/view";
import { h } from "../dom";
import { CommandError, newCommandId, type DocumentChannel, type LiveConnection } from "../live";
import type { CursorUpdate, DocumentOpenResult, DocumentOpPayload, LiveEvent, PresenceEntry, TextOp } from "../types";
import { changesToOp, opToChanges, toCodePoints, toUtf16 } from "./codePoints";
import { OtClient, transformOwnPosition, transformPosition, untransformPosition, type ServerOp } from "./otClient";
import { RemoteCursorSet, remoteCursors, setRemoteCursors } from "./remoteCursors";
import { SaveStateIndicator } from "./saveState";

// The project document in CodeMirror 6, co-edited live: local edits go to the OT client, which sends one
// operation at a time; the server's operations come back through it, transformed over what is still pending,
// and are applied to the editor without entering its undo history. Cursors travel as presence.

export interface CoEditorOptions {
  readonly documentId: string;
  readonly live: LiveConnection;
  readonly memberId: string;
  notify(message: string, tone?: "info" | "error"): void;
  /** Who is in the document now (every connection, this one included). */
  presence?(entries: PresenceEntry[]): void;
  /** The document reached a new revision (any author). */
  revision?(revision: number): void;
  /** Whether this member may edit, known once the document is open. */
  canEdit?(canEdit: boolean): void;
  /** The document cannot be opened. */
  refused?(error: CommandError): void;
  /** The server's text at a revision (HTTP): to place edits made on the empty document (see OtClient.rebaseOnto). */
  textAt(revision: number): Promise<string>;
}

/**
 * The server allows 20 hub commands per second per connection. Edits made during the wait are composed into one
 * operation, so typing fast never exceeds it: at most one operation per SEND_INTERVAL_MS, one cursor per CURSOR_INTERVAL_MS.
 */
const SEND_INTERVAL_MS = 100;
const CURSOR_INTERVAL_MS = 250;
const RETRY_LATER_MS = 1000;
/** Pushes are in order; a gap that lasts this long was lost, and the document is opened again to fill it. */
const GAP_GRACE_MS = 600;
const REBASE_RETRY_MS = 2000;
/** How long edits still on their way keep the document open after its page was left (counted while connected). */
const CLOSE_GRACE_MS = 15_000;

export class CoEditor {
  readonly element: HTMLElement;
  readonly saveState = new SaveStateIndicator();
  private readonly view: EditorView;
  private readonly client: OtClient;
  private readonly channel: DocumentChannel;
  private readonly cursors = new RemoteCursorSet();
  private readonly editable = new Compartment();
  private readonly undo = new Compartment();
  private readonly offState: () => void;

  /** Open on the current connection (the answer to OpenDocument applied). */
  private opened = false;
  private everOpened = false;
  private refused = false;
  private canEdit = false;
  /** The page let go of the editor: its view is gone, but edits still on their way are seen through. */
  private disposed = false;
  /** The document is closed on the connection: nothing more is sent or received. */
  private closed = false;
  private closeTimer: number | undefined;

  private sending = false;
  private attempt = 0;
  private nextSendAt = 0;
  private sendTimer: number | undefined;

  /** A text answer held until the in-flight operation's acknowledgement says where the server put it. */
  private heldOpen: DocumentOpenResult | null = null;
  /** Reading the text to place edits made on the empty document on (see OtClient.rebaseOnto). */
  private rebasing = false;

  private focusedOnce = false;
  /** The connections in the document's presence. */
  private present = new Set<string>();
  /** This editor's cursor as last shared, in server coordinates, moved over later operations as the others move it. */
  private sharedCursor: { revision: number; anchor: number; focus: number } | null = null;
  private nextCursorAt = 0;
  private cursorTimer: number | undefined;
  private gapTimer: number | undefined;

  constructor(private readonly options: CoEditorOptions) {
    this.client = new OtClient({
      applyRemote: (op) => this.applyRemote(op),
      resetText: (text) => this.resetText(text),
      appendText: (text) => this.appendText(text),
      diverged: () => this.startOver("Your last edits could not be merged with the others'."),
      advanced: (op) => this.advanced(op),
    }, { authorId: options.memberId, newId: newCommandId });

    this.view = new EditorView({
      state: EditorState.create({
        doc: "",
        extensions: [
          // Only "\n" breaks lines, so the editor's text is exactly the server's ("\r" included).
          EditorState.lineSeparator.of("\n"),
          this.undo.of(history()),
          this.editable.of(readOnly(true)),
          highlightSpecialChars(),
          drawSelection(),
          highlightActiveLine(),
          EditorView.lineWrapping,
          placeholder("Start writing the project document together…"),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          remoteCursors(),
          EditorView.contentAttributes.of({ "aria-label": "Project document", spellcheck: "true" }),
          EditorView.updateListener.of((update) => this.updated(update)),
        ],
      }),
    });
    this.element = h("div", { class: "doc-editor", testid: "document-editor" }, this.view.dom);

    this.channel = options.live.openDocument(options.documentId, {
      knownRevision: () => this.client.revision,
      opened: (result) => this.openedWith(result),
      event: (event) => this.received(event),
      cursor: (cursor) => this.cursorReceived(cursor),
      presence: (snapshot) => {
        if (this.disposed) return;
        this.presenceChanged(snapshot.entries);
        this.options.presence?.(snapshot.entries);
      },
      interrupted: () => this.interrupted(),
      refused: (error) => {
        this.refused = true;
        if (this.disposed) return;
        this.refreshSaveState();
        this.options.refused?.(error);
      },
    });
    this.offState = options.live.onState(() => this.refreshSaveState());
    window.addEventListener("beforeunload", this.guardUnload);
  }

  /** The text as the editor shows it (code points and all). */
  get text(): string {
    return this.view.state.doc.toString();
  }

  get revision(): number {
    return this.client.revision;
  }

  focus(): void {
    this.view.focus();
  }

  /**
   * Lets go of the editor. Edits still on their way are not dropped with the page: the document stays open on
   * the connection until they are acknowledged, however long the connection is away (but for no more than
   * CLOSE_GRACE_MS while it is there).
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    window.clearTimeout(this.cursorTimer);
    window.removeEventListener("beforeunload", this.guardUnload);
    this.offState();
    this.view.destroy();
    if (this.client.hasPending && !this.refused) this.closeLater();
    else this.close();
  }

  private closeLater(): void {
    this.closeTimer = window.setTimeout(() => {
      if (this.client.hasPending && !this.opened) this.closeLater(); // offline: still waiting to send
      else this.close();
    }, CLOSE_GRACE_MS);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    window.clearTimeout(this.closeTimer);
    window.clearTimeout(this.sendTimer);
    window.clearTimeout(this.gapTimer);
    this.channel.close();
  }

  /** Leaving the page (closing the tab, reloading) with unsaved edits asks first. */
  private readonly guardUnload = (event: BeforeUnloadEvent): void => {
    if (this.client.hasPending) event.preventDefault();
  };

  // ---- the server's side -------------------------------------------------------------------------------

  private openedWith(result: DocumentOpenResult): void {
    if (this.closed) return;
    this.setCanEdit(result.canEdit);
    if (result.text !== null) this.useText(result);
    else for (const event of result.ops) this.receiveOp(event);
    this.opened = true;
    this.everOpened = true;
    // A new connection: the others know this cursor under a new connection id, so it is shared again.
    this.sharedCursor = null;
    this.presenceChanged(result.presence.entries);
    if (!this.disposed) {
      this.options.presence?.(result.presence.entries);
      this.options.revision?.(this.client.revision);
    }
    if (this.client.revision < result.revision && this.heldOpen === null && !this.rebasing) this.watchGap(true);
    this.pump();
    this.shareCursor();
    this.refreshSaveState();
  }

  /** The whole text of the document at a revision: this editor starts over from it, keeping what it can. */
  private useText(result: DocumentOpenResult): void {
    const client = this.client;
    if (client.revision === 0 && client.hasPending) {
      // Edits made on the empty document stay in front of the server's text, unless the server applied the
      // in-flight one already: ask where it went (it is sent again; the server applies it once) before deciding.
      if (client.placementUnknown) {
        this.heldOpen = result;
        return;
      }
      const at = client.acknowledgedAs;
      if (at !== null && at <= result.revision) {
        void this.rebase(at);
        return;
      }
    }
    if (client.reset(result.text ?? "", result.revision) !== null && !this.disposed) {
      this.options.notify("The document changed too much while you were away: your last unsaved edits could not be merged.", "error");
    }
  }

  /** The held text answer, once the in-flight operation's acknowledgement has arrived. */
  private settleHeldOpen(): void {
    const held = this.heldOpen;
    if (held === null || this.client.placementUnknown) return;
    this.heldOpen = null;
    if (this.client.revision > 0) {
      // It became revision 1: the editor follows the server from there.
      if (held.revision > this.client.revision) this.channel.reopen();
    } else {
      this.useText(held);
    }
  }

  private async rebase(revision: number): Promise<void> {
    if (this.rebasing) return;
    this.rebasing = true;
    let text: string;
    try {
      text = await this.options.textAt(revision);
    } catch (error) {
      console.warn(`The text at revision ${revision} could not be read; trying again`, error);
      window.setTimeout(() => this.channel.reopen(), REBASE_RETRY_MS);
      return;
    } finally {
      this.rebasing = false;
    }
    if (this.closed || this.client.revision !== 0 || this.client.acknowledgedAs !== revision) return;
    this.client.rebaseOnto(text, revision);
    this.drawCursors();
    this.channel.reopen(); // the operations after it
    this.pump();
    this.refreshSaveState();
  }

  /** The local text left the server's: start over from the server's text, saying what was lost. */
  private startOver(message: string): void {
    if (this.disposed) {
      this.close(); // nobody to start over for
      return;
    }
    this.options.notify(message, "error");
    this.client.forget();
    this.heldOpen = null;
    this.opened = false;
    this.channel.reopen();
    this.refreshSaveState();
  }

  private received(event: LiveEvent): void {
    if (this.closed || event.kind !== "document.op") return;
    this.receiveOp(event);
    this.drawCursors();
    this.watchGap(this.client.hasGap);
    this.pump();
    this.refreshSaveState();
  }

  private receiveOp(event: LiveEvent): void {
    if (event.kind !== "document.op") return;
    const payload = event.payload as DocumentOpPayload;
    this.client.receive({ revision: event.seq, op: payload.op, clientOpId: payload.clientOpId, authorId: payload.authorId });
    this.settleHeldOpen();
  }

  /** Cursors of connections that left go; someone who arrived gets this cursor (cursors are only sent when they move). */
  private presenceChanged(entries: readonly PresenceEntry[]): void {
    const connections = new Set(entries.map((e) => e.connectionId));
    const arrived = [...connections].some((id) => !this.present.has(id));
    this.present = connections;
    this.cursors.retain(connections);
    this.drawCursors();
    if (arrived) {
      this.sharedCursor = null;
      this.shareCursor();
    }
  }

  private cursorReceived(cursor: CursorUpdate): void {
    if (this.disposed || !this.everOpened) return;
    this.cursors.update(cursor, this.client.revision, (revision) => this.client.opsSince(revision));
    this.drawCursors();
  }

  private interrupted(): void {
    this.opened = false;
    this.heldOpen = null;
    this.attempt++; // an answer to a send made on the lost connection no longer steers sending
    this.sending = false;
    window.clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    this.refreshSaveState();
  }

  /** A gap in the server's operations: give the pushes a moment, then open again to fill it. */
  private watchGap(gap: boolean): void {
    if (!gap) {
      window.clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
      return;
    }
    if (this.gapTimer !== undefined) return;
    this.gapTimer = window.setTimeout(() => {
      this.gapTimer = undefined;
      if (this.client.hasGap && this.opened) this.channel.reopen();
    }, GAP_GRACE_MS);
  }

  // ---- OT client host -----------------------------------------------------------------------------------

  /** Applies a server operation (transformed over the pending edits); the selection moves as transformPosition says. */
  private applyRemote(op: TextOp): void {
    if (this.disposed) return;
    const state = this.view.state;
    const changes = state.changes(opToChanges(op, state.doc));
    const after = changes.apply(state.doc);
    const move = (offset: number): number => toUtf16(after, transformPosition(toCodePoints(state.doc, offset), op));
    const selection = EditorSelection.create(
      state.selection.ranges.map((range) => EditorSelection.range(move(range.anchor), move(range.head))),
      state.selection.mainIndex);
    this.view.dispatch({
      changes, selection,
      annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
  }

  private resetText(text: string): void {
    this.cursors.clear();
    if (this.disposed) return;
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      selection: EditorSelection.cursor(0),
      effects: setRemoteCursors.of([]),
      annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
    // Undoing past a whole new text would undo other people's work: start the history afresh.
    this.view.dispatch({ effects: this.undo.reconfigure([]) });
    this.view.dispatch({ effects: this.undo.reconfigure(history()) });
  }

  private appendText(text: string): void {
    if (text.length === 0 || this.disposed) return;
    this.view.dispatch({
      changes: { from: this.view.state.doc.length, insert: text },
      annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
  }

  private advanced(op: ServerOp): void {
    this.cursors.advanced(op);
    const shared = this.sharedCursor;
    if (shared !== null && shared.revision === op.revision - 1) {
      // The others move this cursor over the operation exactly so (its author's inserts carry it along).
      const transform = op.authorId === this.options.memberId ? transformOwnPosition : transformPosition;
      this.sharedCursor = { revision: op.revision, anchor: transform(shared.anchor, op.op), focus: transform(shared.focus, op.op) };
    }
    if (!this.disposed) this.options.revision?.(op.revision);
  }

  // ---- this editor's side -------------------------------------------------------------------------------

  private updated(update: ViewUpdate): void {
    for (const tr of update.transactions) {
      if (!tr.docChanged || tr.annotation(Transaction.remote)) continue;
      this.client.local(changesToOp(tr.changes, tr.startState.doc));
    }
    if (update.focusChanged && update.view.hasFocus) this.focusedOnce = true;
    if (update.docChanged || update.selectionSet || update.focusChanged) {
      this.pump();
      this.shareCursor();
      this.refreshSaveState();
    }
  }

  /** Sends the in-flight operation when there is one to send, connected, and not sooner than the rate allows. */
  private pump(): void {
    if (this.closed || !this.opened || this.sending || !this.client.readyToSend) return;
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
      if (this.closed) return;
      this.client.acknowledged(ack.revision, ack.clientOpId);
      if (attempt === this.attempt) this.sending = false;
      this.settleHeldOpen();
      if (this.disposed && !this.client.hasPending) {
        this.close(); // the page was left and everything is saved now
        return;
      }
      this.drawCursors();
      this.watchGap(this.client.hasGap);
      this.pump();
      this.shareCursor();
      this.refreshSaveState();
    }, (error: unknown) => {
      if (this.closed || attempt !== this.attempt) return;
      this.sending = false;
      if (!(error instanceof CommandError)) return; // the connection went: sent again once the document is reopened
      if (error.kind === "LimitExceeded") {
        this.nextSendAt = Date.now() + RETRY_LATER_MS;
        this.pump();
        return;
      }
      // Refused: the server will never apply it, so this text has left the server's. Start over from the server's text.
      console.warn("An edit was refused", error);
      this.startOver(`Your last edit could not be saved: ${error.message}`);
    });
  }

  /** Shares where this editor's cursor is, in code points of the server's text at the current revision. */
  private shareCursor(): void {
    if (this.disposed || !this.opened || !this.focusedOnce) return;
    const wait = this.nextCursorAt - Date.now();
    if (wait > 0) {
      this.cursorTimer ??= window.setTimeout(() => {
        this.cursorTimer = undefined;
        this.shareCursor();
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

  private drawCursors(): void {
    if (this.disposed) return;
    const doc = this.view.state.doc;
    const placed = this.cursors.placed(this.client.revision, this.client.pendingOps());
    this.view.dispatch({
      effects: setRemoteCursors.of(placed.map((cursor) => ({
        connectionId: cursor.connectionId, memberId: cursor.memberId, displayName: cursor.displayName,
        anchor: toUtf16(doc, cursor.anchor), head: toUtf16(doc, cursor.focus),
      }))),
    });
  }

  private setCanEdit(canEdit: boolean): void {
    if (this.disposed) return;
    if (canEdit !== this.canEdit || !this.everOpened) {
      this.canEdit = canEdit;
      this.view.dispatch({ effects: this.editable.reconfigure(readOnly(!canEdit)) });
      this.view.dom.classList.toggle("doc-editor--readonly", !canEdit);
      this.options.canEdit?.(canEdit);
    }
  }

  private refreshSaveState(): void {
    if (this.disposed) return;
    this.element.dataset["revision"] = String(this.client.revision);
    if (this.refused) this.saveState.set("unavailable");
    else if (!this.everOpened) this.saveState.set("loading");
    else if (!this.opened || !this.channel.connected) this.saveState.set("offline", this.client.hasPending);
    else this.saveState.set(this.client.hasPending ? "saving" : "saved");
  }
}

function readOnly(on: boolean) {
  return [EditorState.readOnly.of(on), EditorView.editable.of(!on)];
}
