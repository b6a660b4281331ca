import type { project as en } from "../en/project";
import type { Messages } from "../en";

export const project: Messages<typeof en> = {
  loading: "Chargement du projet…",
  edit: "Modifier le projet",
  editTitle: "Modifier le projet",
  createTitle: "Un nouveau projet",
  tagsLabel: "Mots-clés",
  sdgsLabel: "Objectifs de développement durable",
  sdg: "ODD {{goal}} : {{name}}",
  document: "Document du projet",
  readOnly: "Lecture seule",
  cannotOpen: "Impossible d’ouvrir le document : {{message}}",
  readingNote: "Vous lisez ce document.",
  joinCircle: "Rejoignez le cercle",
  toWrite: "pour l’écrire avec les autres.",
  history: "Historique",
  contributions: "Contributions",
  aboutDocument: "À propos du document",
  inDocument: "Dans le document",
  discussion: "Discussion",
  openDiscussion: "Ouvrir la discussion",
  contributors: "Contributeur·rices",
  status_Running: "En cours",
  status_Completed: "Terminé",
  status_Canceled: "Annulé",
};
