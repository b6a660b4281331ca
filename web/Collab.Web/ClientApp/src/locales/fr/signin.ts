import type { signin as en } from "../en/signin";
import type { Messages } from "../en";

export const signin: Messages<typeof en> = {
  pageTitle: "Connexion",
  title: "Apprendre ensemble, en direct",
  lead: "Rejoignez des cercles d’apprenants et d’éducateurs, discutez dans des fils et construisez des projets avec des personnes du monde entier.",
  handle: "Votre identifiant",
  handlePlaceholder: "p. ex. ana_lopez",
  handleHelp: "2 à 30 lettres, chiffres ou _. Les autres vous mentionnent avec @identifiant.",
  name: "Votre nom",
  namePlaceholder: "p. ex. Ana López",
  nameHelp: "Ce que les autres voient de vous dans les cercles et les fils.",
  submit: "Se connecter",
  failed: "La connexion a échoué. Veuillez réessayer.",
  note: "Connexion de développement : aucun mot de passe n’est demandé sur ce serveur.",
};
