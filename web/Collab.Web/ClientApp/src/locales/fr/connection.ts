import type { connection as en } from "../en/connection";
import type { Messages } from "../en";

export const connection: Messages<typeof en> = {
  state: {
    connected: "connecté",
    reconnecting: "reconnexion",
    offline: "hors ligne",
    refused: "trop d’onglets",
  },
  explain: {
    connected: "En direct : les modifications des autres apparaissent au fur et à mesure.",
    reconnecting: "Reconnexion… ce que vous envoyez attend et part dès que la connexion revient.",
    offline: "Hors ligne. Vous pouvez continuer d’écrire ; les messages partent dès votre retour en ligne.",
    refused: "Votre compte est ouvert dans trop d’onglets ou d’appareils à la fois. Fermez-en un et cet onglet se reconnecte tout seul ; ce que vous écrivez attend jusque-là.",
  },
  waiting_one: "{{count}} en attente d’envoi",
  waiting_other: "{{count}} en attente d’envoi",
};
