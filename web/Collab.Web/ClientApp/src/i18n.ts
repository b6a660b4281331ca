import i18next, { type TOptions } from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { en } from "./locales/en";
import { fr } from "./locales/fr";

// The workspace's language: English or French, taken from the browser the first time, then from the member's
// choice (kept in localStorage). Every user-visible string goes through `t`, and every date and number through
// the formatters below, so both follow the language.

export const languages = { en: "English", fr: "Français" } as const;
export type Language = keyof typeof languages;

const storageKey = "collab.language";

export async function initI18n(): Promise<void> {
  await i18next.use(LanguageDetector).init({
    resources: { en, fr },
    supportedLngs: Object.keys(languages),
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    fallbackLng: "en",
    defaultNS: "common",
    // Text is inserted with textContent, never as HTML: escaping here would show "&amp;" to readers.
    interpolation: { escapeValue: false },
    detection: { order: ["localStorage", "navigator"], lookupLocalStorage: storageKey, caches: ["localStorage"] },
    returnNull: false,
  });
  document.documentElement.lang = language();
}

/** A translated string: `t("thread:send")`, `t("common:members", { count })`. */
export function t(key: string, options: TOptions = {}): string {
  return i18next.t(key, options) as string;
}

export function language(): Language {
  return (i18next.resolvedLanguage ?? "en") as Language;
}

/** Switches the language; listeners (the workspace shell) render again in it. */
export async function setLanguage(next: Language): Promise<void> {
  await i18next.changeLanguage(next);
  document.documentElement.lang = next;
}

export function onLanguageChanged(listener: () => void): () => void {
  i18next.on("languageChanged", listener);
  return () => i18next.off("languageChanged", listener);
}

/** "3 minutes ago" / "il y a 3 minutes". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return t("common:justNow");
  const format = new Intl.RelativeTimeFormat(language(), { numeric: "auto" });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [["second", 60], ["minute", 60], ["hour", 24], ["day", 7], ["week", 4.35], ["month", 12]];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), "year");
}

export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString(language(), { dateStyle: "medium", timeStyle: "short" });
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(language(), options).format(value);
}
