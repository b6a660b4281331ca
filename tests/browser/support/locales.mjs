// The workspace's English and French texts, read from its locale modules (src/locales/{en,fr}/*.ts), so a test
// can tell whether a French page still shows English: every English text whose French differs is a phrase
// that must not appear on a French page.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/Collab.Web/ClientApp/src/locales');

/** `{ "namespace:key.path": text }` of one language, from its modules' `key: "text",` lines. */
export async function readMessages(language) {
  const messages = {};
  const dir = path.join(localesDir, language);
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
    const namespace = file.replace(/\.ts$/, '');
    const stack = [];
    for (const line of (await readFile(path.join(dir, file), 'utf8')).split('\n')) {
      const open = /^\s*"?([\w.-]+)"?: \{$/.exec(line);
      if (open) { stack.push(open[1]); continue; }
      if (/^\s*\},?$/.test(line)) { stack.pop(); continue; }
      const entry = /^\s*"?([\w.-]+)"?: ("(?:[^"\\]|\\.)*"),?$/.exec(line);
      if (entry) messages[`${namespace}:${[...stack, entry[1]].join('.')}`] = JSON.parse(entry[2]);
    }
  }
  return messages;
}

/**
 * The English phrases a French page must not show: of each English text that French words differently, the
 * parts between placeholders that are long enough not to be a name or a word both languages share.
 */
export async function englishOnlyPhrases(minLength = 12) {
  const [en, fr] = await Promise.all([readMessages('en'), readMessages('fr')]);
  const phrases = new Set();
  for (const [key, english] of Object.entries(en)) {
    if (fr[key] === undefined || fr[key] === english) continue;
    for (const part of english.split(/\{\{\w+\}\}/)) {
      const phrase = part.trim();
      if (phrase.length >= minLength) phrases.add(phrase);
    }
  }
  return [...phrases];
}
