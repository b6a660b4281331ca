import { h, replaceChildren } from "../dom";
import { t } from "../i18n";
import type { MentionCandidate } from "./mentionCandidates";

const MAX_SHOWN = 8;
/** "@" at the start or after a space or punctuation, then what is typed of a handle, right before the caret. */
const TYPED = /(^|[^\w@])@([a-z0-9_]{0,30})$/i;

let nextId = 0;

/**
 * Suggests members of the circle while an "@handle" is typed in a textarea: an ARIA combobox (the textarea) that
 * controls a listbox of options. Arrow keys move, Enter or Tab choose, Escape closes; a click chooses too.
 * Focus stays in the textarea throughout; the active option is announced through aria-activedescendant.
 */
export class MentionSuggest {
  readonly element: HTMLElement;
  private readonly listbox: HTMLUListElement;
  private readonly status = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  private readonly listId = `mention-suggestions-${++nextId}`;
  private shown: MentionCandidate[] = [];
  private active = 0;
  private query: { start: number; text: string } | null = null;
  private generation = 0;

  constructor(private readonly textarea: HTMLTextAreaElement, private readonly candidates: () => Promise<MentionCandidate[]>) {
    this.listbox = h("ul", {
      class: "mention-suggest", id: this.listId, role: "listbox", hidden: true,
      "aria-label": t("mentions:suggestions"), testid: "mention-suggestions",
    });
    this.element = h("div", { class: "mention-suggest__anchor" }, this.listbox, this.status);
    textarea.setAttribute("role", "combobox");
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", this.listId);
    textarea.setAttribute("aria-expanded", "false");
    textarea.setAttribute("aria-multiline", "true");
    textarea.addEventListener("input", () => void this.update());
    textarea.addEventListener("click", () => void this.update());
    textarea.addEventListener("blur", () => this.close());
    // Registered before the composer's own keys, so Enter chooses a member instead of doing anything else.
    textarea.addEventListener("keydown", (event) => this.key(event));
  }

  get open(): boolean {
    return !this.listbox.hidden;
  }

  private key(event: KeyboardEvent): void {
    if (!this.open) return;
    const handled = (): void => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    switch (event.key) {
      case "ArrowDown":
        handled();
        this.activate((this.active + 1) % this.shown.length);
        break;
      case "ArrowUp":
        handled();
        this.activate((this.active - 1 + this.shown.length) % this.shown.length);
        break;
      case "Enter":
      case "Tab":
        if (event.ctrlKey || event.metaKey || this.shown.length === 0) return;
        handled();
        this.choose(this.shown[this.active]!);
        break;
      case "Escape":
        handled();
        this.close();
        break;
    }
  }

  private async update(): Promise<void> {
    const caret = this.textarea.selectionStart;
    const match = caret === this.textarea.selectionEnd ? TYPED.exec(this.textarea.value.slice(0, caret)) : null;
    if (!match) {
      this.close();
      return;
    }
    const text = match[2]!;
    this.query = { start: caret - text.length - 1, text };
    const generation = ++this.generation;
    let all: MentionCandidate[];
    try {
      all = await this.candidates();
    } catch {
      return; // Suggestions are a help: without them the member types the handle in full.
    }
    if (generation !== this.generation) return;
    const wanted = text.toLowerCase();
    this.shown = all
      .filter((c) => c.handle.toLowerCase().startsWith(wanted) || c.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(wanted)))
      .slice(0, MAX_SHOWN);
    this.render();
  }

  private render(): void {
    if (this.shown.length === 0) {
      this.status.textContent = this.query && this.query.text ? `${t("mentions:noMatch")} “${this.query.text}”` : "";
      this.close();
      return;
    }
    replaceChildren(this.listbox, ...this.shown.map((candidate, i) =>
      h("li", {
        class: "mention-suggest__option", role: "option", id: `${this.listId}-${i}`, "aria-selected": "false",
        testid: "mention-option", "data-handle": candidate.handle,
        // mousedown, not click: the textarea keeps its focus (and caret) while the member picks with the mouse.
        onmousedown: (event) => {
          event.preventDefault();
          this.choose(candidate);
        },
      }, h("span", { class: "mention-suggest__name" }, candidate.displayName), " ", h("span", { class: "mention-suggest__handle" }, `@${candidate.handle}`))));
    this.listbox.hidden = false;
    this.textarea.setAttribute("aria-expanded", "true");
    this.status.textContent = t("mentions:available", { count: this.shown.length });
    this.activate(0);
  }

  private activate(index: number): void {
    this.active = index;
    this.listbox.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === index));
      option.classList.toggle("mention-suggest__option--active", i === index);
    });
    this.textarea.setAttribute("aria-activedescendant", `${this.listId}-${index}`);
  }

  private choose(candidate: MentionCandidate): void {
    if (!this.query) return;
    const { start, text } = this.query;
    const value = this.textarea.value;
    const inserted = `@${candidate.handle} `;
    this.textarea.value = value.slice(0, start) + inserted + value.slice(start + 1 + text.length);
    const caret = start + inserted.length;
    this.textarea.setSelectionRange(caret, caret);
    this.close();
    // The composer listens for input (typing presence); the text changed as if typed.
    this.textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  private close(): void {
    this.generation++;
    this.query = null;
    this.shown = [];
    this.listbox.hidden = true;
    replaceChildren(this.listbox);
    this.textarea.setAttribute("aria-expanded", "false");
    this.textarea.removeAttribute("aria-activedescendant");
  }
}
