import { describeError, type Api } from "../api";
import { colourIndex, h, replaceChildren } from "../dom";
import type { AuthorContribution, DocumentAttribution } from "../types";
import { avatar } from "../widgets/avatar";
import { icon } from "../widgets/icons";

// Who wrote the current text: characters (code points) per member, as the server attributes them, with the
// attribution downloadable as JSON.

export interface ContributionsOptions {
  readonly documentId: string;
  readonly api: Api;
  notify(message: string, tone?: "info" | "error"): void;
}

/** Characters per member (a tab of the document's side panel). */
export class DocumentContributions {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "contributions__list", testid: "contributions" });
  private readonly total = h("p", { class: "contributions__total" });
  private loading = false;
  private again = false;

  constructor(private readonly options: ContributionsOptions) {
    const exportButton = h("button", {
      class: "button button--small", type: "button", testid: "export-attribution",
      title: "Download who wrote what as JSON", onclick: () => void this.export(),
    }, icon("download"), "Export JSON");
    this.element = h("div", { class: "contributions" }, this.list, h("div", { class: "contributions__footer" }, this.total, exportButton));
    replaceChildren(this.list, h("li", { class: "contributions__empty" }, "Loading…"));
  }

  async refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    try {
      this.render(await this.options.api.documentAttribution(this.options.documentId));
    } catch (error) {
      replaceChildren(this.list, h("li", { class: "contributions__empty" }, `Contributions could not be loaded: ${describeError(error)}`));
    } finally {
      this.loading = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  private render(attribution: DocumentAttribution): void {
    this.total.textContent = `${attribution.length.toLocaleString()} ${attribution.length === 1 ? "character" : "characters"} · revision ${attribution.revision}`;
    if (attribution.authors.length === 0) {
      replaceChildren(this.list, h("li", { class: "contributions__empty" }, "Nobody has written anything yet."));
      return;
    }
    replaceChildren(this.list, ...attribution.authors.map((author) => this.item(author)));
  }

  private item(author: AuthorContribution): HTMLElement {
    const name = author.displayName ?? author.handle ?? "Someone";
    const percent = Math.round(author.share * 100);
    return h("li", { class: "contributions__item", testid: "contribution", "data-member-id": author.memberId },
      avatar(author.memberId, name, "small"),
      h("span", { class: "contributions__name" }, name),
      h("span", { class: "contributions__count" }, `${author.characters.toLocaleString()} · ${percent}%`),
      h("progress", { class: `contributions__bar contributions__bar--c${colourIndex(author.memberId)}`, max: 100, value: percent, "aria-label": `${name}: ${percent}%` }));
  }

  private async export(): Promise<void> {
    try {
      const attribution = await this.options.api.documentAttribution(this.options.documentId);
      const blob = new Blob([JSON.stringify(attribution, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = h("a", { href: url, download: `${this.options.documentId}-contributions.json`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.options.notify(describeError(error), "error");
    }
  }
}
