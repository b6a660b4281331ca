// The baselines of the OT scenario: the same editing trace through Yjs (a CRDT a user might pick instead of
// Collab's OT engine) and through plain string splicing, in this Node process. Prints one JSON line per
// baseline: {"name", "edits", "ms", "editsPerSecond", "ok"} where ok says the end text equals endContent.
// With --edits N only the first N edits run (the quick size); ok then says the two baselines agree.
// Usage: node ot-baselines.mjs TRACE.json.gz [--edits N] [--repeat N]
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as Y from "yjs";

const [path, ...rest] = process.argv.slice(2);
const repeatAt = rest.indexOf("--repeat");
const repeat = repeatAt >= 0 ? Number(rest[repeatAt + 1]) : 1;
const editsAt = rest.indexOf("--edits");
const raw = readFileSync(path);
const trace = JSON.parse((path.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8"));
const allPatches = trace.txns.flatMap((t) => t.patches);
const patches = editsAt >= 0 ? allPatches.slice(0, Number(rest[editsAt + 1])) : allPatches;
const whole = patches.length === allPatches.length;
const start = trace.startContent ?? "";

// Trace positions count code points; both baselines work on arrays of code points or on text whose
// characters are all in the BMP (true of automerge-paper), where UTF-16 indexes are the same.
const bmpOnly = ![...trace.endContent].some((c) => c.codePointAt(0) > 0xffff);

function best(run) {
  let fastest = Infinity, result;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    result = run();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    fastest = Math.min(fastest, ms);
  }
  return { ms: fastest, text: result };
}

function splice() {
  if (bmpOnly) {
    let text = start;
    for (const [pos, del, ins] of patches) text = text.slice(0, pos) + ins + text.slice(pos + del);
    return text;
  }
  const chars = [...start];
  for (const [pos, del, ins] of patches) chars.splice(pos, del, ...ins);
  return chars.join("");
}

function yjs() {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  if (start) text.insert(0, start);
  for (const [pos, del, ins] of patches) {
    if (del > 0) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  }
  return text.toString();
}

let expected = whole ? trace.endContent : null;
for (const [name, run] of [["node-splice", splice], ["yjs", yjs]]) {
  const { ms, text } = best(run);
  expected ??= text;
  console.log(JSON.stringify({ name, edits: patches.length, ms, editsPerSecond: patches.length / (ms / 1000), ok: text === expected, endLength: [...text].length }));
}
