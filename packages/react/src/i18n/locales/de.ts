import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('de');

/** German (Deutsch), addressing the reader as "du" as chat apps do. */
export const de: BanterStrings = {
  composerLabel: 'Nachricht',
  composerPlaceholder: 'Nachricht schreiben…',
  send: 'Senden',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Nachrichten',
  loadingOlder: 'Ältere Nachrichten werden geladen…',
  loadOlder: 'Ältere Nachrichten laden',
  beginningOfConversation: 'Hier beginnt die Unterhaltung',
  newMessages: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'neue Nachricht', other: 'neue Nachrichten' })}`,
  jumpToLatest: 'Zur neuesten Nachricht',
  edited: 'bearbeitet',
  deleted: 'Diese Nachricht wurde gelöscht',
  retry: 'Erneut versuchen',
  loading: 'Wird geladen…',
  loadFailed: 'Dieser Teil des Chats konnte nicht geladen werden.',
  discard: 'Verwerfen',
  failed: (reason) => `Nicht gesendet: ${reason}`,
  messageStatus: {
    sending: 'Wird gesendet',
    sent: 'Gesendet',
    delivered: 'Zugestellt',
    read: 'Gelesen',
    failed: 'Nicht gesendet',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} Personen schreiben…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'schreibt' : 'schreiben'}…`;
  },
  connection: {
    connecting: 'Verbindung wird hergestellt…',
    connected: 'Verbunden',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    offline: 'Du bist offline: Nachrichten werden gesendet, sobald du wieder online bist',
    refused: 'Keine Verbindung zum Chat möglich',
    closed: 'Getrennt',
  },
  serverUnreachable:
    'Der Chat-Server ist nicht erreichbar: Nachrichten werden gesendet, sobald er wieder da ist',
  queued: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'Nachricht wartet', other: 'Nachrichten warten' })} auf den Versand`,
  online: 'Online',
  lastSeen: (when) => `Zuletzt online ${when}`,
  offline: 'Offline',
  today: 'Heute',
  yesterday: 'Gestern',
  you: 'Du',
  attachment: 'Anhang',
  image: (name) => (name ? `Bild: ${name}` : 'Bild'),
  conversationsLabel: 'Unterhaltungen',
  searchConversations: 'Unterhaltungen durchsuchen',
  noConversations: 'Noch keine Unterhaltungen',
  noMatches: 'Keine Unterhaltung passt zu deiner Suche',
  loadingConversations: 'Unterhaltungen werden geladen…',
  unread: (count, locale) =>
    `${formatCount(locale, count)} ungelesene ${plural(locale, count, { one: 'Nachricht', other: 'Nachrichten' })}`,
  unreadMentions: (count, locale) =>
    `${formatCount(locale, count)} ungelesene ${plural(locale, count, { one: 'Erwähnung', other: 'Erwähnungen' })} von dir`,
  mentionSuggestions: 'Personen zum Erwähnen',
  mentionNoMatch: 'Niemand mit diesem Namen',
  muted: 'Stummgeschaltet',
  archived: 'Archiviert',
  newConversation: 'Neue Unterhaltung',
  searchPeople: 'Personen suchen',
  noPeopleFound: 'Niemand gefunden',
  startConversation: (name) => `Unterhaltung mit ${name} beginnen`,
  newGroup: 'Neue Gruppe',
  groupTitle: 'Gruppenname (optional)',
  removeFromGroup: (name) => `${name} entfernen`,
  createGroup: 'Gruppe erstellen',
  cancel: 'Abbrechen',
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  back: 'Zurück zu den Unterhaltungen',
  chatTitle: 'Chat',
  emptyConversation: 'Noch keine Nachrichten. Sag Hallo!',
  selectConversation: 'Wähle eine Unterhaltung aus',
  participants: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'Mitglied', other: 'Mitglieder' })}`,
  messageActions: 'Nachrichtenaktionen',
  reply: 'Antworten',
  react: 'Reagieren',
  reactWith: (emoji) => `Mit ${emoji} reagieren`,
  moreReactions: 'Weitere Reaktionen',
  emojiPicker: 'Reaktion auswählen',
  searchEmoji: 'Emoji suchen',
  loadingEmoji: 'Emojis werden geladen…',
  emojiLoadFailed: 'Emojis konnten nicht geladen werden',
  noEmojiFound: 'Keine Emojis gefunden',
  skinTone: 'Hautfarbe',
  emojiChoice: (label, reacted) => (reacted ? `${label}, deine Reaktion` : label),
  copyText: 'Text kopieren',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  deleteConfirm: 'Diese Nachricht für alle löschen?',
  deleteConfirmAction: 'Für alle löschen',
  replyingTo: (name) => `Antwort an ${name}`,
  cancelReply: 'Antwort abbrechen',
  editingMessage: 'Nachricht wird bearbeitet',
  cancelEdit: 'Bearbeiten abbrechen',
  saveEdit: 'Speichern',
  replyDeleted: 'Nachricht gelöscht',
  replyNotLoaded: 'Ursprüngliche Nachricht nicht geladen',
  quoteLabel: (sender, text) =>
    sender ? `Antwort auf ${sender}: ${text}` : `Antwort auf: ${text}`,
  reactionsLabel: 'Reaktionen',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${formatCount(locale, count)} ${plural(locale, count, { one: 'Reaktion', other: 'Reaktionen' })}`;
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest =
      others > 0
        ? [
            `${formatCount(locale, others)} ${plural(locale, others, { one: 'weitere Person', other: 'weitere' })}`,
          ]
        : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'Bearbeiten fehlgeschlagen',
    delete: 'Löschen fehlgeschlagen',
    react: 'Reaktion konnte nicht hinzugefügt werden',
    unreact: 'Reaktion konnte nicht entfernt werden',
  },
  banned: 'Dieses Konto kann den Chat nicht nutzen',
  conversationActions: 'Optionen der Unterhaltung',
  block: 'Blockieren',
  blockConfirm:
    'Diese Person blockieren? Sie kann dir dann keine Direktnachrichten schreiben und nicht sehen, wann du online bist.',
  unblock: 'Nicht mehr blockieren',
  youBlocked: 'Du hast diese Person blockiert',
  blockedMessage: 'Nachricht von jemandem, den du blockiert hast',
  showMessage: 'Anzeigen',
  report: 'Melden',
  reportTitle: 'Nachricht melden',
  reportReasons: {
    spam: 'Spam',
    abuse: 'Belästigung oder Beleidigung',
    inappropriate: 'Unangemessener Inhalt',
    other: 'Etwas anderes',
  },
  reportDetails: 'Details (optional)',
  reportSent: 'Danke: Die Meldung wurde gesendet.',
  close: 'Schließen',
  searchMessages: 'Nachrichten durchsuchen',
  searchAllMessages: 'Alle Unterhaltungen durchsuchen',
  searching: 'Suche läuft…',
  searchNoResults: 'Keine Nachrichten gefunden',
  searchFailed: 'Suche fehlgeschlagen. Bitte erneut versuchen.',
  searchLoadMore: 'Mehr laden',
  unreadDivider: 'Neue Nachrichten',
  jumpToFirstUnread: 'Zur ersten ungelesenen',
  mute: 'Stummschalten',
  unmute: 'Stummschaltung aufheben',
  archive: 'Archivieren',
  unarchive: 'Aus dem Archiv holen',
  leaveGroup: 'Gruppe verlassen',
  leaveConfirm: 'Diese Gruppe verlassen? Du erhältst dann keine Nachrichten mehr daraus.',
  leave: 'Verlassen',
  archivedEmpty: 'Keine archivierten Unterhaltungen',
  conversationActionFailed: 'Das hat nicht geklappt. Bitte erneut versuchen.',
  leftConversation: 'Du bist nicht mehr in dieser Unterhaltung.',
  uploads: {
    attach: 'Dateien anhängen',
    remove: (name) => `${name} entfernen`,
    dropHere: 'Dateien hier ablegen, um sie zu senden',
    progress: (percent) => `Wird hochgeladen: ${percent} %`,
    uploaded: 'Hochgeladen',
    cancel: 'Abbrechen',
    openImage: (name) => `Bild ${name} öffnen`,
    viewer: 'Bildansicht',
    previous: 'Vorheriges Bild',
    next: 'Nächstes Bild',
    download: (name) => `${name} herunterladen`,
  },
};
