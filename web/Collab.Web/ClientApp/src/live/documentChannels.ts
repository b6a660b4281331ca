import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import type { CursorUpdate, DocumentAckResult, DocumentOpenResult, LiveEvent, PresenceSnapshot, TextOp } from "../types";
import { asCommandError, NotConnectedError, type CommandError } from "./commandErrors";

// Open documents are not joined scopes: the editor, not the connection, orders their operations (by revision,
// through the OT client), so the connection only reopens them at the editor's known revision and passes pushes on.

/** What a document editor provides to the connection (see {@link DocumentChannels.open}). */
export interface DocumentListener {
  /** The last revision the editor applied: opening again answers what came after it (0: the whole text). */
  knownRevision(): number;
  /** The answer to (re)opening, on every new connection. */
  opened(result: DocumentOpenResult): void;
  /** A `document.op` event, as pushed: in order, but possibly repeated or (rarely) with gaps; the editor sorts it out. */
  event(event: LiveEvent): void;
  cursor(cursor: CursorUpdate): void;
  presence(presence: PresenceSnapshot): void;
  /** The connection went away: anything in flight is to be sent again after the next `opened`. */
  interrupted(): void;
  /** The document cannot be opened (no access, unknown id). */
  refused(error: CommandError): void;
}

/** An open document's own commands; they are sent only while connected, never queued (the editor keeps them). */
export interface DocumentChannel {
  readonly connected: boolean;
  /** Rejects with a {@link CommandError} when refused, a {@link NotConnectedError} when it may be sent again. */
  submit(baseRevision: number, op: TextOp, clientOpId: string): Promise<DocumentAckResult>;
  setCursor(revision: number, anchor: number, focus: number): Promise<void>;
  /** Opens again at the listener's known revision (a gap in the pushes). */
  reopen(): void;
  close(): void;
}

interface DocumentState {
  readonly documentId: string;
  readonly scope: string;
  readonly listener: DocumentListener;
  /** The generation of the open in flight (0: none). */
  opening: number;
}

export class DocumentChannels {
  /** Open documents by scope; one document may be open in several editors (one closing while another opens). */
  private readonly documents = new Map<string, Set<DocumentState>>();
  private openGeneration = 0;

  constructor(private readonly connection: HubConnection) {}

  /**
   * Opens a project's document for editing and keeps it open across reconnects (each new connection opens it
   * again at the listener's known revision) until the channel is closed.
   */
  open(documentId: string, listener: DocumentListener): DocumentChannel {
    const scope = `document:${documentId}`;
    const state: DocumentState = { documentId, scope, listener, opening: 0 };
    const open = this.documents.get(scope) ?? new Set<DocumentState>();
    open.add(state);
    this.documents.set(scope, open);
    void this.openOne(state);
    const connection = this.connection;
    const isOpen = (): boolean => this.documents.get(scope)?.has(state) ?? false;
    const live = (): boolean => isOpen() && connection.state === HubConnectionState.Connected;
    return {
      get connected() { return live(); },
      submit: async (baseRevision, op, clientOpId) => {
        if (!live()) throw new NotConnectedError();
        try {
          return await connection.invoke<DocumentAckResult>("SubmitOperation", documentId, baseRevision, op, clientOpId);
        } catch (error) {
          throw asCommandError(error) ?? new NotConnectedError();
        }
      },
      setCursor: async (revision, anchor, focus) => {
        if (!live() || state.opening) return; // presence is about now: a cursor is never queued
        try {
          await connection.invoke("SetCursor", documentId, revision, anchor, focus);
        } catch (error) {
          throw asCommandError(error) ?? new NotConnectedError();
        }
      },
      reopen: () => {
        if (isOpen() && !state.opening) void this.openOne(state);
      },
      close: () => {
        const editors = this.documents.get(scope);
        if (!editors?.delete(state)) return;
        if (editors.size > 0) return; // another editor still has it open
        this.documents.delete(scope);
        if (connection.state === HubConnectionState.Connected) {
          connection.invoke("Leave", scope).catch((error: unknown) => {
            if (asCommandError(error)) console.warn(`Leaving ${scope} failed`, error);
          });
        }
      },
    };
  }

  /** A new connection: every open document is opened again at its editor's known revision. */
  reopenAll(): void {
    for (const editors of this.documents.values()) for (const state of editors) void this.openOne(state);
  }

  interruptAll(): void {
    for (const editors of this.documents.values()) {
      for (const state of editors) {
        state.opening = 0;
        state.listener.interrupted();
      }
    }
  }

  /** Passes a push on to the editors of its document; false when it is no open document's. */
  receive(event: LiveEvent): boolean {
    const editors = this.documents.get(event.scope);
    if (!editors) return false;
    for (const state of editors) state.listener.event(event);
    return true;
  }

  receiveCursor(cursor: CursorUpdate): void {
    for (const state of this.documents.get(cursor.scope) ?? []) state.listener.cursor(cursor);
  }

  receivePresence(presence: PresenceSnapshot): void {
    for (const state of this.documents.get(presence.scope) ?? []) state.listener.presence(presence);
  }

  clear(): void {
    this.documents.clear();
  }

  private async openOne(state: DocumentState): Promise<void> {
    if (this.connection.state !== HubConnectionState.Connected) return; // opened again once connected
    const generation = ++this.openGeneration;
    state.opening = generation;
    let result: DocumentOpenResult;
    try {
      result = await this.connection.invoke<DocumentOpenResult>("OpenDocument", state.documentId, state.listener.knownRevision());
    } catch (error) {
      if (state.opening !== generation) return;
      state.opening = 0;
      const refused = asCommandError(error);
      if (refused) state.listener.refused(refused);
      return; // otherwise the connection was lost, and reconnecting opens again
    }
    if (state.opening !== generation || !this.documents.get(state.scope)?.has(state)) return;
    state.opening = 0;
    state.listener.opened(result);
  }
}
