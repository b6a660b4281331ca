import type { common as en } from "../en/common";
import type { Messages } from "../en";

export const common: Messages<typeof en> = {
  justNow: "à l’instant",
  language: "Langue",
  signOut: "Se déconnecter",
  allCircles: "Collab : tous les cercles",
  mentions: "Mentions",
  nothingHere: "Rien ici",
  notFoundLead: "Cette adresse ne mène à aucune page de l’espace de travail.",
  backToCircles: "Retour aux cercles",
  skipToContent: "Aller au contenu principal",
  signedInAs: "Connecté·e en tant que {{name}} (@{{handle}})",
  pageTitle: "{{page}} · Collab",
  loading: "Chargement de Collab…",
  you: "vous",
};
