import type { home as en } from "../en/home";
import type { Messages } from "../en";

export const home: Messages<typeof en> = {
  pageTitle: "Cercles · Collab",
  hello: "Bonjour, {{name}} !",
  lead: "Les cercles sont des communautés d’apprenants et d’éducateurs. Rejoignez-en un, lancez une conversation, construisez un projet ensemble.",
  loading: "Chargement des cercles…",
  none: "Aucun cercle pour l’instant.",
  myCircles: "Vos cercles",
  otherCircles: "Autres cercles",
  allCircles: "Tous les cercles",
  noOtherCircles: "Vous êtes dans tous les cercles.",
  members_one: "{{count}} membre",
  members_other: "{{count}} membres",
  joined: "membre",
  inviteOnly: "sur invitation",
  newsLoading: "Recherche des nouveautés…",
  nothingNew: "Rien de nouveau depuis votre dernière visite",
  newComments_one: "{{count}} nouveau commentaire",
  newComments_other: "{{count}} nouveaux commentaires",
  inThreads_one: "dans {{count}} discussion",
  inThreads_other: "dans {{count}} discussions",
  newThreads_one: "{{count}} nouvelle discussion",
  newThreads_other: "{{count}} nouvelles discussions",
  newsFailed: "Les nouveautés n’ont pas pu être chargées.",
};
