import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('fr');

/**
 * French (français), addressing the reader as "vous". A no-break space
 * (U+00A0) comes before `:`, `?` and `!`, as French typography wants.
 */
export const fr: BanterStrings = {
  composerLabel: 'Message',
  composerPlaceholder: 'Écrire un message…',
  send: 'Envoyer',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Messages',
  loadingOlder: 'Chargement des messages précédents…',
  loadOlder: 'Charger les messages précédents',
  beginningOfConversation: 'C’est le début de la conversation',
  newMessages: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'nouveau message', other: 'nouveaux messages' })}`,
  jumpToLatest: 'Aller au plus récent',
  edited: 'modifié',
  deleted: 'Ce message a été supprimé',
  retry: 'Réessayer',
  loading: 'Chargement…',
  loadFailed: 'Impossible de charger cette partie du chat.',
  discard: 'Abandonner',
  failed: (reason) => `Non envoyé\u00a0: ${reason}`,
  messageStatus: {
    sending: 'Envoi en cours',
    sent: 'Envoyé',
    delivered: 'Distribué',
    read: 'Lu',
    failed: 'Non envoyé',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} personnes écrivent…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'écrit' : 'écrivent'}…`;
  },
  connection: {
    connecting: 'Connexion…',
    connected: 'Connecté',
    reconnecting: 'Reconnexion…',
    offline: 'Vous êtes hors ligne\u00a0: les messages seront envoyés dès votre retour en ligne',
    refused: 'Impossible de se connecter au chat',
    closed: 'Déconnecté',
  },
  serverUnreachable:
    'Le serveur de chat est injoignable\u00a0: les messages seront envoyés dès son retour',
  queued: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'message en attente', other: 'messages en attente' })} d’envoi`,
  online: 'En ligne',
  lastSeen: (when) => `Dernière activité ${when}`,
  offline: 'Hors ligne',
  today: 'Aujourd’hui',
  yesterday: 'Hier',
  you: 'Vous',
  attachment: 'Pièce jointe',
  image: (name) => (name ? `Image\u00a0: ${name}` : 'Image'),
  conversationsLabel: 'Conversations',
  searchConversations: 'Rechercher des conversations',
  noConversations: 'Aucune conversation pour l’instant',
  noMatches: 'Aucune conversation ne correspond à votre recherche',
  loadingConversations: 'Chargement des conversations…',
  unread: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'message non lu', other: 'messages non lus' })}`,
  unreadMentions: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mention de vous non lue', other: 'mentions de vous non lues' })}`,
  mentionSuggestions: 'Personnes à mentionner',
  mentionNoMatch: 'Personne de ce nom',
  muted: 'En sourdine',
  archived: 'Archivée',
  newConversation: 'Nouvelle conversation',
  searchPeople: 'Rechercher des personnes',
  noPeopleFound: 'Aucune personne trouvée',
  startConversation: (name) => `Démarrer une conversation avec ${name}`,
  newGroup: 'Nouveau groupe',
  groupTitle: 'Nom du groupe (facultatif)',
  removeFromGroup: (name) => `Retirer ${name}`,
  createGroup: 'Créer le groupe',
  cancel: 'Annuler',
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  back: 'Retour aux conversations',
  chatTitle: 'Chat',
  emptyConversation: 'Aucun message pour l’instant. Dites bonjour\u00a0!',
  selectConversation: 'Sélectionnez une conversation',
  participants: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'participant', other: 'participants' })}`,
  messageActions: 'Actions sur le message',
  reply: 'Répondre',
  react: 'Réagir',
  reactWith: (emoji) => `Réagir avec ${emoji}`,
  moreReactions: 'Plus de réactions',
  emojiPicker: 'Choisir une réaction',
  searchEmoji: 'Rechercher un emoji',
  loadingEmoji: 'Chargement des emoji…',
  emojiLoadFailed: 'Impossible de charger les emoji',
  noEmojiFound: 'Aucun emoji trouvé',
  skinTone: 'Teint',
  emojiChoice: (label, reacted) => (reacted ? `${label}, votre réaction` : label),
  copyText: 'Copier le texte',
  edit: 'Modifier',
  delete: 'Supprimer',
  deleteConfirm: 'Supprimer ce message pour tout le monde\u00a0?',
  deleteConfirmAction: 'Supprimer pour tous',
  replyingTo: (name) => `Réponse à ${name}`,
  cancelReply: 'Annuler la réponse',
  editingMessage: 'Modification du message',
  cancelEdit: 'Annuler la modification',
  saveEdit: 'Enregistrer',
  replyDeleted: 'Message supprimé',
  replyNotLoaded: 'Message d’origine non chargé',
  quoteLabel: (sender, text) =>
    sender ? `En réponse à ${sender}\u00a0: ${text}` : `En réponse à\u00a0: ${text}`,
  reactionsLabel: 'Réactions',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${formatCount(locale, count)} ${plural(locale, count, { one: 'réaction', other: 'réactions' })}`;
    return who ? `${emoji} ${how}\u00a0: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest =
      others > 0
        ? [
            `${formatCount(locale, others)} ${plural(locale, others, { one: 'autre', other: 'autres' })}`,
          ]
        : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'Impossible de modifier',
    delete: 'Impossible de supprimer',
    react: 'Impossible d’ajouter la réaction',
    unreact: 'Impossible de retirer la réaction',
  },
  banned: 'Ce compte ne peut pas utiliser le chat',
  conversationActions: 'Options de la conversation',
  block: 'Bloquer',
  blockConfirm:
    'Bloquer cette personne ? Elle ne pourra plus vous écrire directement ni voir quand vous êtes en ligne.',
  unblock: 'Débloquer',
  youBlocked: 'Vous avez bloqué cette personne',
  blockedMessage: 'Message d’une personne que vous avez bloquée',
  showMessage: 'Afficher',
  report: 'Signaler',
  reportTitle: 'Signaler le message',
  reportReasons: {
    spam: 'Spam',
    abuse: 'Harcèlement ou insultes',
    inappropriate: 'Contenu inapproprié',
    other: 'Autre chose',
  },
  reportDetails: 'Précisions (facultatif)',
  reportSent: 'Merci : le signalement a été envoyé.',
  close: 'Fermer',
  searchMessages: 'Rechercher des messages',
  searchAllMessages: 'Rechercher dans toutes les conversations',
  searching: 'Recherche…',
  searchNoResults: 'Aucun message trouvé',
  searchFailed: 'La recherche a échoué. Réessayez.',
  searchLoadMore: 'Charger plus',
  unreadDivider: 'Nouveaux messages',
  jumpToFirstUnread: 'Aller au premier non lu',
  mute: 'Mettre en sourdine',
  unmute: 'Réactiver le son',
  archive: 'Archiver',
  unarchive: 'Désarchiver',
  leaveGroup: 'Quitter le groupe',
  leaveConfirm: 'Quitter ce groupe ? Vous ne recevrez plus ses messages.',
  leave: 'Quitter',
  archivedEmpty: 'Aucune conversation archivée',
  conversationActionFailed: 'Échec. Veuillez réessayer.',
  leftConversation: 'Vous ne faites plus partie de cette conversation.',
  uploads: {
    attach: 'Joindre des fichiers',
    remove: (name) => `Retirer ${name}`,
    dropHere: 'Déposez des fichiers pour les envoyer',
    progress: (percent) => `Envoi ${percent} %`,
    uploaded: 'Envoyé',
    cancel: 'Annuler',
    openImage: (name) => `Ouvrir l’image ${name}`,
    viewer: 'Visionneuse d’images',
    previous: 'Image précédente',
    next: 'Image suivante',
    download: (name) => `Télécharger ${name}`,
  },
};
