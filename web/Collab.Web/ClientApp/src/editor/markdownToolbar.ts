import type { StateCommand } from "@codemirror/state";
import { h } from "../dom";
import { t } from "../i18n";
import { icon, type IconName } from "../widgets/icons";
import { FORMATTING, type Formatting } from "./markdownCommands";

// The formatting buttons above the document. One tab stop (an ARIA toolbar: the arrow keys move between the
// buttons), each button named for screen readers and telling its shortcut; a press applies the formatting and
// hands the focus back to the text.

const ICONS: Record<Formatting["name"], IconName> = {
  heading: "heading", bold: "bold", italic: "italic", bulletList: "list", numberedList: "listOrdered", link: "link", code: "code",
};

const APPLE = /Mac|iPhone|iPad/.test(navigator.platform);

export class MarkdownToolbar {
  readonly element: HTMLElement;
  private readonly buttons: HTMLButtonElement[];

  constructor(run: (command: StateCommand) => void) {
    this.buttons = FORMATTING.map((format, index) => {
      const name = t(`editor:toolbar.${format.name}`);
      const attributes = format.key === undefined
        ? { title: name }
        : { title: t("editor:toolbar.withShortcut", { name, shortcut: shortcutLabel(format.key) }), "aria-keyshortcuts": ariaShortcut(format.key) };
      return h("button", {
        class: "doc-toolbar__button", type: "button", testid: `format-${format.name}`, "aria-label": name,
        tabindex: index === 0 ? 0 : -1, ...attributes,
        onclick: () => run(format.command),
      }, icon(ICONS[format.name]));
    });
    this.element = h("div", {
      class: "doc-toolbar", role: "toolbar", "aria-label": t("editor:toolbar.label"), testid: "document-toolbar",
      onkeydown: (event) => this.move(event as KeyboardEvent),
    }, ...this.buttons);
  }

  /** Left/Right (and Home/End) move the focus along the toolbar, which keeps one tab stop. */
  private move(event: KeyboardEvent): void {
    const current = this.buttons.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const last = this.buttons.length - 1;
    const next = { ArrowRight: current === last ? 0 : current + 1, ArrowLeft: current === 0 ? last : current - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    for (const [index, button] of this.buttons.entries()) button.tabIndex = index === next ? 0 : -1;
    this.buttons[next]!.focus();
  }
}

/** "Ctrl+Shift+8" (or "⌘⇧8" on Apple keyboards) for a CodeMirror key name such as "Mod-Shift-8". */
function shortcutLabel(key: string): string {
  const parts = key.split("-").map((part) => {
    if (part === "Mod") return APPLE ? "⌘" : "Ctrl";
    if (part === "Shift") return APPLE ? "⇧" : "Shift";
    return part.toUpperCase();
  });
  return parts.join(APPLE ? "" : "+");
}

/** The same key as aria-keyshortcuts spells it ("Control+Shift+8"). */
function ariaShortcut(key: string): string {
  return key.split("-").map((part) => {
    if (part === "Mod") return APPLE ? "Meta" : "Control";
    return part.length === 1 ? part.toUpperCase() : part;
  }).join("+");
}
