import { type } from "ot-text-unicode";
import type { TextOp } from "../types";
import { copy } from "./opCopy";
import { MAX_OP_BYTES, splitOp } from "./opSplitting";
import { EarlyArrivals, RecentOps, type ServerOp } from "./serverOps";

// The client half of client/server OT (the ot.js model, over ot-text-unicode operations in code points), with
// no DOM and no network: the editor feeds it local edits and the server's operations; it says what to send and
// what to apply.
//
// - One operation is in flight at a time (awaitingConfirm); edits made meanwhile are composed into a buffer
//   (awaitingWithBuffer) and sent once the in-flight one is acknowledged.
// - A server operation is transformed over the in-flight one and the buffer before it is applied locally. The
//   server transforms a client's late operation as the left side, so here the local ones are the left side
//   and the received one the right: both ends order concurrent inserts at one position the same way.
// - The server's operations are applied strictly in revision order, each once. The sender's own operation comes
//   back twice (the acknowledgement and its event, same clientOpId); whichever arrives first counts, in revision
//   order, and the other is skipped by its revision.
// - The in-flight operation keeps the exact form it was first sent in (base revision, op, clientOpId), so after
//   a lost connection it is sent again unchanged: the server either applies it (transforming it from that base)
//   or, having applied it already, answers its first acknowledgement again.

export type OtState = "synchronized" | "awaitingConfirm" | "awaitingWithBuffer";

/** The in-flight operation as it goes over the wire, identical on every retry. */
export interface Submission {
  readonly baseRevision: number;
  readonly op: TextOp;
  readonly clientOpId: string;
}

export interface OtClientHost {
  /** Applies a server operation to the local text; `op` is already transformed over the pending local edits. */
  applyRemote(op: TextOp, source: ServerOp): void;
  /** Replaces the local text (the server sent the whole text); pending local edits are gone. */
  resetText(text: string, revision: number): void;
  /** Adds the server's text after the local one: edits made on the empty document stay pending in front of it. */
  appendText(text: string, revision: number): void;
  /**
   * The in-flight operation turned out to be in the server's text already, after this client had applied the
   * text as well: the local text no longer follows the server's (see {@link OtClient.reset}).
   */
  diverged(): void;
  /** The server's revision advanced (`op` as the server applied it, whoever wrote it). */
  advanced(source: ServerOp): void;
}

interface Inflight {
  /** Transformed over every server operation applied since it was made: what it is against `revision`. */
  op: TextOp;
  readonly clientOpId: string;
  /** Frozen when first handed out for sending; null until then (edits may still be composed into it). */
  submission: Submission | null;
}

export interface OtClientOptions {
  /** The member this client edits as (the author of its own operations). */
  readonly authorId: string;
  /** A new client operation id (unique per operation). */
  newId(): string;
  /** See {@link MAX_OP_BYTES}. */
  readonly maxOpBytes?: number;
}

export class OtClient {
  private rev: number;
  private inflight: Inflight | null = null;
  private buffer: TextOp | null = null;
  private readonly early = new EarlyArrivals();
  /** The acknowledgement of the in-flight operation, when it arrived before the server operations preceding it. */
  private heldAck: number | null = null;
  private readonly recent = new RecentOps();

  private readonly authorId: string;
  private readonly newId: () => string;
  private readonly maxOpBytes: number;

  constructor(private readonly host: OtClientHost, options: OtClientOptions) {
    this.rev = 0;
    this.authorId = options.authorId;
    this.newId = () => options.newId();
    this.maxOpBytes = options.maxOpBytes ?? MAX_OP_BYTES;
  }

  /** The last server revision applied locally. */
  get revision(): number {
    return this.rev;
  }

  get state(): OtState {
    return this.inflight === null ? "synchronized" : this.buffer === null ? "awaitingConfirm" : "awaitingWithBuffer";
  }

  get hasPending(): boolean {
    return this.inflight !== null;
  }

