import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorSelection, EditorState, Prec, Transaction, type StateCommand } from "@codemirror/state";
import {
  drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, placeholder, type ViewUpdate,
} from "@codemirror/view";
import { t } from "../i18n";
import type { TextOp } from "../types";
import { opToChanges, toCodePoints, toUtf16 } from "./codePoints";
import { FORMATTING } from "./markdownCommands";
import { transformPosition } from "./positions";
import { remoteCursors, setRemoteCursors, type PlacedCursor } from "./remoteCursors";

// The CodeMirror 6 side of the co-editor: its extensions (Markdown, with its formatting keys), and the changes that
// come from the server rather than the keyboard. Those are marked remote and kept out of the undo history, so undo
// only ever takes back this member's own edits.

export class DocumentView {
  private readonly view: EditorView;
  private readonly editable = new Compartment();
  private readonly undo = new Compartment();

  constructor(updated: (update: ViewUpdate) => void) {
    this.view = new EditorView({
      state: EditorState.create({
        doc: "",
        extensions: [
          // Only "\n" breaks lines, so the editor's text is exactly the server's ("\r" included).
          EditorState.lineSeparator.of("\n"),
          this.undo.of(history()),
          this.editable.of(readOnly(true)),
          highlightSpecialChars(),
          drawSelection(),
          highlightActiveLine(),
          EditorView.lineWrapping,
          // GitHub-flavoured, as the preview renders it; Enter continues a list, Backspace takes its marker off.
          markdown({ base: markdownLanguage }),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          placeholder(t("editor:placeholder")),
          // Before the default keys: Mod-i formats rather than selecting the enclosing syntax.
          Prec.high(keymap.of(FORMATTING.flatMap((format) => format.key === undefined ? [] : [{ key: format.key, run: format.command }]))),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          remoteCursors(),
          EditorView.contentAttributes.of({ "aria-label": t("editor:documentLabel"), spellcheck: "true" }),
          EditorView.updateListener.of(updated),
        ],
      }),
    });
  }

  get dom(): HTMLElement {
    return this.view.dom;
  }

  get state(): EditorState {
    return this.view.state;
  }

  focus(): void {
    this.view.focus();
  }

  /** Applies a command as the member's own edit (a toolbar button), then goes back to writing. */
  run(command: StateCommand): void {
    command(this.view);
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }

  /** Applies a server operation (transformed over the pending edits); the selection moves as transformPosition says. */
  applyRemote(op: TextOp): void {
    const state = this.view.state;
    const changes = state.changes(opToChanges(op, state.doc));
    const after = changes.apply(state.doc);
    const move = (offset: number): number => toUtf16(after, transformPosition(toCodePoints(state.doc, offset), op));
    const selection = EditorSelection.create(
      state.selection.ranges.map((range) => EditorSelection.range(move(range.anchor), move(range.head))),
      state.selection.mainIndex);
    this.view.dispatch({
      changes, selection,
      annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
  }

  resetText(text: string): void {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      selection: EditorSelection.cursor(0),
      effects: setRemoteCursors.of([]),
      annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
    // Undoing past a whole new text would undo other people's work: start the history afresh.
    this.view.dispatch({ effects: this.undo.reconfigure([]) });
    this.view.dispatch({ effects: this.undo.reconfigure(history()) });
  }

  appendText(text: string): void {
    if (text.length === 0) return;
    this.view.dispatch({
      changes: { from: this.view.state.doc.length, insert: text },
      annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
  }

  setReadOnly(on: boolean): void {
    this.view.dispatch({ effects: this.editable.reconfigure(readOnly(on)) });
    this.view.dom.classList.toggle("doc-editor--readonly", on);
  }

  /** Shows other people's cursors, placed in code points of the local text. */
  showCursors(placed: readonly PlacedCursor[]): void {
    const doc = this.view.state.doc;
    this.view.dispatch({
      effects: setRemoteCursors.of(placed.map((cursor) => ({
        connectionId: cursor.connectionId, memberId: cursor.memberId, displayName: cursor.displayName,
        anchor: toUtf16(doc, cursor.anchor), head: toUtf16(doc, cursor.focus),
      }))),
    });
  }
}

function readOnly(on: boolean) {
  return [EditorState.readOnly.of(on), EditorView.editable.of(!on)];
}
