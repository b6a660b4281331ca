import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import type { ActivitySnapshot, JoinResult, LiveEvent, PresenceActivity, PresenceSnapshot, ThreadActivity } from "../types";
import { asCommandError, type CommandError } from "./commandErrors";

// Per joined scope, the last seq applied is kept, so that after any interruption (a reconnect, a gap in the
// pushes) the scope is joined again with that seq and the server answers exactly what was missed: pages never
// reload to be correct.

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
  /** A dashboard's figures now (dashboard scopes only): each one replaces the last, nothing to order or replay. */
  activity?(activity: ActivitySnapshot): void;
  /** A circle's thread has a new comment count and last activity (circle scopes only); each replaces the last. */
  threadActivity?(activity: ThreadActivity): void;
  /** The join was refused (no access, unknown id). */
  refused?(error: CommandError): void;
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

export class ScopeSubscriptions {
  private readonly scopes = new Map<string, ScopeState>();
  private joinGeneration = 0;

  constructor(private readonly connection: HubConnection) {}

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

  /** Presence is about now: an activity is sent when connected and joined, never queued. */
  setActivity(scope: string, activity: PresenceActivity): void {
    const joined = this.scopes.get(scope);
    if (!joined || joined.joining || this.connection.state !== HubConnectionState.Connected) return;
    this.connection.invoke("SetActivity", scope, activity)
      .catch((error: unknown) => console.warn(`Setting ${activity} in ${scope} failed`, error));
  }

  /** A new connection: every scope is joined again from its last seq. */
  rejoinAll(): void {
    for (const state of this.scopes.values()) void this.join(state);
  }

  /**
   * The server put this connection out of a scope after a change of membership. Joining again lets the server
   * say why (the page shows its refusal), or lets the member back in if the change left them their access.
   */
  revoked(scope: string): void {
    const state = this.scopes.get(scope);
    if (state) void this.join(state);
  }

  receive(event: LiveEvent): void {
    const state = this.scopes.get(event.scope);
    if (state) this.deliver(state, event);
  }

  receivePresence(presence: PresenceSnapshot): void {
    const state = this.scopes.get(presence.scope);
    if (!state) return;
    if (state.joining) state.presenceSinceJoin = true;
    state.listener.presence?.(presence);
  }

  receiveActivity(activity: ActivitySnapshot): void {
    this.scopes.get(activity.scope)?.listener.activity?.(activity);
  }

  receiveThreadActivity(activity: ThreadActivity): void {
    this.scopes.get(activity.scope)?.listener.threadActivity?.(activity);
  }

  clear(): void {
    this.scopes.clear();
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
}
