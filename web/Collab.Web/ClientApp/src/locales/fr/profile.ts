import type { profile as en } from "../en/profile";
import type { Messages } from "../en";

export const profile: Messages<typeof en> = {
  title: "Votre profil",
  link: "Votre profil",
  displayName: "Nom affiché",
  handle: "Identifiant",
  handleHint: "Lettres, chiffres et tirets bas ; les autres vous mentionnent avec @identifiant.",
  saved: "Votre profil est enregistré.",
  circles: "Vos cercles",
  noCircles: "Vous n’avez encore rejoint aucun cercle.",
  moderation: "Modération",
  allActivity: "Activité de tous les cercles",
};
