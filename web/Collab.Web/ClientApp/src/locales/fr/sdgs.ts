import type { sdgs as en } from "../en/sdgs";
import type { Messages } from "../en";

// Les noms courts des objectifs de développement durable, comme l’ONU les écrit en français.
export const sdgs: Messages<typeof en> = {
  goal1: "Pas de pauvreté",
  goal2: "Faim « zéro »",
  goal3: "Bonne santé et bien-être",
  goal4: "Éducation de qualité",
  goal5: "Égalité entre les sexes",
  goal6: "Eau propre et assainissement",
  goal7: "Énergie propre et d’un coût abordable",
  goal8: "Travail décent et croissance économique",
  goal9: "Industrie, innovation et infrastructure",
  goal10: "Inégalités réduites",
  goal11: "Villes et communautés durables",
  goal12: "Consommation et production responsables",
  goal13: "Mesures relatives à la lutte contre les changements climatiques",
  goal14: "Vie aquatique",
  goal15: "Vie terrestre",
  goal16: "Paix, justice et institutions efficaces",
  goal17: "Partenariats pour la réalisation des objectifs",
};
