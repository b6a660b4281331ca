import { h } from "../dom";
import { t } from "../i18n";
import { CommandError } from "../live/commandErrors";
import type { MentionCandidate } from "./mentionCandidates";
import { MentionSuggest } from "./mentionSuggest";

export interface ComposerOptions {
  placeholder: string;
  submitLabel: string;
  /** Test ids for the main composer of a page; replies and edits have none. */
  testIds?: { text: string; send: string };
  initialText?: string;
  compact?: boolean;
  /** Sends the text; resolves once the server has it (or it waits in the outbox). */
  submit(text: string): Promise<unknown>;
  cancel?(): void;
  /** Called with true while the member types and false after a pause of TYPING_IDLE_MS (or on send). */
  typing?(typing: boolean): void;
  /** Members to suggest after "@" (the circle's); without it, no suggestions. */
  mentionCandidates?(): Promise<MentionCandidate[]>;
}

const TYPING_IDLE_MS = 3000;

/** A textarea with a send button: Ctrl/⌘+Enter sends, typing is reported, "@" suggests members, errors are shown inline. */
export class Composer {
  readonly element: HTMLFormElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private readonly error = h("p", { class: "composer__error", role: "alert", hidden: true });
  private readonly note = h("p", { class: "composer__note", hidden: true });
  private typingTimer: number | undefined;
  private isTyping = false;
  private disabledReason: string | null = null;

  constructor(private readonly options: ComposerOptions) {
    this.textarea = h("textarea", {
      class: "composer__text", rows: options.compact ? 2 : 3, placeholder: options.placeholder, maxlength: 10000,
      "aria-label": options.placeholder, testid: options.testIds?.text,
    });
    this.textarea.value = options.initialText ?? "";
    this.button = h("button", { class: "button button--primary", type: "submit", testid: options.testIds?.send }, options.submitLabel);
    const actions = h("div", { class: "composer__actions" },
      options.compact ? null : h("span", { class: "composer__hint" }, t("mentions:hint")),
      options.cancel ? h("button", { class: "button button--quiet", type: "button", onclick: () => this.cancel() }, t("mentions:cancel")) : null,
      this.button);
    // Attached before the composer's own keys: while suggestions are open, Enter and Escape are theirs.
    const suggest = options.mentionCandidates ? new MentionSuggest(this.textarea, () => options.mentionCandidates!()) : null;
    this.element = h("form", { class: `composer${options.compact ? " composer--compact" : ""}` },
      this.textarea, suggest?.element, this.error, this.note, actions);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send();
    });
    this.textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.send();
      } else if (event.key === "Escape" && options.cancel) {
        this.cancel();
      }
    });
    this.textarea.addEventListener("input", () => this.typed());
  }

  focus(): void {
    this.textarea.focus();
    this.textarea.setSelectionRange(this.textarea.value.length, this.textarea.value.length);
  }

  /** Disables the composer with a reason shown in its place (locked thread, not a member), or enables it. */
  setDisabled(reason: string | null): void {
    this.disabledReason = reason;
    this.textarea.disabled = reason !== null;
    this.button.disabled = reason !== null;
    this.note.hidden = reason === null;
    this.note.textContent = reason ?? "";
  }

  dispose(): void {
    this.stopTyping();
  }

  private async send(): Promise<void> {
    const text = this.textarea.value.trim();
    if (!text || this.disabledReason !== null) return;
    this.error.hidden = true;
    this.stopTyping();
    // Cleared at once: the comment is in the outbox and appears when the server confirms it.
    this.textarea.value = "";
    try {
      await this.options.submit(text);
    } catch (error) {
      // Refused by the server: give the text back so nothing the member wrote is lost.
      if (!this.textarea.value) this.textarea.value = text;
      this.error.hidden = false;
      this.error.textContent = error instanceof CommandError ? error.message : t("mentions:sendFailed");
    }
  }

  private cancel(): void {
    this.stopTyping();
    this.options.cancel?.();
  }

  private typed(): void {
    if (!this.options.typing) return;
    if (!this.isTyping) {
      this.isTyping = true;
      this.options.typing(true);
    }
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    window.clearTimeout(this.typingTimer);
    if (!this.isTyping) return;
    this.isTyping = false;
    this.options.typing?.(false);
  }
}
