import { describeError, type Api } from "../api";
import { h, replaceChildren } from "../dom";
import { fullTime, relativeTime } from "../i18n";
import { newCommandId } from "../live/outbox";
import type { MemberDirectory } from "../members";
import type { DocumentRevision } from "../types";
import { avatar } from "../widgets/avatar";
import { icon } from "../widgets/icons";

// The document's history: who changed it and when, newest first. Revisions that one person made in one sitting
// (less than GROUP_GAP_MS apart) show as one entry; any entry's text can be viewed and brought back.

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
    replaceChildren(this.list, h("li", { class: "history__empty" }, "Loading the history…"));
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
      replaceChildren(this.list, h("li", { class: "history__empty" }, `The history could not be loaded: ${describeError(error)}`));
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
      replaceChildren(this.list, h("li", { class: "history__empty" }, "No changes yet: the first words are yours to write."));
      return;
    }
    replaceChildren(this.list, ...entries.map((entry) => {
      const name = h("span", { class: "history__name" }, "…");
      const who = h("span", { class: "history__avatar" });
      const button = h("button", {
        class: "history__button", type: "button", title: `Show the text as of revision ${entry.last}`,
        onclick: () => this.options.view(entry),
      },
      who,
      h("span", { class: "history__line" }, name,
        h("span", { class: "history__time", title: fullTime(entry.at) }, relativeTime(entry.at))),
      h("span", { class: "history__stats" },
        entry.inserted > 0 ? h("span", { class: "history__added" }, `+${entry.inserted}`) : null,
        entry.deleted > 0 ? h("span", { class: "history__removed" }, `−${entry.deleted}`) : null,
        h("span", { class: "history__revision" }, entry.first === entry.last ? `rev ${entry.last}` : `rev ${entry.first}–${entry.last}`)));
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

/** The text at one revision, read-only, with "Restore this version". */
export class RevisionPreview {
  readonly element: HTMLElement;
  private readonly title = h("strong", { class: "preview__title" });
  private readonly meta = h("span", { class: "preview__meta" });
  private readonly text = h("pre", { class: "preview__text", testid: "history-preview-text" });
  private readonly restoreButton: HTMLButtonElement;
  private entry: HistoryEntry | null = null;
  private restoring = false;

  constructor(private readonly options: PreviewOptions) {
    this.restoreButton = h("button", { class: "button button--primary", type: "button", testid: "restore-revision", onclick: () => void this.restore() },
      icon("restore"), "Restore this version");
    this.element = h("div", { class: "preview", testid: "history-preview", hidden: true },
      h("div", { class: "preview__bar" },
        h("div", { class: "preview__about" }, this.title, this.meta),
        h("div", { class: "preview__actions" }, this.restoreButton,
          h("button", { class: "button", type: "button", testid: "close-preview", onclick: () => options.close() }, "Back to the document"))),
      this.text);
  }

  async show(entry: HistoryEntry): Promise<void> {
    this.entry = entry;
    this.element.hidden = false;
    this.title.textContent = `Revision ${entry.last}`;
    this.meta.textContent = `· ${fullTime(entry.at)}`;
    this.restoreButton.hidden = !this.options.canRestore();
    this.restoreButton.disabled = true;
    this.text.textContent = "Loading…";
    void this.options.members.displayName(entry.authorId).then((name) => {
      if (this.entry === entry) this.meta.textContent = `· ${name} · ${fullTime(entry.at)}`;
    });
    try {
      const version = await this.options.api.documentTextAt(this.options.documentId, entry.last);
      if (this.entry !== entry) return;
      this.text.textContent = version.text;
      if (version.text.length === 0) this.text.append(h("span", { class: "preview__empty" }, "(empty)"));
      this.restoreButton.disabled = false;
    } catch (error) {
      if (this.entry === entry) this.text.textContent = `This version could not be loaded: ${describeError(error)}`;
    }
  }

  hide(): void {
    this.entry = null;
    this.element.hidden = true;
  }

  private async restore(): Promise<void> {
    const entry = this.entry;
    if (entry === null || this.restoring) return;
    this.restoring = true;
    this.restoreButton.disabled = true;
    try {
      // The restored text arrives in the editor like anyone's edit; later work stays in the history.
      const answer = await this.options.api.restoreDocument(this.options.documentId, entry.last, newCommandId()) as { op?: unknown };
      // Restoring the text the document already has adds no revision; the server answers the empty operation.
      const unchanged = answer.op === "[]" || (Array.isArray(answer.op) && answer.op.length === 0);
      this.options.notify(unchanged ? "This is already the current text." : `Restored the version of revision ${entry.last}.`);
      this.options.close();
    } catch (error) {
      this.options.notify(describeError(error), "error");
    } finally {
      this.restoring = false;
      this.restoreButton.disabled = false;
    }
  }
}
