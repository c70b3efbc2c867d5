import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('it');

/** Italian (italiano), addressing the reader as "tu". */
export const it: BanterStrings = {
  composerLabel: 'Messaggio',
  composerPlaceholder: 'Scrivi un messaggio…',
  send: 'Invia',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Messaggi',
  loadingOlder: 'Caricamento dei messaggi precedenti…',
  loadOlder: 'Carica i messaggi precedenti',
  beginningOfConversation: 'Questo è l’inizio della conversazione',
  newMessages: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'nuovo messaggio', other: 'nuovi messaggi' })}`,
  jumpToLatest: 'Vai ai più recenti',
  edited: 'modificato',
  deleted: 'Questo messaggio è stato eliminato',
  retry: 'Riprova',
  loading: 'Caricamento…',
  loadFailed: 'Impossibile caricare questa parte della chat.',
  discard: 'Scarta',
  failed: (reason) => `Non inviato: ${reason}`,
  messageStatus: {
    sending: 'Invio in corso',
    sent: 'Inviato',
    delivered: 'Consegnato',
    read: 'Letto',
    failed: 'Non inviato',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} persone stanno scrivendo…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'sta' : 'stanno'} scrivendo…`;
  },
  connection: {
    connecting: 'Connessione…',
    connected: 'Connesso',
    reconnecting: 'Riconnessione…',
    offline: 'Sei offline: i messaggi verranno inviati quando tornerai online',
    refused: 'Impossibile connettersi alla chat',
    closed: 'Disconnesso',
  },
  serverUnreachable:
    'Impossibile raggiungere il server della chat: i messaggi verranno inviati quando tornerà disponibile',
  queued: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'messaggio in attesa', other: 'messaggi in attesa' })} di invio`,
  online: 'Online',
  lastSeen: (when) => `Ultimo accesso ${when}`,
  offline: 'Offline',
  today: 'Oggi',
  yesterday: 'Ieri',
  you: 'Tu',
  attachment: 'Allegato',
  image: (name) => (name ? `Immagine: ${name}` : 'Immagine'),
  conversationsLabel: 'Conversazioni',
  searchConversations: 'Cerca conversazioni',
  noConversations: 'Ancora nessuna conversazione',
  noMatches: 'Nessuna conversazione corrisponde alla ricerca',
  loadingConversations: 'Caricamento delle conversazioni…',
  unread: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'messaggio non letto', other: 'messaggi non letti' })}`,
  unreadMentions: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'menzione non letta', other: 'menzioni non lette' })} di te`,
  mentionSuggestions: 'Persone da menzionare',
  mentionNoMatch: 'Nessuno con questo nome',
  muted: 'Silenziata',
  archived: 'Archiviata',
  newConversation: 'Nuova conversazione',
  searchPeople: 'Cerca persone',
  noPeopleFound: 'Nessuno trovato',
  startConversation: (name) => `Inizia una conversazione con ${name}`,
  newGroup: 'Nuovo gruppo',
  groupTitle: 'Nome del gruppo (facoltativo)',
  removeFromGroup: (name) => `Rimuovi ${name}`,
  createGroup: 'Crea gruppo',
  cancel: 'Annulla',
  openChat: 'Apri la chat',
  closeChat: 'Chiudi la chat',
  back: 'Torna alle conversazioni',
  chatTitle: 'Chat',
  emptyConversation: 'Ancora nessun messaggio. Saluta!',
  selectConversation: 'Seleziona una conversazione',
  participants: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'partecipante', other: 'partecipanti' })}`,
  messageActions: 'Azioni sul messaggio',
  reply: 'Rispondi',
  react: 'Reagisci',
  reactWith: (emoji) => `Reagisci con ${emoji}`,
  moreReactions: 'Altre reazioni',
  emojiPicker: 'Scegli una reazione',
  searchEmoji: 'Cerca emoji',
  loadingEmoji: 'Caricamento delle emoji…',
  emojiLoadFailed: 'Impossibile caricare le emoji',
  noEmojiFound: 'Nessuna emoji trovata',
  skinTone: 'Tonalità della pelle',
  emojiChoice: (label, reacted) => (reacted ? `${label}, la tua reazione` : label),
  copyText: 'Copia testo',
  edit: 'Modifica',
  delete: 'Elimina',
  deleteConfirm: 'Eliminare questo messaggio per tutti?',
  deleteConfirmAction: 'Elimina per tutti',
  replyingTo: (name) => `Risposta a ${name}`,
  cancelReply: 'Annulla risposta',
  editingMessage: 'Modifica del messaggio',
  cancelEdit: 'Annulla modifica',
  saveEdit: 'Salva',
  replyDeleted: 'Messaggio eliminato',
  replyNotLoaded: 'Messaggio originale non caricato',
  quoteLabel: (sender, text) =>
    sender ? `In risposta a ${sender}: ${text}` : `In risposta a: ${text}`,
  reactionsLabel: 'Reazioni',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${formatCount(locale, count)} ${plural(locale, count, { one: 'reazione', other: 'reazioni' })}`;
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest =
      others > 0
        ? [
            `${formatCount(locale, others)} ${plural(locale, others, { one: 'altro', other: 'altri' })}`,
          ]
        : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'Impossibile modificare',
    delete: 'Impossibile eliminare',
    react: 'Impossibile aggiungere la reazione',
    unreact: 'Impossibile rimuovere la reazione',
  },
  banned: 'Questo account non può usare la chat',
  conversationActions: 'Opzioni della conversazione',
  block: 'Blocca',
  blockConfirm:
    'Bloccare questa persona? Non potrà scriverti direttamente né vedere quando sei online.',
  unblock: 'Sblocca',
  youBlocked: 'Hai bloccato questa persona',
  blockedMessage: 'Messaggio di una persona che hai bloccato',
  showMessage: 'Mostra',
  report: 'Segnala',
  reportTitle: 'Segnala messaggio',
  reportReasons: {
    spam: 'Spam',
    abuse: 'Molestie o insulti',
    inappropriate: 'Contenuto inappropriato',
    other: 'Altro',
  },
  reportDetails: 'Dettagli (facoltativo)',
  reportSent: 'Grazie: la segnalazione è stata inviata.',
  close: 'Chiudi',
  searchMessages: 'Cerca nei messaggi',
  searchAllMessages: 'Cerca in tutte le conversazioni',
  searching: 'Ricerca in corso…',
  searchNoResults: 'Nessun messaggio trovato',
  searchFailed: 'Ricerca non riuscita. Riprova.',
  searchLoadMore: 'Carica altri',
  unreadDivider: 'Nuovi messaggi',
  jumpToFirstUnread: 'Vai al primo non letto',
  mute: 'Silenzia',
  unmute: 'Riattiva notifiche',
  archive: 'Archivia',
  unarchive: 'Rimuovi dall’archivio',
  leaveGroup: 'Esci dal gruppo',
  leaveConfirm: 'Uscire da questo gruppo? Non riceverai più i suoi messaggi.',
  leave: 'Esci',
  archivedEmpty: 'Nessuna conversazione archiviata',
  conversationActionFailed: 'Non è riuscito. Riprova.',
  leftConversation: 'Non fai più parte di questa conversazione.',
  uploads: {
    attach: 'Allega file',
    remove: (name) => `Rimuovi ${name}`,
    dropHere: 'Rilascia i file per inviarli',
    progress: (percent) => `Caricamento ${percent}%`,
    uploaded: 'Caricato',
    cancel: 'Annulla',
    openImage: (name) => `Apri immagine ${name}`,
    viewer: 'Visualizzatore di immagini',
    previous: 'Immagine precedente',
    next: 'Immagine successiva',
    download: (name) => `Scarica ${name}`,
  },
};
