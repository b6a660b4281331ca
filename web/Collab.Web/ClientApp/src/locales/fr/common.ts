import type { common as en } from "../en/common";
import type { Messages } from "../en";

export const common: Messages<typeof en> = {
  justNow: "à l’instant",
  language: "Langue",
  signOut: "Se déconnecter",
  allCircles: "Collab : tous les cercles",
  mentions: "Mentions",
  nothingHere: "Rien ici",
  backToCircles: "Retour aux cercles",
};
