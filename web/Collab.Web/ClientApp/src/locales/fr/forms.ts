import type { forms as en } from "../en/forms";
import type { Messages } from "../en";

export const forms: Messages<typeof en> = {
  save: "Enregistrer",
  saving: "Enregistrement…",
  cancel: "Annuler",
  saved: "Enregistré.",
  name: "Nom",
  description: "Description",
  title: "Titre",
  summary: "Résumé",
  optional: "(facultatif)",
  tags: "Mots-clés",
  tagsHint: "Séparés par des virgules, par exemple : jardin, abeilles",
  sdgs: "Objectifs de développement durable",
  status: "Statut",
  notFoundTitle: "Introuvable",
  notFoundCircle: "Ce cercle n’existe pas, ou plus.",
  notFoundProject: "Ce projet n’existe pas, ou plus.",
  notFoundThread: "Cette discussion n’existe pas, ou plus.",
  notOpenTitle: "Pas accessible pour vous",
  notOpenText: "Seuls les membres du cercle peuvent voir ceci.",
  back: "Retour aux cercles",
  loadingFailed: "Impossible de charger cette page. Veuillez réessayer.",
};
