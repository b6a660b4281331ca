import { t } from "./i18n";

const GOALS = Array.from({ length: 17 }, (_, i) => i + 1);

/**
 * The UN Sustainable Development Goals, for the badges on projects (colours are in app.css, .sdg--N): each name
 * read in the current language when it is read, so pages keep indexing by goal number.
 */
export const SDG_NAMES: Readonly<Record<number, string>> = Object.defineProperties({}, Object.fromEntries(
  GOALS.map((goal) => [goal, { enumerable: true, get: () => t(`sdgs:goal${goal}`) }])));
