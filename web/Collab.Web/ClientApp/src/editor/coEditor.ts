import { describeError } from "../api";
import { Transaction } from "@codemirror/state";
import type { ViewUpdate } from "@codemirror/view";
import { h } from "../dom";
import { t } from "../i18n";
import type { CommandError } from "../live/commandErrors";
import type { DocumentChannel } from "../live/documentChannels";
import type { LiveConnection } from "../live/liveConnection";
import { newCommandId } from "../live/outbox";
import type { DocumentOpenResult, DocumentOpPayload, LiveEvent, PresenceSnapshot, TextOp } from "../types";
import { changesToOp } from "./codePoints";
import { CursorSharing } from "./cursorSharing";
import { DocumentView } from "./documentView";
import { MarkdownPreview } from "./markdownPreview";
import { MarkdownToolbar } from "./markdownToolbar";
import { OpSender } from "./opSender";
import { OtClient } from "./otClient";
import { SaveStateIndicator } from "./saveState";
import type { ServerOp } from "./serverOps";

// The project document in CodeMirror 6, co-edited live: local edits go to the OT client, which sends one
// operation at a time; the server's operations come back through it, transformed over what is still pending,
// and are applied to the editor without entering its undo history. Cursors travel as presence. The text is
// Markdown: a toolbar formats it (as ordinary edits) and a preview beside it follows every change.

export interface CoEditorOptions {
  readonly documentId: string;
  readonly live: LiveConnection;
  readonly memberId: string;
  notify(message: string, tone?: "info" | "error"): void;
  /** Who is in the document now (every connection, this one included). */
  presence?(snapshot: PresenceSnapshot): void;
  /** The document reached a new revision (any author). */
  revision?(revision: number): void;
  /** Whether this member may edit, known once the document is open. */
  canEdit?(canEdit: boolean): void;
  /** The document cannot be opened. */
  refused?(error: CommandError): void;
  /** The server's text at a revision (HTTP): to place edits made on the empty document (see OtClient.rebaseOnto). */
  textAt(revision: number): Promise<string>;
}

/** Pushes are in order; a gap that lasts this long was lost, and the document is opened again to fill it. */
const GAP_GRACE_MS = 600;
const REBASE_RETRY_MS = 2000;
/** How long edits still on their way keep the document open after its page was left (counted while connected). */
const CLOSE_GRACE_MS = 15_000;

export class CoEditor {
  readonly element: HTMLElement;
  readonly saveState = new SaveStateIndicator();
  private readonly view: DocumentView;
  private readonly toolbar: MarkdownToolbar;
  private readonly preview = new MarkdownPreview();
  private readonly client: OtClient;
  private readonly channel: DocumentChannel;
  private readonly sender: OpSender;
  private readonly cursors: CursorSharing;
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

  /** A text answer held until the in-flight operation's acknowledgement says where the server put it. */
  private heldOpen: DocumentOpenResult | null = null;
  /** Reading the text to place edits made on the empty document on (see OtClient.rebaseOnto). */
  private rebasing = false;

  private focusedOnce = false;
  private gapTimer: number | undefined;

