import type { ChangeSet, ChangeSpec, Text } from "@codemirror/state";
import { type } from "ot-text-unicode";
import type { TextOp } from "../types";
import { deleteLength } from "./positions";

// CodeMirror counts UTF-16 units; the wire (and ot-text-unicode) counts code points. These convert between the
// two over a CodeMirror document. Lines are joined with "\n" only (the editor's lineSeparator), so the
// document's text is exactly the server's, "\r" included.

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;
const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Code points between two UTF-16 offsets of the document. */
export function codePointsBetween(doc: Text, from: number, to: number): number {
  let count = 0;
  for (const iter = doc.iterRange(from, to); !iter.next().done;) {
    const chunk = iter.value;
    for (let i = 0; i < chunk.length; i++) {
      if (isSurrogate(chunk.charCodeAt(i))) i++;
      count++;
    }
  }
  return count;
}

/** The code point offset of a UTF-16 offset. */
export function toCodePoints(doc: Text, offset: number): number {
  return codePointsBetween(doc, 0, offset);
}

/** Walks a document forward by code points, answering UTF-16 offsets. */
export class CodePointWalker {
  private readonly iter;
  private chunk = "";
  private index = 0;
  /** The UTF-16 offset reached. */
  offset = 0;

  constructor(doc: Text) {
    this.iter = doc.iter();
  }

  /** Moves `count` code points on (never past the end); returns the UTF-16 offset reached. */
  advance(count: number): number {
    while (count > 0) {
      if (this.index >= this.chunk.length) {
        if (this.iter.next().done) break;
        this.chunk = this.iter.value;
        this.index = 0;
        continue;
      }
      const width = isSurrogate(this.chunk.charCodeAt(this.index)) && this.index + 1 < this.chunk.length ? 2 : 1;
      this.index += width;
      this.offset += width;
      count--;
    }
    return this.offset;
  }
}

/** The UTF-16 offset of a code point offset (clamped to the document). */
export function toUtf16(doc: Text, codePoints: number): number {
  return new CodePointWalker(doc).advance(codePoints);
}

/**
 * A CodeMirror change set as an ot-text-unicode operation on the document before it. A change that would cut a
 * surrogate pair in two is widened to the whole pair, so positions always fall between code points.
 */
export function changesToOp(changes: ChangeSet, before: Text): TextOp {
  const op: TextOp = [];
  let at = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    let from = fromA;
    let to = toA;
    let text = inserted.toString();
    if (splitsPair(before, from)) {
      from--;
      text = before.sliceString(from, from + 1) + text;
    }
    if (splitsPair(before, to)) {
      text += before.sliceString(to, to + 1);
      to++;
    }
    from = Math.max(from, at);
    if (from > at) op.push(codePointsBetween(before, at, from));
    if (to > from) op.push({ d: codePointsBetween(before, from, to) });
    if (text.length > 0) op.push(text);
    at = Math.max(at, to);
  });
  return type.normalize(op);
}

/** An ot-text-unicode operation as CodeMirror changes on `doc` (positions in the document before the changes). */
export function opToChanges(op: TextOp, doc: Text): ChangeSpec[] {
  const walker = new CodePointWalker(doc);
  const changes: ChangeSpec[] = [];
  for (const c of op) {
    if (typeof c === "number") {
      walker.advance(c);
    } else if (typeof c === "string") {
      changes.push({ from: walker.offset, insert: c });
    } else {
      const from = walker.offset;
      changes.push({ from, to: walker.advance(deleteLength(c.d)) });
    }
  }
  return changes;
}

function splitsPair(doc: Text, offset: number): boolean {
  if (offset <= 0 || offset >= doc.length) return false;
  const around = doc.sliceString(offset - 1, offset + 1);
  return around.length === 2 && isHigh(around.charCodeAt(0)) && isLow(around.charCodeAt(1));
}
