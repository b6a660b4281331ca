import type { TextOp } from "../types";

/** ot-text-unicode mutates components while merging: every call gets its own copy. */
export function copy(op: TextOp): TextOp {
  return op.map((c) => (typeof c === "object" ? { d: c.d } : c));
}
