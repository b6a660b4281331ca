import { Api, ApiError, describeFieldError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { DevTokenResponse } from "../types";
import { icon } from "../widgets/icons";
import { languageSwitch } from "../widgets/languageSwitch";

/**
 * Sign-in with the development token issuer: a handle and a display name are enough. (With an OpenID
 * Connect authority in production, this page is where the redirect to it would start.)
 */
export function signInPage(signedIn: (response: DevTokenResponse) => void): HTMLElement {
  const handle = h("input", {
    class: "input", id: "signin-handle", name: "handle", required: true, autocomplete: "username",
    pattern: "[A-Za-z0-9_]{2,30}", maxlength: 30, placeholder: t("signin:handlePlaceholder"), "aria-describedby": "signin-handle-help", testid: "signin-handle",
  });
  const displayName = h("input", {
    class: "input", id: "signin-name", name: "displayName", required: true, autocomplete: "name", maxlength: 80,
    placeholder: t("signin:namePlaceholder"), "aria-describedby": "signin-name-help", testid: "signin-name",
  });
  const error = h("p", { class: "form__error", role: "alert", hidden: true });
  const button = h("button", { class: "button button--primary button--wide", type: "submit", testid: "signin-submit" }, t("signin:submit"));
  const form = h("form", { class: "signin__form", testid: "signin" },
    h("label", { class: "field" }, h("span", { class: "field__label" }, t("signin:handle")), handle,
      h("span", { class: "field__help", id: "signin-handle-help" }, t("signin:handleHelp"))),
    h("label", { class: "field" }, h("span", { class: "field__label" }, t("signin:name")), displayName,
      h("span", { class: "field__help", id: "signin-name-help" }, t("signin:nameHelp"))),
    error, button);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      error.hidden = true;
      button.disabled = true;
      try {
        signedIn(await Api.devToken(handle.value.trim(), displayName.value.trim() || handle.value.trim()));
      } catch (failure) {
        error.hidden = false;
        error.textContent = failure instanceof ApiError ? describeFieldError(failure) : t("signin:failed");
      } finally {
        button.disabled = false;
      }
    })();
  });

  return h("main", { class: "signin", id: "main", tabindex: -1 },
    h("section", { class: "signin__card" },
      h("div", { class: "signin__brand" }, h("span", { class: "brand__logo" }, icon("leaf")), "Collab", languageSwitch()),
      h("h1", { class: "signin__title" }, t("signin:title")),
      h("p", { class: "signin__lead" }, t("signin:lead")),
      form,
      h("p", { class: "signin__note" }, t("signin:note"))));
}
