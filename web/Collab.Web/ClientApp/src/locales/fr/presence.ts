import type { presence as en } from "../en/presence";
import type { Messages } from "../en";

export const presence: Messages<typeof en> = {
  nobody: "Personne d’autre n’est là pour le moment.",
  typing: "écrit…",
  more: "et {{formatted}} autres personnes présentes",
};
