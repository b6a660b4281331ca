import { describeError, type Api } from "../api";
import { h, replaceChildren } from "../dom";
import { formatNumber, fullTime, relativeTime, t } from "../i18n";
import { newCommandId } from "../live/outbox";
import type { MemberDirectory } from "../members";
import type { DocumentRevision } from "../types";
import { avatar } from "../widgets/avatar";
import { icon } from "../widgets/icons";
import { renderChanges, textChanges } from "./revisionDiff";

// The document's history: who changed it and when, newest first. Revisions that one person made in one sitting
// (less than GROUP_GAP_MS apart) show as one entry; an entry shows what it changed, and the text it left can be
// brought back.

/** How many of the latest revisions are read. */
const WINDOW = 200;
const GROUP_GAP_MS = 60_000;
const MAX_ENTRIES = 40;

/** Consecutive revisions of one author, summed up; `last` is the revision the entry shows. */
export interface HistoryEntry {
  readonly authorId: string;
  readonly first: number;
  readonly last: number;
  readonly at: string;
  readonly inserted: number;
  readonly deleted: number;
}

export function groupRevisions(revisions: readonly DocumentRevision[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const revision of revisions) {
    const previous = entries[entries.length - 1];
    if (previous && previous.authorId === revision.authorId
      && new Date(revision.at).getTime() - new Date(previous.at).getTime() < GROUP_GAP_MS) {
      entries[entries.length - 1] = {
        ...previous, last: revision.revision, at: revision.at,
        inserted: previous.inserted + revision.inserted, deleted: previous.deleted + revision.deleted,
      };
    } else {
      entries.push({
        authorId: revision.authorId, first: revision.revision, last: revision.revision, at: revision.at,
        inserted: revision.inserted, deleted: revision.deleted,
      });
    }
  }
  return entries.reverse();
}

export interface HistoryOptions {
  readonly documentId: string;
  readonly api: Api;
  readonly members: MemberDirectory;
  /** Shows the text as it was at the entry's revision. */
  view(entry: HistoryEntry): void;
}

/** The list of revisions (a tab of the document's side panel). */
export class DocumentHistory {
  readonly element: HTMLElement;
  private readonly list = h("ol", { class: "history__list", testid: "history" });
  private loading = false;
  private again = false;
  private revision = 0;
  private selected: number | null = null;

  constructor(private readonly options: HistoryOptions) {
    this.element = h("div", { class: "history" }, this.list);
    replaceChildren(this.list, h("li", { class: "history__empty" }, t("history:loading")));
  }

  /** Reads the latest revisions again (the document is at `revision`). */
  async refresh(revision: number): Promise<void> {
    this.revision = Math.max(this.revision, revision);
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    try {
      const page = await this.options.api.documentHistory(this.options.documentId, Math.max(0, this.revision - WINDOW), WINDOW);
      this.render(groupRevisions(page.items).slice(0, MAX_ENTRIES));
    } catch (error) {
      replaceChildren(this.list, h("li", { class: "history__empty" }, t("history:loadFailed", { reason: describeError(error) })));
    } finally {
      this.loading = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh(this.revision);
    }
  }

  /** Marks the entry being viewed (null: none). */
  select(revision: number | null): void {
    this.selected = revision;
    for (const item of this.list.querySelectorAll<HTMLElement>("[data-revision]")) {
      item.classList.toggle("history__item--selected", Number(item.dataset["revision"]) === revision);
    }
  }

  private render(entries: HistoryEntry[]): void {
    if (entries.length === 0) {
      replaceChildren(this.list, h("li", { class: "history__empty" }, t("history:empty")));
      return;
    }
    replaceChildren(this.list, ...entries.map((entry) => {
      const name = h("span", { class: "history__name" }, "…");
      const who = h("span", { class: "history__avatar" });
      const single = entry.first === entry.last;
      const button = h("button", {
        class: "history__button", type: "button",
        title: single ? t("history:showChanges", { revision: entry.last }) : t("history:showChangesRange", { first: entry.first, last: entry.last }),
        onclick: () => this.options.view(entry),
      },
      who,
      h("span", { class: "history__line" }, name,
        h("span", { class: "history__time", title: fullTime(entry.at) }, relativeTime(entry.at))),
      h("span", { class: "history__stats" },
        entry.inserted > 0 ? h("span", { class: "history__added", title: addedText(entry.inserted) }, `+${formatNumber(entry.inserted)}`) : null,
        entry.deleted > 0 ? h("span", { class: "history__removed", title: removedText(entry.deleted) }, `−${formatNumber(entry.deleted)}`) : null,
        h("span", { class: "history__revision" },
          single ? t("history:revision", { revision: entry.last }) : t("history:revisionRange", { first: entry.first, last: entry.last }))));
      void this.options.members.displayName(entry.authorId).then((display) => {
        name.textContent = display;
        who.replaceChildren(avatar(entry.authorId, display, "small"));
      });
      const item = h("li", { class: "history__item", testid: "history-item", "data-revision": entry.last }, button);
      item.classList.toggle("history__item--selected", entry.last === this.selected);
      return item;
    }));
  }
}

