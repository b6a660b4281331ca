import { diffLines, diffWordsWithSpace, type Change } from "diff";
import { h } from "../dom";
import { formatNumber, t } from "../i18n";

// What a revision changed, as the text before and after it compared word by word (jsdiff): inserted text in
// <ins>, deleted text in <del>, each announced to screen readers in words and marked by more than colour
// (underlined, struck through). Long unchanged stretches fold down to a few lines around each change.

/** Unchanged lines kept on each side of a change. */
const CONTEXT_LINES = 2;
/** A comparison that takes longer than this (a whole text replaced) gives way to a coarser one. */
const DIFF_BUDGET_MS = 400;

/** The changes from `before` to `after`: by words, by lines when that is too costly, or as one replacement. */
export function textChanges(before: string, after: string): Change[] {
  return diffWordsWithSpace(before, after, { timeout: DIFF_BUDGET_MS })
    ?? diffLines(before, after, { timeout: DIFF_BUDGET_MS })
    ?? [
      { value: before, added: false, removed: true, count: 1 },
      { value: after, added: true, removed: false, count: 1 },
    ].filter((change) => change.value.length > 0);
}

/** The changes as DOM; empty when nothing changed. */
export function renderChanges(changes: readonly Change[]): (Node | string)[] {
  if (!changes.some((change) => change.added || change.removed)) return [];
  return changes.flatMap((change, index) => {
    if (change.added) return [marked("ins", change.value, "insertedStart", "insertedEnd")];
    if (change.removed) return [marked("del", change.value, "deletedStart", "deletedEnd")];
    return unchanged(change.value, index === 0, index === changes.length - 1);
  });
}

function marked(tag: "ins" | "del", value: string, start: string, end: string): HTMLElement {
  return h(tag, { class: `diff__${tag}` },
    h("span", { class: "visually-hidden" }, t(`history:preview.${start}`)),
    ...visibleBreaks(value),
    h("span", { class: "visually-hidden" }, t(`history:preview.${end}`)));
}

/** An inserted or deleted line break shows as "↵", or it could not be seen at all. */
function visibleBreaks(value: string): (Node | string)[] {
  return value.split("\n").flatMap((part, index) =>
    index === 0 ? [part] : [h("span", { class: "diff__break", "aria-hidden": "true" }, "↵"), `\n${part}`]);
}

/**
 * Unchanged text, folded: before the first change only its last lines, after the last change only its first
 * ones, and between two changes both ends. A partial line next to a change always stays whole.
 */
function unchanged(value: string, first: boolean, last: boolean): (Node | string)[] {
  const lines = value.split("\n");
  const head = last || !first ? CONTEXT_LINES + 1 : 0;
  const tail = first || !last ? CONTEXT_LINES + 1 : 0;
  const folded = lines.length - head - tail;
  if (first && last) return [value];
  if (folded < 2) return [value];
  return [
    ...(head > 0 ? [lines.slice(0, head).join("\n")] : []),
    h("span", { class: "diff__fold" }, t("history:preview.unchangedLines", { count: folded, formatted: formatNumber(folded) })),
    ...(tail > 0 ? [lines.slice(-tail).join("\n")] : []),
  ];
}
