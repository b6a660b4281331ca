import { describeError, type Api } from "../api";
import { colourIndex, h, replaceChildren } from "../dom";
import { formatNumber, t } from "../i18n";
import type { AuthorContribution, DocumentAttribution } from "../types";
import { avatar } from "../widgets/avatar";
import { icon } from "../widgets/icons";

// Who wrote the current text: characters (code points) per member, as the server attributes them, with the
// attribution downloadable as JSON. The Contributions tab and the page's Contributors card are two views of one
// attribution, read once and counted the same way, so they always name the same people with the same shares.

export interface ContributionsOptions {
  readonly documentId: string;
  readonly api: Api;
  notify(message: string, tone?: "info" | "error"): void;
}

/** Characters per member: the tab of the document's side panel (`element`) and the Contributors card (`card`). */
export class DocumentContributions {
  readonly element: HTMLElement;
  readonly card: HTMLElement;
  private readonly list = h("ul", { class: "contributions__list", testid: "contributions" });
  private readonly cardList = h("ul", { class: "member-list", testid: "contributors" });
  private readonly total = h("p", { class: "contributions__total" });
  private loading = false;
  private again = false;

  constructor(private readonly options: ContributionsOptions) {
    const exportButton = h("button", {
      class: "button button--small", type: "button", testid: "export-attribution",
      title: t("contributions:exportTitle"), onclick: () => void this.export(),
    }, icon("download"), t("contributions:export"));
    this.element = h("div", { class: "contributions" }, this.list, h("div", { class: "contributions__footer" }, this.total, exportButton));
    this.card = h("section", { class: "card", testid: "contributors-card" },
      h("h3", { class: "card__title" }, t("contributions:cardTitle")), this.cardList);
    this.showNote(t("contributions:loading"));
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
      this.showNote(t("contributions:loadFailed", { reason: describeError(error) }));
    } finally {
      this.loading = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  private showNote(note: string): void {
    replaceChildren(this.list, h("li", { class: "contributions__empty" }, note));
    replaceChildren(this.cardList, h("li", { class: "contributions__empty" }, note));
  }

  private render(attribution: DocumentAttribution): void {
    this.total.textContent = t("contributions:total", {
      count: attribution.length, formatted: formatNumber(attribution.length), revision: attribution.revision,
    });
    if (attribution.authors.length === 0) {
      this.showNote(t("contributions:empty"));
      return;
    }
    const authors = attribution.authors.map((author) => ({ author, name: nameOf(author), percent: percentOf(author) }));
    replaceChildren(this.list, ...authors.map(({ author, name, percent }) =>
      h("li", { class: "contributions__item", testid: "contribution", "data-member-id": author.memberId },
        avatar(author.memberId, name, "small"),
        h("span", { class: "contributions__name" }, name),
        h("span", { class: "contributions__count", testid: "contribution-share" },
          t("contributions:share", { characters: formatNumber(author.characters), percent })),
        h("progress", {
          class: `contributions__bar contributions__bar--c${colourIndex(author.memberId)}`, max: 100, value: Math.round(author.share * 100),
          "aria-label": t("contributions:barLabel", { name, percent }),
        }))));
    replaceChildren(this.cardList, ...authors.map(({ author, name, percent }) =>
      h("li", { class: "member-list__item", testid: "contributor", "data-member-id": author.memberId },
        avatar(author.memberId, name, "small"),
        h("span", { class: "member-list__name" }, name),
        h("span", { class: "member-list__share", testid: "contributor-share", title: t("contributions:cardLabel", { name, percent }) }, percent))));
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

function nameOf(author: AuthorContribution): string {
  return author.displayName ?? author.handle ?? t("contributions:someone");
}

/** "57%" / "57 %": the one way both views show a share. */
function percentOf(author: AuthorContribution): string {
  return formatNumber(author.share, { style: "percent", maximumFractionDigits: 0 });
}
