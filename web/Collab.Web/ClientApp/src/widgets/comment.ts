import { h, replaceChildren } from "../dom";
import { fullTime, relativeTime, t } from "../i18n";
import { renderComment } from "../markdown";
import type { MemberDirectory } from "../members";
import { FLAG_REASONS, REACTIONS, type CommentView, type FlagReason } from "../types";
import { avatar } from "./avatar";
import type { MentionCandidate } from "./mentionCandidates";
import { Composer } from "./composer";
import { icon } from "./icons";

export interface CommentActions {
  reply(parent: CommentView, text: string): Promise<unknown>;
  edit(comment: CommentView, text: string): Promise<unknown>;
  toggleReaction(comment: CommentView, emoji: string): void;
  /** Flags the comment for the circle's moderators. */
  flag(comment: CommentView, reason: FlagReason, note: string): Promise<unknown>;
  /** Whether the member may write here now (a member of the circle, thread not locked). */
  canWrite(): boolean;
  /** Whether the member may delete this comment (their own, or any as a moderator). */
  canDelete(comment: CommentView): boolean;
  delete(comment: CommentView): Promise<unknown>;
  /** Who `@` suggests while writing a reply or an edit: the circle's members. */
  mentionCandidates(): Promise<MentionCandidate[]>;
}

/** One comment: author, time, rendered body, reactions, reply and edit, and its replies nested below. */
export class CommentElement {
  readonly element: HTMLElement;
  /** Where replies to this comment go. */
  readonly replies = h("div", { class: "comment__replies" });
  private comment: CommentView;
  private readonly avatarSlot = h("span", { class: "comment__avatar" });
  // "you" beside one's own name is drawn by the stylesheet, in the reader's language.
  private readonly author = h("span", { class: "comment__author", "data-you": t("common:you") }, "…");
  private readonly time = h("time", { class: "comment__time" });
  private readonly edited = h("span", { class: "comment__edited", hidden: true }, t("comment:edited"));
  private readonly body = h("div", { class: "comment__body prose", testid: "comment-body" });
  private readonly reactions = h("div", { class: "reactions" });
  private flagForm: HTMLElement | null = null;
  private readonly actions = h("div", { class: "comment__actions" });
  private readonly formSlot = h("div", { class: "comment__form" });
  private palette: HTMLElement | null = null;
  private form: Composer | null = null;
  private editing = false;

  constructor(
    comment: CommentView,
    private readonly me: { id: string; handle: string },
    members: MemberDirectory,
    private readonly act: CommentActions,
  ) {
    this.comment = comment;
    this.element = h("article", { class: "comment", testid: "comment", id: `comment-${comment.id}`, "data-comment-id": comment.id },
      h("div", { class: "comment__card" },
        h("header", { class: "comment__header" }, this.avatarSlot, this.author, this.time, this.edited),
        this.body, this.reactions, this.actions, this.formSlot),
      this.replies);
    if (comment.authorId === me.id) this.element.classList.add("comment--mine");
    void members.displayName(comment.authorId).then((name) => {
      this.author.textContent = name;
      replaceChildren(this.avatarSlot, avatar(comment.authorId, name));
    });
    this.render();
  }

  get id(): number {
    return this.comment.id;
  }

  update(comment: CommentView): void {
    const textChanged = comment.text !== this.comment.text;
    this.comment = comment;
    this.render(textChanged);
  }

  /** Re-renders the action buttons when writing becomes possible or not (joined, locked). */
  refreshActions(): void {
    this.renderActions();
  }

  /** "just now" becomes "2 minutes ago" as time passes. */
  refreshTime(): void {
    this.time.textContent = relativeTime(this.comment.createdAt);
  }

  highlight(): void {
    this.element.classList.add("comment--highlight");
    this.element.scrollIntoView({ block: "center" });
  }

  private render(bodyChanged = true): void {
    const c = this.comment;
    this.time.dateTime = c.createdAt;
    this.refreshTime();
    this.time.title = fullTime(c.createdAt);
    this.edited.hidden = !c.editedAt;
    if (c.editedAt) this.edited.title = t("comment:editedAt", { time: fullTime(c.editedAt) });
    if (bodyChanged && !this.editing) {
      replaceChildren(this.body,
        c.deletedAt ? h("p", { class: "comment__deleted" }, t("comment:deleted"))
        : c.hiddenAt && !c.text ? h("p", { class: "comment__deleted", testid: "comment-hidden" }, t("comment:hidden"))
        : renderComment(c.text, this.me.handle),
        c.held ? h("p", { class: "comment__note" }, t("comment:held")) : null,
        c.hiddenAt && c.text ? h("p", { class: "comment__note" }, t("comment:hiddenNote")) : null);
    }
    this.renderReactions();
    this.renderActions();
  }