export interface PreviewOptions {
  readonly documentId: string;
  readonly api: Api;
  readonly members: MemberDirectory;
  canRestore(): boolean;
  notify(message: string, tone?: "info" | "error"): void;
  /** Back to the live document (after closing or restoring). */
  close(): void;
}

/**
 * What one entry changed (the text before its first revision against the text after its last), read-only,
 * with "Restore this version" unless that version is the current text.
 */
export class RevisionPreview {
  readonly element: HTMLElement;
  private readonly title = h("strong", { class: "preview__title" });
  private readonly meta = h("span", { class: "preview__meta" });
  private readonly summary = h("p", { class: "preview__summary", testid: "history-preview-summary" });
  private readonly text = h("div", { class: "preview__text", testid: "history-preview-text", role: "region", "aria-label": t("history:preview.changesLabel") });
  private readonly restoreButton: HTMLButtonElement;
  private readonly currentNote = h("span", { class: "preview__current", testid: "history-preview-current", hidden: true }, t("history:preview.current"));
  private entry: HistoryEntry | null = null;
  private loaded = false;
  private restoring = false;
  /** The document's revision now: its version is the live text, nothing to restore. */
  private current = 0;

  constructor(private readonly options: PreviewOptions) {
    this.restoreButton = h("button", { class: "button button--primary", type: "button", testid: "restore-revision", onclick: () => void this.restore() },
      icon("restore"), t("history:preview.restore"));
    this.element = h("div", { class: "preview", testid: "history-preview", hidden: true },
      h("div", { class: "preview__bar" },
        h("div", { class: "preview__about" }, this.title, this.meta),
        h("div", { class: "preview__actions" }, this.currentNote, this.restoreButton,
          h("button", { class: "button", type: "button", testid: "close-preview", onclick: () => options.close() }, t("history:preview.back")))),
      this.summary,
      this.text);
  }

  async show(entry: HistoryEntry): Promise<void> {
    this.entry = entry;
    this.loaded = false;
    this.element.hidden = false;
    this.title.textContent = entry.first === entry.last
      ? t("history:preview.title", { revision: entry.last })
      : t("history:preview.titleRange", { first: entry.first, last: entry.last });
    this.meta.textContent = `· ${fullTime(entry.at)}`;
    this.summary.textContent = [entry.inserted > 0 ? addedText(entry.inserted) : null, entry.deleted > 0 ? removedText(entry.deleted) : null]
      .filter((part) => part !== null).join(" · ");
    this.refreshRestore();
    this.text.textContent = t("history:preview.loading");
    void this.options.members.displayName(entry.authorId).then((name) => {
      if (this.entry === entry) this.meta.textContent = `· ${name} · ${fullTime(entry.at)}`;
    });
    try {
      const [before, after] = await Promise.all([
        this.options.api.documentTextAt(this.options.documentId, entry.first - 1),
        this.options.api.documentTextAt(this.options.documentId, entry.last),
      ]);
      if (this.entry !== entry) return;
      const changes = renderChanges(textChanges(before.text, after.text));
      if (changes.length === 0) replaceChildren(this.text, h("span", { class: "preview__empty" }, t("history:preview.unchanged")));
      else replaceChildren(this.text, ...changes);
      this.loaded = true;
      this.refreshRestore();
    } catch (error) {
      if (this.entry === entry) this.text.textContent = t("history:preview.loadFailed", { reason: describeError(error) });
    }
  }

  /** The document reached `revision`: the version shown may have stopped (or, restored, started) being current. */
  documentAt(revision: number): void {
    this.current = revision;
    this.refreshRestore();
  }

  hide(): void {
    this.entry = null;
    this.element.hidden = true;
  }

  private refreshRestore(): void {
    const isCurrent = this.entry !== null && this.entry.last >= this.current;
    this.currentNote.hidden = !isCurrent;
    this.restoreButton.hidden = isCurrent || !this.options.canRestore();
    this.restoreButton.disabled = !this.loaded || this.restoring;
  }

  private async restore(): Promise<void> {
    const entry = this.entry;
    if (entry === null || this.restoring) return;
    this.restoring = true;
    this.refreshRestore();
    try {
      // The restored text arrives in the editor like anyone's edit; later work stays in the history.
      const answer = await this.options.api.restoreDocument(this.options.documentId, entry.last, newCommandId()) as { op?: unknown };
      // Restoring the text the document already has adds no revision; the server answers the empty operation.
      const unchanged = answer.op === "[]" || (Array.isArray(answer.op) && answer.op.length === 0);
      this.options.notify(unchanged ? t("history:preview.alreadyCurrent") : t("history:preview.restored", { revision: entry.last }));
      this.options.close();
    } catch (error) {
      this.options.notify(describeError(error), "error");
    } finally {
      this.restoring = false;
      this.refreshRestore();
    }
  }
}

function addedText(count: number): string {
  return t("history:preview.added", { count, formatted: formatNumber(count) });
}

function removedText(count: number): string {
  return t("history:preview.removed", { count, formatted: formatNumber(count) });
}
