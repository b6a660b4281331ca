import type { TextOp } from "../types";

/** An operation as the server applied it: the `document.op` payload. */
export interface ServerOp {
  readonly revision: number;
  readonly op: TextOp;
  readonly clientOpId: string;
  readonly authorId: string;
}

/**
 * Server operations that arrived ahead of one still missing, by revision. Pushes and an open's answer may overlap,
 * repeat or (rarely) skip one; holding the early ones lets the client apply each exactly once, in order.
 */
export class EarlyArrivals {
  private readonly byRevision = new Map<number, ServerOp>();

  get any(): boolean {
    return this.byRevision.size > 0;
  }

  hold(op: ServerOp): void {
    this.byRevision.set(op.revision, op);
  }

  /** The held operation at `revision`, no longer held; undefined when it has not arrived. */
  take(revision: number): ServerOp | undefined {
    const op = this.byRevision.get(revision);
    if (op !== undefined) this.byRevision.delete(revision);
    return op;
  }

  /** Forgets those already in the text (a replay or a whole text covered them). */
  dropUpTo(revision: number): void {
    for (const key of [...this.byRevision.keys()]) if (key <= revision) this.byRevision.delete(key);
  }

  clear(): void {
    this.byRevision.clear();
  }
}

/** How many applied server operations are kept to move cursors that name an older revision. */
const RECENT_OPS = 512;

/** The last applied server operations, oldest first: a cursor shared at an older revision is moved over them. */
export class RecentOps {
  private readonly ops: ServerOp[] = [];

  add(op: ServerOp): void {
    this.ops.push(op);
    if (this.ops.length > RECENT_OPS) this.ops.splice(0, this.ops.length - RECENT_OPS);
  }

  /** The kept operations after `revision`, or null when the one right after it is no longer kept. */
  after(revision: number): ServerOp[] | null {
    const first = this.ops.findIndex((op) => op.revision === revision + 1);
    return first < 0 ? null : this.ops.slice(first);
  }

  clear(): void {
    this.ops.length = 0;
  }
}
