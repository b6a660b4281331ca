import DOMPurify, { type Config } from "dompurify";
import { Marked } from "marked";

// Comments are stored exactly as written; this is the one place that turns them into markup. Markdown is
// rendered by marked (raw HTML in it passes through), and everything is then sanitised by DOMPurify into a
// DOM fragment, so nothing a comment contains can ever run: no <script>, no event handler, no javascript: URL.

const markdown = new Marked({ gfm: true, breaks: true, async: false });

const purify = DOMPurify(window);
// Comments are prose: no forms, no embedded documents or media players, no inline styles (the page's CSP
// forbids inline script and the sanitiser removes it anyway). Passed on every call: DOMPurify ignores a
// per-call configuration once setConfig was used, and this one must return a fragment.
const SANITIZE: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option", "iframe", "object", "embed", "video", "audio", "svg", "math"],
  FORBID_ATTR: ["style", "class", "id"],
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};
// Links leave the workspace in a new tab, without handing it a reference to this window.
purify.addHook("afterSanitizeAttributes", (node) => {
  if (node instanceof HTMLAnchorElement && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow ugc");
  }
  if (node instanceof HTMLImageElement) {
    node.setAttribute("loading", "lazy");
    node.setAttribute("referrerpolicy", "no-referrer");
  }
});

const MENTION = /(^|[^\w@])@([a-z0-9_]{2,30})\b/gi;

/** Markdown → sanitised DOM, with @handles marked up as mentions. */
export function renderComment(text: string, myHandle: string | null): DocumentFragment {
  const fragment = renderMarkdown(text);
  highlightMentions(fragment, myHandle?.toLowerCase() ?? null);
  return fragment;
}

/** Markdown → sanitised DOM, as written (a project document: its @handles mention nobody). */
export function renderMarkdown(text: string): DocumentFragment {
  return purify.sanitize(markdown.parse(text) as string, SANITIZE);
}

/** Wraps @handles found in text nodes (never inside code or links) in a span; builds nodes, never HTML. */
function highlightMentions(root: DocumentFragment, myHandle: string | null): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest("code, pre, a") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);

  for (const textNode of texts) {
    const value = textNode.data;
    MENTION.lastIndex = 0;
    if (!MENTION.test(value)) continue;
    MENTION.lastIndex = 0;
    const parts = document.createDocumentFragment();
    let last = 0;
    for (let match = MENTION.exec(value); match; match = MENTION.exec(value)) {
      const start = match.index + match[1]!.length;
      parts.append(value.slice(last, start));
      const handle = match[2]!;
      const mention = document.createElement("span");
      mention.className = handle.toLowerCase() === myHandle ? "mention mention--me" : "mention";
      mention.textContent = `@${handle}`;
      parts.append(mention);
      last = start + handle.length + 1;
    }
    parts.append(value.slice(last));
    textNode.replaceWith(parts);
  }
}

/** A comment's words without its Markdown (for a one-line excerpt): rendered and sanitised, then read as text. */
export function commentAsText(text: string): string {
  const fragment = purify.sanitize(markdown.parse(text) as string, SANITIZE);
  return (fragment.textContent ?? "").replace(/\s+/g, " ").trim();
}
