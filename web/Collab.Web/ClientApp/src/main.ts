import { Api } from "./api";
import type { AppContext, Page } from "./context";
import { h, replaceChildren } from "./dom";
import { LiveConnection } from "./live/liveConnection";
import { MemberDirectory } from "./members";
import { circleListPage } from "./pages/circleListPage";
import { circleDashboardPage } from "./pages/circleDashboardPage";
import { circlePage } from "./pages/circlePage";
import { dashboardPage } from "./pages/dashboardPage";
import { projectPage } from "./pages/projectPage";
import { moderationPage } from "./pages/moderationPage";
import { profilePage } from "./pages/profilePage";
import { signInPage } from "./pages/signInPage";
import { threadPage } from "./pages/threadPage";
import { href, parseRoute } from "./router";
import { initI18n, onLanguageChanged, t } from "./i18n";
import { clearSession, loadSession, saveSession, type Session } from "./session";
import type { Member } from "./types";
import { avatar } from "./widgets/avatar";
import { ConnectionIndicator } from "./widgets/connectionIndicator";
import { Inbox } from "./widgets/inbox";
import { Toasts } from "./widgets/toast";
import { icon } from "./widgets/icons";
import { languageSwitch } from "./widgets/languageSwitch";

// The workspace: a sign-in page, or a header (connection, mentions, member) above the page of the route.

const root = document.getElementById("app")!;

function showSignIn(): void {
  let started = false;
  const render = (): void => {
    document.title = t("common:pageTitle", { page: t("signin:pageTitle") });
    replaceChildren(root, signInPage((response) => {
      started = true;
      stopFollowingLanguage();
      startWorkspace(saveSession(response));
    }));
  };
  const stopFollowingLanguage = onLanguageChanged(() => {
    if (started) return;
    // What was typed stays typed: only the words around it change.
    const typed = [...root.querySelectorAll("input")].map((input) => [input.id, input.value] as const);
    keepingFocus(root, render);
    for (const [id, value] of typed) {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.value = value;
    }
  });
  render();
}

/**
 * Renders part of the page again (in a new language) and puts the focus back on the control that had it, found
 * by its test id: a keyboard user who just chose a language stays on the language menu.
 */
function keepingFocus(within: HTMLElement, render: () => void): void {
  const focused = document.activeElement instanceof HTMLElement && within.contains(document.activeElement)
    ? document.activeElement.dataset["testid"] : undefined;
  render();
  if (focused) within.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
}

/** The page for an address that leads nowhere: plainly that, and the way back. */
function notFoundPage(): Page {
  document.title = t("common:pageTitle", { page: t("common:nothingHere") });
  return {
    element: h("div", { class: "page", testid: "not-found" },
      h("h1", { class: "page__title" }, t("common:nothingHere")),
      h("p", { class: "page__lead" }, t("common:notFoundLead")),
      h("p", {}, h("a", { href: href.circles() }, t("common:backToCircles")))),
    dispose: () => undefined,
  };
}

