import { Api, ApiError } from "../api";
import { h } from "../dom";
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
    pattern: "[A-Za-z0-9_]{2,30}", maxlength: 30, placeholder: "e.g. ana_lopez", testid: "signin-handle",
  });
  const displayName = h("input", {
    class: "input", id: "signin-name", name: "displayName", required: true, autocomplete: "name", maxlength: 80,
    placeholder: "e.g. Ana López", testid: "signin-name",
  });
  const error = h("p", { class: "form__error", role: "alert", hidden: true });
  const button = h("button", { class: "button button--primary button--wide", type: "submit", testid: "signin-submit" }, "Sign in");
  const form = h("form", { class: "signin__form", testid: "signin" },
    h("label", { class: "field" }, h("span", { class: "field__label" }, "Your handle"), handle,
      h("span", { class: "field__help" }, "2–30 letters, digits or _. Others mention you with @handle.")),
    h("label", { class: "field" }, h("span", { class: "field__label" }, "Your name"), displayName,
      h("span", { class: "field__help" }, "How others see you in circles and threads.")),
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
        error.textContent = failure instanceof ApiError
          ? Object.values(failure.fieldErrors).flat()[0] ?? failure.message
          : "Sign-in failed. Please try again.";
      } finally {
        button.disabled = false;
      }
    })();
  });

  return h("div", { class: "signin" },
    h("section", { class: "signin__card" },
      h("div", { class: "signin__brand" }, h("span", { class: "brand__logo" }, icon("leaf")), "Collab", languageSwitch()),
      h("h1", { class: "signin__title" }, "Learn together, live"),
      h("p", { class: "signin__lead" }, "Join circles of learners and educators, talk in threads, and build projects with people around the world."),
      form,
      h("p", { class: "signin__note" }, "Development sign-in: no password needed on this server.")));
}