  /** There is an operation to send (or send again): in flight and not yet known to be applied. */
  get readyToSend(): boolean {
    return this.inflight !== null && this.heldAck === null;
  }

  /** Server operations that arrived after a missing one, or an acknowledgement ahead of the server operations before it. */
  get hasGap(): boolean {
    return this.early.any || this.heldAck !== null;
  }

  /** The pending local edits, in order, against the current revision (to move server positions into the local text). */
  pendingOps(): TextOp[] {
    const ops: TextOp[] = [];
    if (this.inflight) ops.push(this.inflight.op);
    if (this.buffer) ops.push(this.buffer);
    return ops;
  }

  /** A local edit (code points, against the local text). */
  local(op: TextOp): void {
    const edit = type.normalize(copy(op));
    if (edit.length === 0) return;
    if (this.inflight === null) {
      this.inflight = { op: edit, clientOpId: this.newId(), submission: null };
    } else if (this.inflight.submission === null) {
      this.inflight.op = type.compose(copy(this.inflight.op), edit);
    } else {
      this.buffer = this.buffer === null ? edit : type.compose(copy(this.buffer), edit);
    }
  }

  /** The operation to send now, frozen: the same on every call until it is acknowledged. Null when synchronized. */
  submission(): Submission | null {
    if (this.inflight === null || this.heldAck !== null) return null;
    if (this.inflight.submission === null) {
      // Too large for one message: send the first part now; the rest waits in the buffer (empty until now).
      const [head, rest] = splitOp(this.inflight.op, this.maxOpBytes);
      if (rest !== null) {
        this.inflight.op = head;
        this.buffer = rest;
      }
      this.inflight.submission = { baseRevision: this.rev, op: copy(this.inflight.op), clientOpId: this.inflight.clientOpId };
    }
    return this.inflight.submission;
  }

  /** A server operation (a pushed event or one of an open's answer), in any order, possibly repeated. */
  receive(op: ServerOp): void {
    if (op.revision <= this.rev) return;
    if (op.revision > this.rev + 1) {
      this.early.hold(op);
      return;
    }
    this.apply(op);
    this.drain();
  }

  /** SubmitOperation's answer for the in-flight operation. */
  acknowledged(revision: number, clientOpId: string): void {
    if (this.inflight === null || this.inflight.clientOpId !== clientOpId) return; // its event came first
    if (revision <= this.rev) {
      this.host.diverged(); // it was in the text already: cannot happen when hosts follow placementUnknown
      return;
    }
    if (revision === this.rev + 1) {
      this.confirm(revision);
      this.drain();
    } else {
      this.heldAck = revision; // the server operations before it are still on their way
    }
  }

  /**
   * The whole text at a revision (a first open, or too far behind to replay). Pending local edits cannot be
   * transformed without the operations in between, so they are dropped; returns them (null when there were none).
   *
   * Except edits made on the empty document, at revision 0 (which the server always answers with the text): on
   * an empty text every operation is an insert at 0, and an insert at 0 stays at 0 when transformed as the left
   * side over anything, so they stay pending, unchanged, in front of the server's text. That holds while the
   * server has not applied the in-flight one: when it was sent but is not acknowledged yet, the host first learns
   * where it went (see {@link placementUnknown}) and calls this or {@link rebaseOnto}.
   */
  reset(text: string, revision: number): TextOp | null {
    if (this.rev === 0 && this.inflight !== null && (this.inflight.submission === null || (this.heldAck !== null && this.heldAck > revision))) {
      this.rev = revision;
      this.recent.clear();
      this.early.dropUpTo(revision);
      this.host.appendText(text, revision);
      this.drain();
      return null;
    }
    const dropped = this.pendingEdit();
    this.rev = revision;
    this.inflight = null;
    this.buffer = null;
    this.heldAck = null;
    this.recent.clear();
    this.early.dropUpTo(revision);
    this.host.resetText(text, revision);
    this.drain();
    return dropped;
  }

