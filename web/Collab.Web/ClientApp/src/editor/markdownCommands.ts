import { EditorSelection, type ChangeSpec, type EditorState, type SelectionRange, type StateCommand } from "@codemirror/state";

// Markdown formatting as CodeMirror commands: each is one ordinary transaction of the member's own (an "input"
// user event, in the undo history), so the co-editor sends it to the others exactly as it sends typing.

const USER_EVENT = "input.format";

/** A block marker at the start of a line: "## " for a heading, "- " or "1. " for a list item. */
interface LineMarker {
  /** The markers this one replaces (a heading replaces another level; a list item, the other kind of list). */
  readonly family: RegExp;
  /** Whether the line already carries exactly this marker (then the command takes it away). */
  readonly own: RegExp;
  marker(index: number): string;
}

const HEADING: LineMarker = { family: /^#{1,6} /, own: /^## /, marker: () => "## " };
const BULLETS: LineMarker = { family: /^(?:[-*+]|\d+[.)]) /, own: /^[-*+] /, marker: () => "- " };
const NUMBERS: LineMarker = { family: /^(?:[-*+]|\d+[.)]) /, own: /^\d+[.)] /, marker: (index) => `${index + 1}. ` };

export const toggleHeading: StateCommand = (target) => toggleLineMarker(target, HEADING);
export const toggleBulletList: StateCommand = (target) => toggleLineMarker(target, BULLETS);
export const toggleNumberedList: StateCommand = (target) => toggleLineMarker(target, NUMBERS);
export const toggleBold: StateCommand = (target) => toggleInline(target, "**");
// "_" rather than "*": it never reads as half of a bold "**", and never emphasises inside snake_case words.
export const toggleItalic: StateCommand = (target) => toggleInline(target, "_");

/** Inline code; a selection over several lines becomes a fenced code block. */
export const toggleCode: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const multiline = state.selection.ranges.some((range) => state.doc.lineAt(range.from).number !== state.doc.lineAt(range.to).number);
  if (!multiline) return toggleInline({ state, dispatch }, "`");
  dispatch(state.update(state.changeByRange((range) => {
    const from = state.doc.lineAt(range.from).from;
    const to = state.doc.lineAt(range.to).to;
    const opening = "```\n";
    return {
      changes: [{ from, insert: opening }, { from: to, insert: "\n```" }],
      range: EditorSelection.range(from + opening.length, to + opening.length),
    };
  }), { scrollIntoView: true, userEvent: USER_EVENT }));
  return true;
};

/**
 * A link: the selected words become its text and the URL to type is selected; a selected URL becomes its
 * address and the caret waits in its text.
 */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  dispatch(state.update(state.changeByRange((range) => {
    const selected = state.sliceDoc(range.from, range.to);
    if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(selected)) {
      return { changes: { from: range.from, to: range.to, insert: `[](${selected})` }, range: EditorSelection.cursor(range.from + 1) };
    }
    const url = "https://";
    const start = range.from + selected.length + 3; // after "[", the text and "]("
    return {
      changes: { from: range.from, to: range.to, insert: `[${selected}](${url})` },
      range: selected.length === 0 ? EditorSelection.cursor(range.from + 1) : EditorSelection.range(start, start + url.length),
    };
  }), { scrollIntoView: true, userEvent: USER_EVENT }));
  return true;
};

/** Puts the marker on every line the selection touches (blank lines aside), or takes it off when all have it. */
function toggleLineMarker({ state, dispatch }: Parameters<StateCommand>[0], kind: LineMarker): boolean {
  if (state.readOnly) return false;
  const lines = selectedLines(state);
  const written = lines.filter((line) => line.text.trim().length > 0);
  const targets = written.length > 0 ? written : lines;
  const removing = targets.every((line) => kind.own.test(line.text));
  const changes: ChangeSpec[] = targets.map((line, index) => {
    const existing = (removing ? kind.own : kind.family).exec(line.text)?.[0] ?? "";
    return { from: line.from, to: line.from + existing.length, insert: removing ? "" : kind.marker(index) };
  });
  const changeSet = state.changes(changes);
  // A caret at the start of a line goes after the new marker, where the writing continues.
  const selection = EditorSelection.create(
    state.selection.ranges.map((range) => EditorSelection.range(changeSet.mapPos(range.anchor, 1), changeSet.mapPos(range.head, 1))),
    state.selection.mainIndex);
  dispatch(state.update({ changes: changeSet, selection, scrollIntoView: true, userEvent: USER_EVENT }));
  return true;
}

function selectedLines(state: EditorState) {
  const lines = new Map<number, ReturnType<EditorState["doc"]["line"]>>();
  for (const range of state.selection.ranges) {
    const last = state.doc.lineAt(range.to).number;
    for (let number = state.doc.lineAt(range.from).number; number <= last; number++) {
      // A selection that ends at the very start of a line does not take that line in.
      if (number > 1 && number === last && range.to === state.doc.line(number).from && !range.empty) continue;
      lines.set(number, state.doc.line(number));
    }
  }
  return [...lines.values()].sort((a, b) => a.number - b.number);
}

/** Wraps each selection in the marker, or unwraps it when the marker is already around (or inside) it. */
function toggleInline({ state, dispatch }: Parameters<StateCommand>[0], marker: string): boolean {
  if (state.readOnly) return false;
  const size = marker.length;
  dispatch(state.update(state.changeByRange((range: SelectionRange) => {
    const before = state.sliceDoc(Math.max(0, range.from - size), range.from);
    const after = state.sliceDoc(range.to, range.to + size);
    if (before === marker && after === marker) {
      return {
        changes: [{ from: range.from - size, to: range.from }, { from: range.to, to: range.to + size }],
        range: EditorSelection.range(range.from - size, range.to - size),
      };
    }
    const selected = state.sliceDoc(range.from, range.to);
    if (selected.length >= 2 * size && selected.startsWith(marker) && selected.endsWith(marker)) {
      return {
        changes: { from: range.from, to: range.to, insert: selected.slice(size, -size) },
        range: EditorSelection.range(range.from, range.to - 2 * size),
      };
    }
    return {
      changes: [{ from: range.from, insert: marker }, { from: range.to, insert: marker }],
      range: EditorSelection.range(range.from + size, range.to + size),
    };
  }), { scrollIntoView: true, userEvent: USER_EVENT }));
  return true;
}

/** The formatting the toolbar offers, in its order, with the keys that apply it from the text. */
export interface Formatting {
  /** Its name under "editor:toolbar". */
  readonly name: "heading" | "bold" | "italic" | "bulletList" | "numberedList" | "link" | "code";
  readonly command: StateCommand;
  /** A CodeMirror key name ("Mod-b"); none where no shortcut is natural. */
  readonly key?: string;
}

export const FORMATTING: readonly Formatting[] = [
  { name: "heading", command: toggleHeading },
  { name: "bold", command: toggleBold, key: "Mod-b" },
  { name: "italic", command: toggleItalic, key: "Mod-i" },
  { name: "link", command: insertLink, key: "Mod-k" },
  { name: "code", command: toggleCode, key: "Mod-e" },
  // The list shortcuts of the common word processors.
  { name: "bulletList", command: toggleBulletList, key: "Mod-Shift-8" },
  { name: "numberedList", command: toggleNumberedList, key: "Mod-Shift-7" },
];
