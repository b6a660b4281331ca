import { type } from "ot-text-unicode";
import type { TextOp } from "../types";

// Cursors are kept in code points, as the wire and ot-text-unicode count them, so a position means the same on
// every client whatever its UTF-16 layout; these move one over an operation, either way.

/** Code points of a delete component's length (a count, or the deleted text itself). */
export function deleteLength(d: number | string): number {
  return typeof d === "number" ? d : codePointLength(d);
}

/** Code points in a string, counted as ot-text-unicode counts them (a surrogate takes its pair along). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) i++;
    count++;
  }
  return count;
}

/** ot-text-unicode's transformPosition: where a position (code points) is after `op`; an insert at it stays after it. */
export function transformPosition(position: number, op: TextOp): number {
  return type.transformPosition(position, op);
}

/**
 * Like transformPosition, but an insert exactly at the position moves it along: for the cursor of whoever wrote
 * `op`, who was typing there.
 */
export function transformOwnPosition(position: number, op: TextOp): number {
  let at = 0;
  for (const c of op) {
    if (at > position) break;
    if (typeof c === "number") at += c;
    else if (typeof c === "string") {
      const length = codePointLength(c);
      at += length;
      position += length;
    } else {
      position -= Math.min(deleteLength(c.d), position - at);
    }
  }
  return position;
}

/**
 * The inverse direction: where a position in the text after `op` was before it. A position inside text that `op`
 * inserted goes to where the insert was made.
 */
export function untransformPosition(position: number, op: TextOp): number {
  let before = 0;
  let after = 0;
  for (const c of op) {
    if (typeof c === "number") {
      if (position <= after + c) return before + (position - after);
      before += c;
      after += c;
    } else if (typeof c === "string") {
      const length = codePointLength(c);
      if (position <= after + length) return before;
      after += length;
    } else {
      before += deleteLength(c.d);
    }
  }
  return before + (position - after);
}
