import type { Api } from "../api";
import { h } from "../dom";
import { t } from "../i18n";

/**
 * What is new in one of the member's circles since they last read it: comments past their read marks and
 * discussions they never opened, from the server (so the same on every device).
 */
export function circleNews(api: Api, circleId: string): HTMLElement {
  const news = h("p", { class: "circle-card__news", testid: "circle-news", "aria-live": "polite" }, t("home:newsLoading"));
  api.circleUnread(circleId).then((threads) => {
    const comments = threads.reduce((sum, thread) => sum + thread.unread, 0);
    const inThreads = threads.filter((thread) => thread.unread > 0).length;
    const newThreads = threads.filter((thread) => !thread.seen).length;
    const parts: string[] = [];
    if (comments > 0) parts.push(`${t("home:newComments", { count: comments })} ${t("home:inThreads", { count: inThreads })}`);
    if (newThreads > 0) parts.push(t("home:newThreads", { count: newThreads }));
    news.textContent = parts.length > 0 ? parts.join(" · ") : t("home:nothingNew");
    news.classList.toggle("circle-card__news--new", parts.length > 0);
    news.dataset["unread"] = String(comments);
  }, () => {
    news.textContent = t("home:newsFailed");
  });
  return news;
}
