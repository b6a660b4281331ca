import {
  HttpError, HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel, type RetryContext,
} from "@microsoft/signalr";
import type { ActivitySnapshot, CommentView, CursorUpdate, LiveEvent, PresenceActivity, PresenceSnapshot, ThreadActivity } from "../types";
import { DocumentChannels, type DocumentChannel, type DocumentListener } from "./documentChannels";
import { newCommandId, Outbox } from "./outbox";
import { ScopeSubscriptions, type ScopeListener } from "./scopeSubscriptions";

// The one live connection of the workspace. It owns the connection's lifecycle (start, retry, online/offline)
// and, on every new connection, has the joined scopes rejoin from their last seqs, the open documents reopen at
// their known revisions, and the outbox flush: what a page sees never depends on which connection carried it.

// "refused": the member has as many connections open as the server allows (tabs, devices).
export type ConnectionState = "connected" | "reconnecting" | "offline" | "refused";

// Retries forever: a classroom laptop may be offline for an hour and must come back by itself.
const RETRY_DELAYS = [0, 1000, 2000, 5000, 10000];
// A refused tab tries again now and then (a place may free up on another device), and soon after another tab of
// this browser says it let its connection go, a few times, as the server frees the place only once it has seen that
// connection close; at once it would only be refused again.
const REFUSED_RETRY_MS = 30_000;
const FREED_PLACE_RETRY_MS = 1_000;
const FREED_PLACE_RETRIES = 5;
const CONNECTIONS_CHANNEL = "collab-connections";

export class LiveConnection {
  private readonly connection: HubConnection;
  private readonly scopes: ScopeSubscriptions;
  private readonly documents: DocumentChannels;
  private readonly outbox: Outbox;
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = "reconnecting";
  private running = false;
  private connecting = false;
  private draining = false;
  private refused = false;
  private freedPlaceRetries = 0;
  private wake: (() => void) | null = null;
  private tabs: BroadcastChannel | null = null;

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
    this.scopes = new ScopeSubscriptions(this.connection);
    this.documents = new DocumentChannels(this.connection);
    this.outbox = new Outbox(this.connection);
    this.connection.on("Event", (event: LiveEvent) => this.receive(event));
    this.connection.on("Presence", (presence: PresenceSnapshot) => this.receivePresence(presence));
    this.connection.on("Cursor", (cursor: CursorUpdate) => this.documents.receiveCursor(cursor));
    this.connection.on("Activity", (activity: ActivitySnapshot) => this.scopes.receiveActivity(activity));
    this.connection.on("ThreadActivity", (activity: ThreadActivity) => this.scopes.receiveThreadActivity(activity));
    this.connection.on("Revoked", (revoked: { scope: string }) => this.scopes.revoked(revoked.scope));
    // The server is stopping: leave now, so the next connection (the load balancer sends it to another server)
    // rejoins every scope from its last seq; onclose starts it. This server refuses new connections meanwhile.
    this.connection.on("Draining", () => {
      this.draining = true;
      void this.connection.stop();
    });
    this.connection.on("Refused", () => {
      this.refused = true;
    });
    this.connection.onreconnecting(() => {
      this.setState("reconnecting");
      this.documents.interruptAll();
    });
    this.connection.onreconnected(() => this.connected());
    this.connection.onclose(() => {
      if (!this.running) return;
      this.documents.interruptAll();
      this.setState(this.refused ? "refused" : this.draining ? "reconnecting" : "offline");
      this.draining = false;
      void this.connectLoop();
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  get pendingCommands(): number {
    return this.outbox.pending;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener("online", this.wentOnline);
    window.addEventListener("offline", this.wentOffline);
    window.addEventListener("pagehide", this.leaving);
    this.tabs = new BroadcastChannel(CONNECTIONS_CHANNEL);
    this.tabs.onmessage = () => this.placeFreed();
    void this.connectLoop();
  }

  async dispose(): Promise<void> {
    this.running = false;
    window.removeEventListener("online", this.wentOnline);
    window.removeEventListener("offline", this.wentOffline);
    window.removeEventListener("pagehide", this.leaving);
    this.leaving();
    this.tabs?.close();
    this.tabs = null;
    this.wake?.();
    this.outbox.abandon();
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
    return this.outbox.onChange(listener);
  }

  /** Joins a scope and keeps it joined across reconnects until the returned function is called. */
  subscribe(scope: string, listener: ScopeListener): () => void {
    return this.scopes.subscribe(scope, listener);
  }

  /**
   * Opens a project's document for editing and keeps it open across reconnects (each new connection opens it
   * again at the listener's known revision) until the channel is closed.
   */
  openDocument(documentId: string, listener: DocumentListener): DocumentChannel {
    return this.documents.open(documentId, listener);
  }

  postComment(threadId: string, text: string, parentId: number | null): Promise<CommentView> {
    return this.outbox.send("PostComment", threadId, text, parentId, newCommandId());
  }

  editComment(threadId: string, commentId: number, text: string): Promise<CommentView> {
    return this.outbox.send("EditComment", threadId, commentId, text, newCommandId());
  }

  react(threadId: string, commentId: number, emoji: string): Promise<CommentView> {
    return this.outbox.send("React", threadId, commentId, emoji, newCommandId());
  }

  unreact(threadId: string, commentId: number, emoji: string): Promise<CommentView> {
    return this.outbox.send("Unreact", threadId, commentId, emoji, newCommandId());
  }

  /** Presence is about now: an activity is sent when connected and joined, never queued. */
  setActivity(scope: string, activity: PresenceActivity): void {
    this.scopes.setActivity(scope, activity);
  }

  private receive(event: LiveEvent): void {
    if (this.documents.receive(event)) return;
    this.scopes.receive(event);
  }

  private receivePresence(presence: PresenceSnapshot): void {
    this.documents.receivePresence(presence);
    this.scopes.receivePresence(presence);
  }

  private connected(): void {
    this.freedPlaceRetries = 0;
    this.setState("connected");
    this.scopes.rejoinAll();
    this.documents.reopenAll();
    void this.outbox.flush();
  }

  /** Starts the connection, retrying forever; a browser coming back online retries at once. */
  private async connectLoop(): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    try {
      for (let attempt = 0; this.running && this.connection.state === HubConnectionState.Disconnected; attempt++) {
        if (this.refused) await this.pause(this.freedPlaceRetries-- > 0 ? FREED_PLACE_RETRY_MS : REFUSED_RETRY_MS);
        if (!this.running) break;
        if (navigator.onLine) {
          this.refused = false;
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

  /** This tab lets its connection go (closed, reloaded, signed out): a refused tab of this browser may take the place. */
  private readonly leaving = (): void => {
    if (this.connection.state !== HubConnectionState.Disconnected && !this.refused) this.tabs?.postMessage("freed");
  };

  /** Another tab let its connection go; the server frees its place as soon as it sees that connection close. */
  private placeFreed(): void {
    if (this.state !== "refused") return;
    this.freedPlaceRetries = FREED_PLACE_RETRIES;
    setTimeout(() => this.wake?.(), FREED_PLACE_RETRY_MS);
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
}
