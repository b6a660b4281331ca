import { language, t } from "./i18n";
import { errors } from "./locales/en/errors";

// The server explains refusals in English. The sentences it is known to send are the English texts of
// `errors:known` (with {{placeholders}} where it puts an id or a number), so one table both recognises a
// sentence and translates it; no second list to keep in step with the server.

export type ErrorKind = "Invalid" | "NotFound" | "Forbidden" | "Conflict" | "LimitExceeded" | "Unavailable" | "Unknown";

const known: [pattern: RegExp, key: string][] = Object.entries(errors.known).map(([key, english]) => {
  const pattern = english
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      return name ? `(?<${name}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return [new RegExp(`^${pattern}$`), key];
});

/**
 * A server's refusal in the reader's language: a known sentence translated; otherwise, in English the server's
 * own words (more precise than any summary), in French what kind of refusal it was.
 */
export function translateServerError(kind: ErrorKind, detail: string): string {
  for (const [pattern, key] of known) {
    const match = pattern.exec(detail);
    if (match) return t(`errors:known.${key}`, { ...match.groups });
  }
  return language() === "en" && detail ? detail : t(`errors:kind.${kind}`);
}
