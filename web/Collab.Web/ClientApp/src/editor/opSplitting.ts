import { type } from "ot-text-unicode";
import type { TextOp } from "../types";
import { copy } from "./opCopy";
import { codePointLength } from "./positions";

/**
 * The largest operation sent at once, in bytes of its JSON: the hub closes a connection whose message is larger
 * than Collab:Connections:MaxHubMessageBytes (64 KiB or more), so a big paste, or a long offline session, goes
 * out as several operations.
 */
export const MAX_OP_BYTES = 32 * 1024;

/**
 * Splits an operation into two that do the same one after the other (apply(apply(doc, head), rest) equals
 * apply(doc, op)), the head at most about `maxBytes` of JSON; rest is null when the whole operation fits. A long
 * insert is cut between code points.
 */
export function splitOp(op: TextOp, maxBytes: number): [TextOp, TextOp | null] {
  let budget = maxBytes - 2;
  let produced = 0; // code points of the text the head's components produce (retained and inserted)
  for (let i = 0; i < op.length; i++) {
    const c = op[i]!;
    if (typeof c === "string") {
      const fits = jsonPrefix(c, budget - 3);
      if (fits === c.length) {
        budget -= jsonBytes(c) + 3;
        produced += codePointLength(c);
        continue;
      }
      if (i === 0 && fits === 0) return [op, null]; // cannot make progress (a budget too small to mean anything)
      const part = c.slice(0, fits);
      const head = type.normalize([...copy(op.slice(0, i)), ...(part ? [part] : [])]);
      if (head.length === 0) return [op, null];
      return [head, type.normalize([produced + codePointLength(part), c.slice(fits), ...copy(op.slice(i + 1))])];
    }
    const cost = typeof c === "number" ? 12 : typeof c.d === "number" ? 18 : jsonBytes(c.d) + 10;
    if (cost > budget && i > 0) {
      const head = type.normalize(copy(op.slice(0, i)));
      if (head.length > 0) return [head, type.normalize([produced, ...copy(op.slice(i))])];
    }
    budget -= cost;
    if (typeof c === "number") produced += c;
  }
  return [op, null];
}

/** Bytes of a string inside JSON (UTF-8, with escapes), without its quotes. */
function jsonBytes(text: string): number {
  return jsonSize(text, text.length, Infinity).bytes;
}

/** How many UTF-16 units of `text` fit in `budget` bytes of JSON, never cutting a surrogate pair. */
function jsonPrefix(text: string, budget: number): number {
  return jsonSize(text, text.length, budget).units;
}

function jsonSize(text: string, limit: number, budget: number): { units: number; bytes: number } {
  let bytes = 0;
  let i = 0;
  while (i < limit) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const cost = pair ? 4 : code < 0x20 ? 6 : code === 0x22 || code === 0x5c ? 2 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (bytes + cost > budget) break;
    bytes += cost;
    i += pair ? 2 : 1;
  }
  return { units: i, bytes };
}