  private renderReactions(): void {
    const chips = REACTIONS.filter((emoji) => (this.comment.reactions[emoji]?.length ?? 0) > 0).map((emoji) => {
      const who = this.comment.reactions[emoji] ?? [];
      const mine = who.includes(this.me.id);
      return h("button", {
        class: `reaction${mine ? " reaction--mine" : ""}`, type: "button", "aria-pressed": String(mine),
        title: t(mine ? "comment:unreact" : "comment:reactToo"), onclick: () => this.act.toggleReaction(this.comment, emoji),
      }, h("span", { class: "reaction__emoji" }, emoji), h("span", { class: "reaction__count" }, who.length));
    });
    replaceChildren(this.reactions, ...chips);
  }

  private renderActions(): void {
    const writable = this.act.canWrite();
    this.closePalette();
    replaceChildren(this.actions,
      writable ? h("button", { class: "link-button", type: "button", "aria-haspopup": "true", onclick: (e) => this.togglePalette(e) }, icon("smile"), t("comment:react")) : null,
      writable ? h("button", { class: "link-button", type: "button", onclick: () => this.openReply() }, icon("reply"), t("comment:reply")) : null,
      writable && this.comment.authorId === this.me.id
        ? h("button", { class: "link-button", type: "button", onclick: () => this.openEdit() }, icon("edit"), t("comment:edit")) : null,
      !this.comment.deletedAt && this.act.canDelete(this.comment)
        ? h("button", { class: "link-button", type: "button", testid: "delete-comment", onclick: () => this.confirmDelete() }, t("comment:delete")) : null,
      this.comment.authorId !== this.me.id && !this.comment.deletedAt
        ? h("button", { class: "link-button", type: "button", testid: "flag-comment", onclick: () => this.toggleFlagForm() }, t("comment:flag")) : null,
      this.flagForm);
  }

  private confirmDelete(): void {
    if (window.confirm(t("comment:deleteConfirm"))) void this.act.delete(this.comment);
  }

  /** A small form for the reason; the moderators see the flag in their review queue. */
  private toggleFlagForm(): void {
    if (this.flagForm) {
      this.flagForm.remove();
      this.flagForm = null;
      return;
    }
    const reason = h("select", { class: "input", "aria-label": t("comment:flagWhy"), testid: "flag-reason" },
      ...FLAG_REASONS.map(([value]) => h("option", { value }, t(`comment:reason_${value}`)))) as HTMLSelectElement;
    const note = h("input", { class: "input", type: "text", maxlength: 500, placeholder: t("comment:flagNote"),
      "aria-label": t("comment:flagNoteLabel") }) as HTMLInputElement;
    const form = h("form", { class: "inline-form", testid: "flag-form" }, reason, note,
      h("button", { class: "button", type: "submit" }, t("comment:flagSend")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.act.flag(this.comment, reason.value as FlagReason, note.value.trim()).then(() => {
        this.flagForm?.remove();
        this.flagForm = null;
      });
    });
    this.flagForm = form;
    this.actions.append(form);
    reason.focus();
  }

  private togglePalette(event: Event): void {
    event.stopPropagation();
    if (this.palette) {
      this.closePalette();
      return;
    }
    this.palette = h("div", { class: "palette", role: "menu" }, ...REACTIONS.map((emoji) =>
      h("button", { class: "palette__emoji", type: "button", role: "menuitem", "aria-label": t("comment:reactWith", { emoji }), onclick: () => {
        this.closePalette();
        this.act.toggleReaction(this.comment, emoji);
      } }, emoji)));
    // A keyboard user lands in the menu, and Escape brings them back to the button that opened it.
    const opener = event.currentTarget instanceof HTMLElement ? event.currentTarget : null;
    this.palette.addEventListener("keydown", (key) => {
      if (key.key !== "Escape") return;
      key.preventDefault();
      this.closePalette();
      opener?.focus();
    });
    this.actions.append(this.palette);
    this.palette.querySelector("button")?.focus();
  }

  private closePalette(): void {
    this.palette?.remove();
    this.palette = null;
  }

  private openReply(): void {
    this.openForm(new Composer({
      placeholder: t("comment:replyPlaceholder"), submitLabel: t("comment:reply"), compact: true,
      submit: async (text) => {
        this.closeForm();
        await this.act.reply(this.comment, text);
      },
      cancel: () => this.closeForm(),
      mentionCandidates: () => this.act.mentionCandidates(),
    }));
  }

  private openEdit(): void {
    this.editing = true;
    this.body.hidden = true;
    this.openForm(new Composer({
      placeholder: t("comment:editPlaceholder"), submitLabel: t("comment:save"), compact: true, initialText: this.comment.text,
      submit: async (text) => {
        await this.act.edit(this.comment, text);
        this.closeForm();
      },
      cancel: () => this.closeForm(),
      mentionCandidates: () => this.act.mentionCandidates(),
    }));
  }

  private openForm(form: Composer): void {
    this.closeForm();
    this.form = form;
    this.formSlot.append(form.element);
    form.focus();
  }

  private closeForm(): void {
    this.form?.dispose();
    this.form?.element.remove();
    this.form = null;
    if (this.editing) {
      this.editing = false;
      this.body.hidden = false;
      replaceChildren(this.body, renderComment(this.comment.text, this.me.handle));
    }
  }
}
