import type { contributions as en } from "../en/contributions";
import type { Messages } from "../en";

export const contributions: Messages<typeof en> = {
  loading: "Chargement…",
  loadFailed: "Les contributions n’ont pas pu être chargées : {{reason}}",
  empty: "Personne n’a encore rien écrit.",
  someone: "Quelqu’un",
  exportTitle: "Télécharger qui a écrit quoi au format JSON",
  export: "Exporter en JSON",
  total_one: "{{formatted}} caractère · révision {{revision}}",
  total_other: "{{formatted}} caractères · révision {{revision}}",
  share: "{{characters}} · {{percent}}",
  barLabel: "{{name}} : {{percent}}",
  cardTitle: "Contributeurs",
  cardLabel: "{{name}} a écrit {{percent}} du document",
};
