import type { connection as en } from "../en/connection";
import type { Messages } from "../en";

export const connection: Messages<typeof en> = {
  state: {
    connected: "connecté",
    reconnecting: "reconnexion",
    offline: "hors ligne",
  },
  explain: {
    connected: "En direct : les modifications des autres apparaissent au fur et à mesure.",
    reconnecting: "Reconnexion… ce que vous envoyez attend et part dès que la connexion revient.",
    offline: "Hors ligne. Vous pouvez continuer d’écrire ; les messages partent dès votre retour en ligne.",
  },
  waiting_one: "{{count}} en attente d’envoi",
  waiting_other: "{{count}} en attente d’envoi",
};
