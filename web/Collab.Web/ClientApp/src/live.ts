import {
  HttpError, HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel, type RetryContext,
} from "@microsoft/signalr";
import type {
  CommentView, CursorUpdate, DocumentAckResult, DocumentOpenResult, JoinResult, LiveEvent, PresenceActivity, PresenceSnapshot, TextOp,
} from "./types";

// The one live connection of the workspace. It keeps, per joined scope, the last seq applied, so that after
// any interruption (a reconnect, a gap in the pushes) it joins again with that seq and the server answers
// exactly what was missed: pages never reload to be correct. Commands carry a client-made id and wait in an
// outbox while disconnected; a retry with the same id is harmless on the server.

export type ConnectionState = "connected" | "reconnecting" | "offline";

export type ErrorKind = "Invalid" | "NotFound" | "Forbidden" | "Conflict" | "LimitExceeded" | "Unknown";

/** A command or join the server refused (the hub's one error shape), as opposed to a lost connection. */
export class CommandError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly field: string | null = null) {
    super(message);
  }
}

/** What a page provides for a scope it shows. */
export interface ScopeListener {
  /**
   * The scope's whole state (a first join, or too far behind to replay). May return the seq the snapshot
   * itself reflects when it carries one (a thread's lastSeq): events after it are then fetched if missing.
   */
  reset(snapshot: unknown, seq: number): number | void;
  /** One event, strictly in seq order, each exactly once. */
  event(event: LiveEvent): void;
  presence?(presence: PresenceSnapshot): void;
  /** The join was refused (no access, unknown id). */
  refused?(error: CommandError): void;
}

/** A command could not reach the server (no connection, or it dropped while waiting): it may be sent again. */
export class NotConnectedError extends Error {
  constructor() {
    super("Not connected.");
  }
}

/** What a document editor provides to the connection (see {@link LiveConnection.openDocument}). */
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

interface ScopeState {
  readonly scope: string;
  readonly listener: ScopeListener;
  lastSeq: number;
  /** The generation of the join in flight (0: none); pushes wait in the buffer until its answer is applied. */
  joining: number;
  buffer: LiveEvent[];
  /** A presence push arrived after the join in flight was sent, so its answer's presence is older. */
  presenceSinceJoin: boolean;
}

interface Command {
  readonly method: string;
  readonly args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

// Retries forever: a classroom laptop may be offline for an hour and must come back by itself.
const RETRY_DELAYS = [0, 1000, 2000, 5000, 10000];

export class LiveConnection {
  private readonly connection: HubConnection;
  private readonly scopes = new Map<string, ScopeState>();
  /** Open documents by scope; one document may be open in several editors (one closing while another opens). */
  private readonly documents = new Map<string, Set<DocumentState>>();
  private readonly outbox: Command[] = [];
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly outboxListeners = new Set<(pending: number) => void>();
  private state: ConnectionState = "reconnecting";
  private running = false;
  private connecting = false;
  private flushing = false;
  private joinGeneration = 0;
  private wake: (() => void) | null = null;

