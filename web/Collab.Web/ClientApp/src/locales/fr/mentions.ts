import type { mentions as en } from "../en/mentions";
import type { Messages } from "../en";

export const mentions: Messages<typeof en> = {
  hint: "Markdown accepté · @pseudo mentionne quelqu’un · Ctrl+Entrée envoie",
  cancel: "Annuler",
  sendFailed: "L’envoi a échoué. Veuillez réessayer.",
  suggestions: "Membres à mentionner",
  noMatch: "Aucun membre de ce cercle ne correspond",
  available_one: "{{count}} membre proposé ; choisissez avec les flèches et Entrée",
  available_other: "{{count}} membres proposés ; choisissez avec les flèches et Entrée",
};
