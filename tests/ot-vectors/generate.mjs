// Prints cross-check vectors for the C# OT engine, computed by the browser's own library (ot-text-unicode).
// Usage: node generate.mjs <seed> <count>   (same seed, same vectors)
// Each vector: a random document (with non-BMP characters and combining marks), two concurrent operations
// a and b on it, an operation c on apply(doc, a), and the library's results for apply, transform (both
// orders, both sides), compose(a, c) and transformPosition.
import textUnicode from 'ot-text-unicode';

const { type } = textUnicode;
const [seedArg, countArg] = process.argv.slice(2);
const seed = Number.parseInt(seedArg ?? '', 10);
const count = Number.parseInt(countArg ?? '', 10);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0) {
  console.error('usage: node generate.mjs <seed> <count>');
  process.exit(2);
}

// mulberry32: a tiny seeded generator, so a failing seed reproduces exactly.
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const randomInt = n => Math.floor(random() * n); // 0 .. n-1

// Code points, not UTF-16 units: emoji and musical symbols are surrogate pairs, U+0301 is a combining mark.
const alphabet = ['a', 'b', 'c', 'x', ' ', '\n', 'é', 'e', '\u0301', '中', '😀', '𝄞', '👍', '\u{1F3FD}', '🤖'];
const randomText = length => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const codePoints = s => Array.from(s);

function randomOp(doc) {
  const chars = codePoints(doc);
  const raw = [];
  let at = 0;
  const insert = () => raw.push(randomText(1 + randomInt(4)));
  while (at < chars.length && randomInt(8) !== 0) {
    const skip = randomInt(Math.min(chars.length - at, 6));
    if (skip > 0) raw.push(skip);
    at += skip;
    if (at < chars.length && randomInt(2) === 0) {
      const length = 1 + randomInt(Math.min(chars.length - at, 8));
      // Deletes sometimes carry their text, which the library keeps through transform and compose.
      raw.push({ d: randomInt(3) === 0 ? chars.slice(at, at + length).join('') : length });
      at += length;
    } else {
      insert();
    }
  }
  if (randomInt(4) === 0) {
    if (chars.length > at) raw.push(chars.length - at);
    insert();
  }
  return type.normalize(raw);
}

// The library mutates components while merging, so every call gets its own copy.
const copy = value => JSON.parse(JSON.stringify(value));

const vectors = [];
for (let i = 0; i < count; i++) {
  const doc = randomText(randomInt(i % 10 === 0 ? 120 : 24));
  const a = randomOp(doc);
  const b = randomOp(doc);
  const applyA = type.apply(doc, copy(a));
  const c = randomOp(applyA);
  const positions = Array.from({ length: 3 }, () => randomInt(codePoints(doc).length + 1));
  vectors.push({
    doc, a, b, c,
    applyA,
    applyB: type.apply(doc, copy(b)),
    aAfterBLeft: type.transform(copy(a), copy(b), 'left'),
    aAfterBRight: type.transform(copy(a), copy(b), 'right'),
    bAfterALeft: type.transform(copy(b), copy(a), 'left'),
    bAfterARight: type.transform(copy(b), copy(a), 'right'),
    composeAC: type.compose(copy(a), copy(c)),
    applyAC: type.apply(applyA, copy(c)),
    positions: positions.map(p => [p, type.transformPosition(p, copy(a))]),
  });
}

process.stdout.write(JSON.stringify({ library: 'ot-text-unicode@4.0.0', seed, count, vectors }));