  constructor(
    accessToken: () => string | null,
    private readonly onUnauthorized: () => void,
    url = "/hubs/collab",
  ) {
    this.connection = new HubConnectionBuilder()
      .withUrl(url, { accessTokenFactory: () => accessToken() ?? "" })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => this.retryDelay(context) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on("Event", (event: LiveEvent) => this.receive(event));
    this.connection.on("Presence", (presence: PresenceSnapshot) => this.receivePresence(presence));
    this.connection.on("Cursor", (cursor: CursorUpdate) => {
      for (const state of this.documents.get(cursor.scope) ?? []) state.listener.cursor(cursor);
    });
    this.connection.onreconnecting(() => {
      this.setState("reconnecting");
      this.interruptDocuments();
    });
    this.connection.onreconnected(() => this.connected());
    this.connection.onclose(() => {
      if (!this.running) return;
      this.interruptDocuments();
      this.setState("offline");
      void this.connectLoop();
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  get pendingCommands(): number {
    return this.outbox.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener("online", this.wentOnline);
    window.addEventListener("offline", this.wentOffline);
    void this.connectLoop();
  }

  async dispose(): Promise<void> {
    this.running = false;
    window.removeEventListener("online", this.wentOnline);
    window.removeEventListener("offline", this.wentOffline);
    this.wake?.();
    for (const command of this.outbox.splice(0)) command.reject(new CommandError("Unknown", "Signed out before this was sent."));
    this.scopes.clear();
    this.documents.clear();
    await this.connection.stop();
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  onOutbox(listener: (pending: number) => void): () => void {
    this.outboxListeners.add(listener);
    listener(this.outbox.length);
    return () => this.outboxListeners.delete(listener);
  }

  /** Joins a scope and keeps it joined across reconnects until the returned function is called. */
  subscribe(scope: string, listener: ScopeListener): () => void {
    const state: ScopeState = { scope, listener, lastSeq: 0, joining: 0, buffer: [], presenceSinceJoin: false };
    this.scopes.set(scope, state);
    void this.join(state);
    return () => {
      if (this.scopes.get(scope) !== state) return;
      this.scopes.delete(scope);
      // The member's own scope is joined by the server on connect and must stay joined: mentions arrive there.
      if (!scope.startsWith("member:") && this.connection.state === HubConnectionState.Connected) {
        this.connection.invoke("Leave", scope).catch((error: unknown) => {
          // A connection that closed meanwhile has left every scope anyway; only a refusal is worth a word.
          if (asCommandError(error)) console.warn(`Leaving ${scope} failed`, error);
        });
      }
    };
  }

  /**
   * Opens a project's document for editing and keeps it open across reconnects (each new connection opens it
   * again at the listener's known revision) until the channel is closed.
   */
  openDocument(documentId: string, listener: DocumentListener): DocumentChannel {
    const scope = `document:${documentId}`;
    const state: DocumentState = { documentId, scope, listener, opening: 0 };
    const open = this.documents.get(scope) ?? new Set<DocumentState>();
    open.add(state);
    this.documents.set(scope, open);
    void this.open(state);
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
        if (isOpen() && !state.opening) void this.open(state);
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

  postComment(threadId: string, text: string, parentId: number | null): Promise<CommentView> {
    return this.command("PostComment", threadId, text, parentId, newCommandId());
  }

  editComment(threadId: string, commentId: number, text: string): Promise<CommentView> {
    return this.command("EditComment", threadId, commentId, text, newCommandId());
  }

  react(threadId: string, commentId: number, emoji: string): Promise<CommentView> {
    return this.command("React", threadId, commentId, emoji, newCommandId());
  }

  unreact(threadId: string, commentId: number, emoji: string): Promise<CommentView> {
    return this.command("Unreact", threadId, commentId, emoji, newCommandId());
  }

  /** Presence is about now: an activity is sent when connected and joined, never queued. */
  setActivity(scope: string, activity: PresenceActivity): void {
    const joined = this.scopes.get(scope);
    if (!joined || joined.joining || this.connection.state !== HubConnectionState.Connected) return;
    this.connection.invoke("SetActivity", scope, activity)
      .catch((error: unknown) => console.warn(`Setting ${activity} in ${scope} failed`, error));
  }

  private command<T>(method: string, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.outbox.push({ method, args, resolve: resolve as (value: unknown) => void, reject });
      this.outboxChanged();
      void this.flush();
    });
  }

  /** Sends the outbox in order; a command that lost its connection stays first in line for the next one. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && this.connection.state === HubConnectionState.Connected) {
        const command = this.outbox[0]!;
        try {
          const result = await this.connection.invoke(command.method, ...command.args);
          this.outbox.shift();
          command.resolve(result);
        } catch (error) {
          const refused = asCommandError(error);
          if (!refused) break; // the connection went away; the same command id is sent again after reconnecting
          this.outbox.shift();
          command.reject(refused);
        } finally {
          this.outboxChanged();
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async join(state: ScopeState): Promise<void> {
    if (this.connection.state !== HubConnectionState.Connected) return; // joined again once connected
    const generation = ++this.joinGeneration;
    state.joining = generation;
    state.presenceSinceJoin = false;
    let result: JoinResult;
    try {
      result = await this.connection.invoke<JoinResult>("Join", state.scope, state.lastSeq);
    } catch (error) {
      if (state.joining !== generation) return;
      state.joining = 0;
      state.buffer = [];
      const refused = asCommandError(error);
      if (refused) state.listener.refused?.(refused);
      return; // otherwise the connection was lost, and reconnecting joins again
    }
    if (state.joining !== generation || this.scopes.get(state.scope) !== state) return;

    if (result.reset) {
      const own = state.listener.reset(result.snapshot, result.seq);
      state.lastSeq = typeof own === "number" ? Math.min(own, result.seq) : result.seq;
    } else {
      for (const event of result.events) {
        if (event.seq > state.lastSeq + 1) break; // not contiguous: asked again below
        this.apply(state, event);
      }
    }
    state.joining = 0;
    const buffered = state.buffer.sort((a, b) => a.seq - b.seq);
    state.buffer = [];
    for (const event of buffered) this.deliver(state, event);
    if (result.presence && !state.presenceSinceJoin) state.listener.presence?.(result.presence);
    // The server is further than what was applied (a snapshot older than its seq, say): fetch the rest now
    // rather than at the next push, which may be a long time coming.
    if (!state.joining && state.lastSeq < result.seq) void this.join(state);
  }

  private async open(state: DocumentState): Promise<void> {
    if (this.connection.state !== HubConnectionState.Connected) return; // opened again once connected
    const generation = ++this.joinGeneration;
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

  private interruptDocuments(): void {
    for (const editors of this.documents.values()) {
      for (const state of editors) {
        state.opening = 0;
        state.listener.interrupted();
      }
    }
  }

  private receive(event: LiveEvent): void {
    const editors = this.documents.get(event.scope);
    if (editors) {
      for (const state of editors) state.listener.event(event);
      return;
    }
    const state = this.scopes.get(event.scope);
    if (state) this.deliver(state, event);
  }

  private deliver(state: ScopeState, event: LiveEvent): void {
    if (state.joining) {
      state.buffer.push(event);
      return;
    }
    if (event.seq > state.lastSeq + 1) {
      // A push was lost: join again with the last seq; the answer holds this event too.
      void this.join(state);
      return;
    }
    this.apply(state, event);
  }

  private apply(state: ScopeState, event: LiveEvent): void {
    if (event.seq <= state.lastSeq) return; // already applied (a replay overlapping a push)
    state.lastSeq = event.seq;
    state.listener.event(event);
  }

  private receivePresence(presence: PresenceSnapshot): void {
    for (const state of this.documents.get(presence.scope) ?? []) state.listener.presence(presence);
    const state = this.scopes.get(presence.scope);
    if (!state) return;
    if (state.joining) state.presenceSinceJoin = true;
    state.listener.presence?.(presence);
  }

  private connected(): void {
    this.setState("connected");
    for (const state of this.scopes.values()) void this.join(state);
    for (const editors of this.documents.values()) for (const state of editors) void this.open(state);
    void this.flush();
  }

  /** Starts the connection, retrying forever; a browser coming back online retries at once. */
  private async connectLoop(): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    try {
      for (let attempt = 0; this.running && this.connection.state === HubConnectionState.Disconnected; attempt++) {
        if (navigator.onLine) {
          try {
            await this.connection.start();
            break;
          } catch (error) {
            if (error instanceof HttpError && error.statusCode === 401) {
              this.onUnauthorized();
              return;
            }
          }
          this.setState("offline");
        }
        await this.pause(RETRY_DELAYS[Math.min(attempt, RETRY_DELAYS.length - 1)]!);
      }
    } finally {
      this.connecting = false;
    }
    if (this.running && this.connection.state === HubConnectionState.Connected) this.connected();
  }

  private retryDelay(context: RetryContext): number | null {
    // An expired or revoked token will not get better by retrying: close, and the start loop signs out.
    if (context.retryReason instanceof HttpError && context.retryReason.statusCode === 401) return null;
    return RETRY_DELAYS[Math.min(context.previousRetryCount, RETRY_DELAYS.length - 1)]!;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private readonly wentOnline = (): void => {
    this.setState(this.connection.state === HubConnectionState.Connected ? "connected" : "reconnecting");
    if (this.connection.state === HubConnectionState.Reconnecting) {
      // The automatic reconnect may be sleeping for seconds; start over now (onclose runs the start loop).
      void this.connection.stop();
    } else {
      this.wake?.();
    }
  };

  private readonly wentOffline = (): void => {
    this.setState("offline");
    // The socket may still look open, but nothing can cross it; closing it now (instead of at the server
    // timeout) means the rejoin with the last seqs runs as soon as the browser is back online.
    if (this.connection.state !== HubConnectionState.Disconnected) void this.connection.stop();
  };

  private setState(state: ConnectionState): void {
    const effective: ConnectionState = navigator.onLine ? state : "offline";
    if (effective === this.state) return;
    this.state = effective;
    for (const listener of this.stateListeners) listener(effective);
  }

  private outboxChanged(): void {
    for (const listener of this.outboxListeners) listener(this.outbox.length);
  }
}

/** The hub's error shape: a HubException whose message ends with {"kind","detail","field"}. Null for a lost connection. */
function asCommandError(error: unknown): CommandError | null {
  const message = error instanceof Error ? error.message : String(error);
  const marker = message.indexOf("HubException: ");
  if (marker >= 0) {
    try {
      const body = JSON.parse(message.slice(marker + "HubException: ".length)) as { kind?: string; detail?: string; field?: string | null };
      const kind = (["Invalid", "NotFound", "Forbidden", "Conflict", "LimitExceeded"] as const).find((k) => k === body.kind) ?? "Unknown";
      return new CommandError(kind, body.detail ?? message, body.field ?? null);
    } catch {
      return new CommandError("Unknown", message.slice(marker + "HubException: ".length));
    }
  }
  // The server answered, but with an error it did not describe (an unexpected exception).
  if (message.startsWith("An unexpected error occurred invoking")) return new CommandError("Unknown", "Something went wrong on the server.");
  return null;
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