  /**
   * Edits were made on the empty document and the in-flight one was sent, but it is unknown whether the server
   * applied it: a text answer cannot be used until its acknowledgement says where it went.
   */
  get placementUnknown(): boolean {
    return this.rev === 0 && this.inflight !== null && this.inflight.submission !== null && this.heldAck === null;
  }

  /** The revision the in-flight operation was acknowledged as, while the server operations before it are awaited. */
  get acknowledgedAs(): number | null {
    return this.heldAck;
  }

  /**
   * Edits made on the empty document whose in-flight operation the server applied as `revision` (the acknowledgement
   * is held): `text` is the server's text at that revision, which begins with what the in-flight operation inserted,
   * and the buffered edits (made on that alone) continue on it as the next operation.
   */
  rebaseOnto(text: string, revision: number): void {
    if (this.rev !== 0 || this.inflight === null || this.heldAck !== revision) throw new Error("Nothing to rebase.");
    const buffered = this.buffer;
    this.rev = revision;
    this.inflight = buffered === null ? null : { op: buffered, clientOpId: this.newId(), submission: null };
    this.buffer = null;
    this.heldAck = null;
    this.recent.clear();
    this.early.dropUpTo(revision);
    this.host.resetText(buffered === null ? text : type.apply(text, copy(buffered)), revision);
    this.drain();
  }

  /**
   * The server refused the in-flight operation, so the local text no longer follows the server's: forget every
   * pending edit and start over from the text (open again at revision 0). Returns what was dropped.
   */
  forget(): TextOp | null {
    const dropped = this.pendingEdit();
    this.rev = 0;
    this.inflight = null;
    this.buffer = null;
    this.heldAck = null;
    this.recent.clear();
    this.early.clear();
    return dropped;
  }

  /** The server operations after `revision` up to the current one, or null when they are no longer kept. */
  opsSince(revision: number): ServerOp[] | null {
    if (revision >= this.rev) return [];
    return this.recent.after(revision);
  }

  private apply(op: ServerOp): void {
    if (this.inflight !== null && this.inflight.clientOpId === op.clientOpId) {
      this.confirm(op.revision); // our own operation's event, ahead of its acknowledgement
      return;
    }
    let incoming = copy(op.op);
    if (this.inflight !== null) {
      const pending = this.inflight.op;
      this.inflight.op = type.transform(copy(pending), copy(incoming), "left");
      incoming = type.transform(incoming, copy(pending), "right");
    }
    if (this.buffer !== null) {
      const buffered = this.buffer;
      this.buffer = type.transform(copy(buffered), copy(incoming), "left");
      incoming = type.transform(incoming, copy(buffered), "right");
    }
    this.rev = op.revision;
    this.recent.add(op);
    this.host.applyRemote(incoming, op);
    this.host.advanced(op);
  }

  private confirm(revision: number): void {
    const inflight = this.inflight!;
    this.rev = revision;
    this.heldAck = null;
    const applied: ServerOp = { revision, op: inflight.op, clientOpId: inflight.clientOpId, authorId: this.authorId };
    this.recent.add(applied);
    this.inflight = this.buffer === null ? null : { op: this.buffer, clientOpId: this.newId(), submission: null };
    this.buffer = null;
    this.host.advanced(applied);
  }

  /** Applies whatever became contiguous: held server operations and a held acknowledgement. */
  private drain(): void {
    for (;;) {
      this.early.dropUpTo(this.rev);
      if (this.heldAck !== null && this.heldAck <= this.rev) this.heldAck = null;
      if (this.heldAck !== null && this.heldAck === this.rev + 1 && this.inflight !== null) {
        this.confirm(this.heldAck);
        continue;
      }
      const next = this.early.take(this.rev + 1);
      if (next === undefined) return;
      this.apply(next);
    }
  }

  /** Every pending local edit as one operation (null when synchronized). */
  private pendingEdit(): TextOp | null {
    if (this.inflight === null) return null;
    return this.buffer === null ? this.inflight.op : type.compose(copy(this.inflight.op), copy(this.buffer));
  }
}

