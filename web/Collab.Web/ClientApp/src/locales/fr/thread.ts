import type { thread as en } from "../en/thread";
import type { Messages } from "../en";

export const thread: Messages<typeof en> = {
  loading: "Chargement de la discussion…",
  locked: "Verrouillée",
  lock: "Verrouiller la discussion",
  unlock: "Déverrouiller la discussion",
  lockedNotice: "La discussion est verrouillée.",
  unlockedNotice: "La discussion est de nouveau ouverte.",
  noComments: "Pas encore de commentaire. Lancez la conversation !",
  earlier: "Afficher les commentaires précédents",
  placeholder: "Participer à la discussion…",
  send: "Envoyer",
  sending: "envoi…",
  flagged: "Merci : les modérateurs vont regarder.",
  lockedComposer: "Cette discussion est verrouillée : la lecture reste ouverte, les nouveaux commentaires sont suspendus.",
  guestComposer: "Rejoignez le cercle pour participer à la discussion.",
  guest: "Vous lisez en tant qu’invité·e.",
  joinCircle: "Rejoindre le cercle",
  joined: "Bienvenue ! Vous avez rejoint le cercle.",
  typingOne: "{{name}} écrit…",
  typingTwo: "{{first}} et {{second}} écrivent…",
  typingMany: "Plusieurs personnes écrivent…",
  hereNow: "Ici maintenant",
  comments: "Commentaires",
};