function startWorkspace(session: Session): void {
  let signedOut = false;
  const signOut = (): void => {
    if (signedOut) return;
    signedOut = true;
    window.removeEventListener("hashchange", route);
    stopFollowingLanguage();
    inbox.dispose();
    indicator.dispose();
    current?.dispose();
    void live.dispose();
    clearSession();
    showSignIn();
  };

  const api = new Api(() => session.token, signOut);
  const live = new LiveConnection(() => session.token, signOut);
  const members = new MemberDirectory(api);
  members.remember(session.member);
  const toasts = new Toasts();
  const meListeners = new Set<(me: Member) => void>();
  const ctx: AppContext = {
    api, live, members,
    me: session.member,
    refreshMe: async () => {
      ctx.me = await api.me();
      members.remember(ctx.me);
      for (const listener of meListeners) listener(ctx.me);
      return ctx.me;
    },
    onMeChanged: (listener) => {
      meListeners.add(listener);
      return () => meListeners.delete(listener);
    },
    notify: (message, tone) => toasts.show(message, tone),
  };

  const indicator = new ConnectionIndicator(live);
  const inbox = new Inbox(session.member.id, live, members, api);
  const header = h("header", { class: "topbar" });
  // The skip link moves the focus without touching the hash, which is the route.
  const outlet = h("main", { class: "outlet", id: "main", tabindex: -1 });
  const skipLink = h("a", {
    class: "skip-link", href: "#main", testid: "skip-link",
    onclick: (event) => { event.preventDefault(); outlet.focus(); },
  });
  function renderHeader(): void {
    skipLink.textContent = t("common:skipToContent");
    const me = ctx.me;
    // The place for moderation pages, offered to those who moderate or own a circle.
    const moderates = Object.values(me.circles).some((role) => role === "Moderator" || role === "Owner");
    replaceChildren(header,
      h("a", { class: "brand", href: href.circles(), "aria-label": t("common:allCircles") }, h("span", { class: "brand__logo" }, icon("leaf")),
        h("span", { class: "brand__name" }, "Collab")),
      // No empty navigation landmark for those who moderate nothing.
      moderates ? h("nav", { class: "topnav", "aria-label": t("profile:moderation") },
        h("a", { class: "topnav__link", href: href.moderation(), testid: "nav-moderation" }, t("profile:moderation"))) : null,
      h("div", { class: "topbar__right" },
        indicator.element,
        inbox.element,
        h("a", { class: "me", testid: "me", href: href.profile(), title: t("profile:link") }, avatar(me.id, me.displayName, "small"),
          h("span", { class: "me__name" }, me.displayName),
          h("span", { class: "me__handle" }, `@${me.handle}`)),
        languageSwitch(),
        h("button", { class: "button button--quiet", type: "button", testid: "sign-out", onclick: signOut }, t("common:signOut"))));
  }
  renderHeader();
  ctx.onMeChanged(() => { if (!signedOut) renderHeader(); });
  // Presence and other live parts are dimmed by the stylesheet while the connection is not there.
  live.onState((state) => { document.body.dataset["connection"] = state; });
  replaceChildren(root, skipLink, header, outlet, toasts.element);
  // A new language renders the header and the page again; live state comes back from the subscriptions.
  const stopFollowingLanguage = onLanguageChanged(() => {
    keepingFocus(header, renderHeader);
    if (current) route();
  });

  let current: Page | null = null;
  function route(): void {
    current?.dispose();
    // A toast is about the page it was said on.
    toasts.clear();
    // Until the new page names itself (some once their data arrives), the title is not the old page's.
    document.title = "Collab";
    const target = parseRoute(location.hash);
    switch (target.name) {
      case "circles": current = circleListPage(ctx); break;
      case "circle": current = circlePage(ctx, target.id); break;
      case "circleDashboard": current = circleDashboardPage(ctx, target.id); break;
      case "dashboard": current = dashboardPage(ctx); break;
      case "profile": current = profilePage(ctx); break;
      case "moderation": current = moderationPage(ctx); break;
      case "project": current = projectPage(ctx, target.id); break;
      case "thread": current = threadPage(ctx, target.id, target.commentId); break;
      default: current = notFoundPage();
    }
    replaceChildren(outlet, current.element);
    // A link followed inside the old page took the focus with it: start the next Tab from the new page's top.
    if (!document.activeElement || document.activeElement === document.body) outlet.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  live.start();
  // Memberships may have changed since the token was issued (joined in another tab): pages need them right.
  void ctx.refreshMe()
    .catch((error: unknown) => console.warn("Could not refresh the profile; using the one from sign-in", error))
    .then(() => {
      if (signedOut) return;
      window.addEventListener("hashchange", route);
      route();
    });
}

void initI18n().then(() => {
  const session = loadSession();
  if (session) startWorkspace(session);
  else showSignIn();
});
