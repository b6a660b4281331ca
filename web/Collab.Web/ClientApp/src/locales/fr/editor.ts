import type { editor as en } from "../en/editor";
import type { Messages } from "../en";

export const editor: Messages<typeof en> = {
  documentLabel: "Document du projet",
  placeholder: "Commencez à écrire ensemble le document du projet…",
  notMerged: "Vos dernières modifications n’ont pas pu être fusionnées avec celles des autres.",
  notSaved: "Votre dernière modification n’a pas pu être enregistrée : {{reason}}",
  changedTooMuch: "Le document a trop changé pendant votre absence : vos dernières modifications non enregistrées n’ont pas pu être fusionnées.",
  toolbar: {
    label: "Mise en forme",
    heading: "Titre",
    bold: "Gras",
    italic: "Italique",
    bulletList: "Liste à puces",
    numberedList: "Liste numérotée",
    link: "Lien",
    code: "Code",
    withShortcut: "{{name}} ({{shortcut}})",
  },
  preview: {
    title: "Aperçu",
    empty: "Rien à afficher pour l’instant : ce que vous écrivez en Markdown apparaît ici, mis en forme.",
  },
  saveState: {
    loading: "Ouverture…",
    saving: "Enregistrement…",
    saved: "Enregistré",
    offline: "Hors ligne",
    offlineKept: "Hors ligne · modifications conservées",
    unavailable: "Indisponible",
    explainLoading: "Ouverture du document…",
    explainSaving: "Vos dernières modifications sont en route vers le serveur.",
    explainSaved: "Toutes les modifications sont enregistrées sur le serveur.",
    explainOffline: "Hors ligne : continuez à écrire, vos modifications sont gardées ici et enregistrées au retour de la connexion.",
    explainUnavailable: "Ce document ne peut pas être ouvert.",
  },
};
