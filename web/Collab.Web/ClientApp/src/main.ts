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
    document.title = "Sign in · Collab";
    replaceChildren(root, signInPage((response) => {
      started = true;
      stopFollowingLanguage();
      startWorkspace(saveSession(response));
    }));
  };
  const stopFollowingLanguage = onLanguageChanged(() => { if (!started) render(); });
  render();
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
  function renderHeader(): void {
    const me = ctx.me;
    // The place for moderation pages, offered to those who moderate or own a circle.
    const moderates = Object.values(me.circles).some((role) => role === "Moderator" || role === "Owner");
    replaceChildren(header,
      h("a", { class: "brand", href: href.circles(), "aria-label": t("common:allCircles") }, h("span", { class: "brand__logo" }, icon("leaf")),
        h("span", { class: "brand__name" }, "Collab")),
      h("nav", { class: "topnav", "aria-label": t("profile:moderation") },
        moderates ? h("a", { class: "topnav__link", href: href.moderation(), testid: "nav-moderation" }, t("profile:moderation")) : null),
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
  const outlet = h("div", { class: "outlet" });
  replaceChildren(root, header, outlet, toasts.element);
  // A new language renders the header and the page again; live state comes back from the subscriptions.
  const stopFollowingLanguage = onLanguageChanged(() => {
    renderHeader();
    if (current) route();
  });

  let current: Page | null = null;
  function route(): void {
    current?.dispose();
    // A toast is about the page it was said on.
    toasts.clear();
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
      default:
        current = {
          element: h("div", { class: "page" }, h("h1", { class: "page__title" }, t("common:nothingHere")),
            h("p", {}, h("a", { href: href.circles() }, t("common:backToCircles")))),
          dispose: () => undefined,
        };
    }
    replaceChildren(outlet, current.element);
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
