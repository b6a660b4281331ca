import { StateEffect, StateField, type Extension, type Range } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";
import { colourIndex } from "../dom";
import type { CursorUpdate, TextOp } from "../types";
import { transformOwnPosition, transformPosition } from "./positions";
import type { ServerOp } from "./serverOps";

// Other people's cursors and selections in the document: presence, not history. Each is kept in server
// coordinates (code points of the text at a revision) and moved over every server operation as the server
// moves it; the editor shows it moved once more over this client's pending edits.

interface RemoteCursor {
  readonly connectionId: string;
  readonly memberId: string;
  readonly displayName: string;
  revision: number;
  anchor: number;
  focus: number;
}

/** A cursor to draw, in the local text's code points. */
export interface PlacedCursor {
  readonly connectionId: string;
  readonly memberId: string;
  readonly displayName: string;
  readonly anchor: number;
  readonly focus: number;
}

/** Where another connection's cursor is, as its updates and the document's operations arrive. */
export class RemoteCursorSet {
  private readonly cursors = new Map<string, RemoteCursor>();

  /**
   * A pushed cursor. One made at an older revision is moved over the operations since (forgotten when they are
   * no longer at hand: its next update comes soon); one ahead of this client waits until it catches up.
   */
  update(cursor: CursorUpdate, revision: number, opsSince: (revision: number) => ServerOp[] | null): void {
    const entry: RemoteCursor = { ...cursor };
    if (entry.revision < revision) {
      const ops = opsSince(entry.revision);
      if (ops === null) {
        this.cursors.delete(cursor.connectionId);
        return;
      }
      for (const op of ops) move(entry, op);
    }
    this.cursors.set(cursor.connectionId, entry);
  }

  /** The document reached `op.revision`: cursors at the revision before move over it. */
  advanced(op: ServerOp): void {
    for (const cursor of this.cursors.values()) {
      if (cursor.revision === op.revision - 1) move(cursor, op);
    }
  }

  /** Only connections still in the document's presence keep a cursor. */
  retain(connectionIds: ReadonlySet<string>): void {
    for (const id of [...this.cursors.keys()]) if (!connectionIds.has(id)) this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }

  /** The cursors at `revision`, moved over the pending local edits into the local text. */
  placed(revision: number, pending: readonly TextOp[]): PlacedCursor[] {
    const placed: PlacedCursor[] = [];
    for (const cursor of this.cursors.values()) {
      if (cursor.revision !== revision) continue; // ahead of this client: shown once it catches up
      let { anchor, focus } = cursor;
      for (const op of pending) {
        anchor = transformPosition(anchor, op);
        focus = transformPosition(focus, op);
      }
      placed.push({ connectionId: cursor.connectionId, memberId: cursor.memberId, displayName: cursor.displayName, anchor, focus });
    }
    return placed;
  }
}

function move(cursor: RemoteCursor, op: ServerOp): void {
  // Whoever wrote the operation was typing at their cursor: their own inserts carry it along.
  const transform = op.authorId === cursor.memberId ? transformOwnPosition : transformPosition;
  cursor.anchor = transform(cursor.anchor, op.op);
  cursor.focus = transform(cursor.focus, op.op);
  cursor.revision = op.revision;
}

/** A cursor as drawn, in the editor's UTF-16 offsets. */
export interface DrawnCursor {
  readonly connectionId: string;
  readonly memberId: string;
  readonly displayName: string;
  readonly anchor: number;
  readonly head: number;
}

/** Replaces the drawn cursors; between replacements they follow the local edits. */
export const setRemoteCursors = StateEffect.define<readonly DrawnCursor[]>();

class CaretWidget extends WidgetType {
  constructor(private readonly cursor: DrawnCursor) {
    super();
  }

  override eq(other: CaretWidget): boolean {
    return other.cursor.displayName === this.cursor.displayName && other.cursor.memberId === this.cursor.memberId;
  }

  toDOM(): HTMLElement {
    const caret = document.createElement("span");
    caret.className = `cm-remote-caret remote-colour-${colourIndex(this.cursor.memberId)}`;
    caret.dataset["testid"] = "remote-cursor";
    caret.dataset["memberId"] = this.cursor.memberId;
    caret.setAttribute("aria-hidden", "true");
    const label = document.createElement("span");
    label.className = "cm-remote-caret__label";
    label.textContent = this.cursor.displayName;
    // A word joiner gives the caret a line's height without taking any room.
    caret.append("\u2060", label);
    return caret;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

function decorations(cursors: readonly DrawnCursor[]): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const cursor of cursors) {
    const from = Math.min(cursor.anchor, cursor.head);
    const to = Math.max(cursor.anchor, cursor.head);
    if (from < to) {
      ranges.push(Decoration.mark({ class: `cm-remote-selection remote-colour-${colourIndex(cursor.memberId)}` }).range(from, to));
    }
    ranges.push(Decoration.widget({ widget: new CaretWidget(cursor), side: -1 }).range(cursor.head));
  }
  return Decoration.set(ranges, true);
}

const remoteCursorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setRemoteCursors)) return decorations(effect.value);
    return tr.docChanged ? value.map(tr.changes) : value;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Draws other people's cursors (a coloured caret with their name) and selections. */
export function remoteCursors(): Extension {
  return remoteCursorField;
}
