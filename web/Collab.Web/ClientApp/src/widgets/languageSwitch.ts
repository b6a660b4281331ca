import { h } from "../dom";
import { language, languages, setLanguage, t, type Language } from "../i18n";

/** The language menu in the header and on the sign-in page; the page renders again in the chosen language. */
export function languageSwitch(): HTMLElement {
  const select = h("select", { class: "input input--compact", testid: "language", "aria-label": t("common:language") },
    ...Object.entries(languages).map(([code, name]) => h("option", { value: code, lang: code }, name)));
  select.value = language();
  select.addEventListener("change", () => { void setLanguage(select.value as Language); });
  return select;
}