  constructor(private readonly options: CoEditorOptions) {
    this.client = new OtClient({
      applyRemote: (op) => this.applyRemote(op),
      resetText: (text) => this.resetText(text),
      appendText: (text) => this.appendText(text),
      diverged: () => this.startOver(t("editor:notMerged")),
      advanced: (op) => this.advanced(op),
    }, { authorId: options.memberId, newId: newCommandId });

    this.view = new DocumentView((update) => this.updated(update));
    this.toolbar = new MarkdownToolbar((command) => this.view.run(command));
    this.toolbar.element.hidden = true; // until the document says this member may edit it
    this.element = h("div", { class: "doc-editor", testid: "document-editor" },
      this.toolbar.element,
      h("div", { class: "doc-editor__panes" }, h("div", { class: "doc-editor__text" }, this.view.dom), this.preview.element));

    this.channel = options.live.openDocument(options.documentId, {
      knownRevision: () => this.client.revision,
      opened: (result) => this.openedWith(result),
      event: (event) => this.received(event),
      cursor: (cursor) => this.cursors.received(cursor),
      presence: (snapshot) => {
        if (this.disposed) return;
        this.cursors.presenceChanged(snapshot.entries);
        this.options.presence?.(snapshot);
      },
      interrupted: () => this.interrupted(),
      refused: (error) => {
        this.refused = true;
        if (this.disposed) return;
        this.refreshSaveState();
        this.options.refused?.(error);
      },
    });
    this.sender = new OpSender(this.client, this.channel, {
      closed: () => this.closed,
      opened: () => this.opened,
      acknowledged: () => this.acknowledged(),
      // The server will never apply it, so this text has left the server's. Start over from the server's text.
      refused: (error) => this.startOver(t("editor:notSaved", { reason: describeError(error) })),
    });
    this.cursors = new CursorSharing(this.view, this.client, this.channel, options.memberId, {
      showing: () => !this.disposed,
      mayShare: () => !this.disposed && this.opened && this.focusedOnce,
      mayReceive: () => this.everOpened,
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
    this.cursors.stop();
    window.removeEventListener("beforeunload", this.guardUnload);
    this.offState();
    this.preview.dispose();
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
    this.sender.stop();
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
    this.cursors.forgetShared();
    this.cursors.presenceChanged(result.presence.entries);
    this.cursors.opened();
    if (!this.disposed) {
      this.options.presence?.(result.presence);
      this.options.revision?.(this.client.revision);
    }
    if (this.client.revision < result.revision && this.heldOpen === null && !this.rebasing) this.watchGap(true);
    this.sender.pump();
    this.cursors.share();
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
      this.options.notify(t("editor:changedTooMuch"), "error");
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
    this.cursors.draw();
    this.channel.reopen(); // the operations after it
    this.sender.pump();
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
    this.cursors.draw();
    this.watchGap(this.client.hasGap);
    this.sender.pump();
    this.refreshSaveState();
  }

  private receiveOp(event: LiveEvent): void {
    if (event.kind !== "document.op") return;
    const payload = event.payload as DocumentOpPayload;
    this.client.receive({ revision: event.seq, op: payload.op, clientOpId: payload.clientOpId, authorId: payload.authorId });
    this.settleHeldOpen();
  }

  /** The in-flight operation's acknowledgement was taken: what it unblocks goes on. */
  private acknowledged(): void {
    this.settleHeldOpen();
    if (this.disposed && !this.client.hasPending) {
      this.close(); // the page was left and everything is saved now
      return;
    }
    this.cursors.draw();
    this.watchGap(this.client.hasGap);
    this.sender.pump();
    this.cursors.share();
    this.refreshSaveState();
  }

  private interrupted(): void {
    this.opened = false;
    this.heldOpen = null;
    this.sender.interrupted();
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

  private applyRemote(op: TextOp): void {
    if (this.disposed) return;
    this.view.applyRemote(op);
  }

  private resetText(text: string): void {
    this.cursors.clearRemote();
    if (this.disposed) return;
    this.view.resetText(text);
  }

  private appendText(text: string): void {
    if (this.disposed) return;
    this.view.appendText(text);
  }

  private advanced(op: ServerOp): void {
    this.cursors.advanced(op);
    if (!this.disposed) this.options.revision?.(op.revision);
  }

  // ---- this editor's side -------------------------------------------------------------------------------

  private updated(update: ViewUpdate): void {
    for (const tr of update.transactions) {
      if (!tr.docChanged || tr.annotation(Transaction.remote)) continue;
      this.client.local(changesToOp(tr.changes, tr.startState.doc));
    }
    if (update.docChanged) this.preview.show(update.state.doc);
    if (update.focusChanged && update.view.hasFocus) this.focusedOnce = true;
    if (update.docChanged || update.selectionSet || update.focusChanged) {
      this.sender.pump();
      this.cursors.share();
      this.refreshSaveState();
    }
  }

  private setCanEdit(canEdit: boolean): void {
    if (this.disposed) return;
    if (canEdit !== this.canEdit || !this.everOpened) {
      this.canEdit = canEdit;
      this.view.setReadOnly(!canEdit);
      this.toolbar.element.hidden = !canEdit;
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
