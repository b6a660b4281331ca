import type { Text } from "@codemirror/state";
import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import { renderMarkdown } from "../markdown";

// The document as its Markdown reads, beside or below the text, through the same sanitiser as comments (nothing
// in a document can run). It follows every change, the member's own and the others', at most once per RENDER_MS
// while the text keeps changing, so a long document is not parsed again on every keystroke.

const RENDER_MS = 120;

export class MarkdownPreview {
  readonly element: HTMLElement;
  private readonly body = h("div", { class: "doc-preview__body prose", testid: "document-preview" });
  private doc: Text | null = null;
  private timer: number | undefined;

  constructor() {
    const titleId = "doc-preview-title";
    this.element = h("section", { class: "doc-preview", "aria-labelledby": titleId },
      h("h3", { class: "doc-preview__title", id: titleId }, t("editor:preview.title")),
      this.body);
    this.render();
  }

  /** The text changed: shown shortly (read then, so a burst of changes is read once). */
  show(doc: Text): void {
    this.doc = doc;
    this.timer ??= window.setTimeout(() => this.render(), RENDER_MS);
  }

  dispose(): void {
    window.clearTimeout(this.timer);
  }

  private render(): void {
    this.timer = undefined;
    const text = this.doc?.toString() ?? "";
    if (text.trim().length === 0) {
      replaceChildren(this.body, h("p", { class: "doc-preview__empty" }, t("editor:preview.empty")));
      return;
    }
    replaceChildren(this.body, renderMarkdown(text));
  }
}
