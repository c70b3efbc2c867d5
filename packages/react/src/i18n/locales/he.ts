import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('he');

/**
 * Hebrew (עברית), right to left. Actions are infinitive nouns and states
 * carry both genders ("מחובר/ת"), the usual neutral style of Hebrew software.
 * One is spelled out; Hebrew's dual is for pairs and times, so two messages
 * take the plural.
 */
export const he: BanterStrings = {
  composerLabel: 'הודעה',
  composerPlaceholder: 'כתיבת הודעה…',
  send: 'שליחה',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'הודעות',
  loadingOlder: 'ההודעות הקודמות נטענות…',
  loadOlder: 'טעינת הודעות קודמות',
  beginningOfConversation: 'זו תחילת השיחה',
  newMessages: (count, locale) =>
    plural(locale, count, {
      one: 'הודעה חדשה אחת',
      other: `${formatCount(locale, count)} הודעות חדשות`,
    }),
  jumpToLatest: 'מעבר להודעה האחרונה',
  edited: 'נערכה',
  deleted: 'ההודעה נמחקה',
  retry: 'ניסיון חוזר',
  loading: 'בטעינה…',
  loadFailed: 'לא ניתן לטעון את החלק הזה של הצ׳אט.',
  discard: 'ביטול השליחה',
  failed: (reason) => `לא נשלחה: ${reason}`,
  messageStatus: {
    sending: 'בשליחה',
    sent: 'נשלחה',
    delivered: 'נמסרה',
    read: 'נקראה',
    failed: 'לא נשלחה',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} אנשים מקלידים…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'מקליד/ה' : 'מקלידים'}…`;
  },
  connection: {
    connecting: 'מתבצע חיבור…',
    connected: 'מחובר',
    reconnecting: 'מתבצע חיבור מחדש…',
    offline: 'אין חיבור לאינטרנט: ההודעות יישלחו כשהחיבור יחזור',
    refused: 'לא ניתן להתחבר לצ׳אט',
    closed: 'מנותק',
  },
  serverUnreachable: 'אין גישה לשרת הצ׳אט: ההודעות יישלחו כשהשרת יחזור לפעול',
  queued: (count, locale) =>
    plural(locale, count, {
      one: 'הודעה אחת ממתינה לשליחה',
      other: `${formatCount(locale, count)} הודעות ממתינות לשליחה`,
    }),
  online: 'מחובר/ת',
  lastSeen: (when) => `פעילות אחרונה ${when}`,
  offline: 'לא מחובר/ת',
  today: 'היום',
  yesterday: 'אתמול',
  you: 'את/ה',
  attachment: 'קובץ מצורף',
  image: (name) => (name ? `תמונה: ${name}` : 'תמונה'),
  conversationsLabel: 'שיחות',
  searchConversations: 'חיפוש בשיחות',
  noConversations: 'אין עדיין שיחות',
  noMatches: 'אין שיחות שתואמות לחיפוש',
  loadingConversations: 'השיחות נטענות…',
  unread: (count, locale) =>
    plural(locale, count, {
      one: 'הודעה אחת שלא נקראה',
      other: `${formatCount(locale, count)} הודעות שלא נקראו`,
    }),
  unreadMentions: (count, locale) =>
    plural(locale, count, {
      one: 'אזכור אחד שלך שלא נקרא',
      other: `${formatCount(locale, count)} אזכורים שלך שלא נקראו`,
    }),
  mentionSuggestions: 'אנשים לאזכור',
  mentionNoMatch: 'אין אף אחד בשם הזה',
  muted: 'מושתקת',
  archived: 'בארכיון',
  newConversation: 'שיחה חדשה',
  searchPeople: 'חיפוש אנשים',
  noPeopleFound: 'לא נמצאו אנשים',
  startConversation: (name) => `התחלת שיחה עם ${name}`,
  newGroup: 'קבוצה חדשה',
  groupTitle: 'שם הקבוצה (לא חובה)',
  removeFromGroup: (name) => `הסרת ${name}`,
  createGroup: 'יצירת קבוצה',
  cancel: 'ביטול',
  openChat: 'פתיחת הצ׳אט',
  closeChat: 'סגירת הצ׳אט',
  back: 'חזרה לשיחות',
  chatTitle: 'צ׳אט',
  emptyConversation: 'אין עדיין הודעות. אפשר להגיד שלום!',
  selectConversation: 'יש לבחור שיחה',
  participants: (count, locale) =>
    plural(locale, count, {
      one: 'משתתף אחד',
      other: `${formatCount(locale, count)} משתתפים`,
    }),
  messageActions: 'פעולות על ההודעה',
  reply: 'תשובה',
  react: 'הגבה',
  reactWith: (emoji) => `הגבה עם ${emoji}`,
  moreReactions: 'תגובות נוספות',
  emojiPicker: 'בחירת תגובה',
  searchEmoji: 'חיפוש אמוג׳י',
  loadingEmoji: 'האמוג׳י נטענים…',
  emojiLoadFailed: 'לא ניתן לטעון את האמוג׳י',
  noEmojiFound: 'לא נמצאו אמוג׳י',
  skinTone: 'גוון עור',
  emojiChoice: (label, reacted) => (reacted ? `${label}, התגובה שלך` : label),
  copyText: 'העתקת הטקסט',
  edit: 'עריכה',
  delete: 'מחיקה',
  deleteConfirm: 'למחוק את ההודעה הזו אצל כולם?',
  deleteConfirmAction: 'מחיקה אצל כולם',
  replyingTo: (name) => `תשובה ל־${name}`,
  cancelReply: 'ביטול התשובה',
  editingMessage: 'עריכת הודעה',
  cancelEdit: 'ביטול העריכה',
  saveEdit: 'שמירה',
  replyDeleted: 'ההודעה נמחקה',
  replyNotLoaded: 'ההודעה המקורית לא נטענה',
  quoteLabel: (sender, text) => (sender ? `בתשובה ל־${sender}: ${text}` : `בתשובה: ${text}`),
  reactionsLabel: 'תגובות',
  reactionSummary: (emoji, count, who, locale) => {
    const how = plural(locale, count, {
      one: 'תגובה אחת',
      other: `${formatCount(locale, count)} תגובות`,
    });
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest = others > 0 ? [`עוד ${formatCount(locale, others)}`] : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'העריכה נכשלה',
    delete: 'המחיקה נכשלה',
    react: 'הוספת התגובה נכשלה',
    unreact: 'הסרת התגובה נכשלה',
  },
  banned: 'החשבון הזה לא יכול להשתמש בצ׳אט',
  conversationActions: 'אפשרויות השיחה',
  block: 'חסימה',
  blockConfirm: 'לחסום את האדם הזה? הוא לא יוכל לשלוח לך הודעות ישירות או לראות מתי את/ה מחובר/ת.',
  unblock: 'ביטול חסימה',
  youBlocked: 'חסמת את האדם הזה',
  blockedMessage: 'הודעה ממישהו שחסמת',
  showMessage: 'הצגה',
  report: 'דיווח',
  reportTitle: 'דיווח על הודעה',
  reportReasons: {
    spam: 'ספאם',
    abuse: 'הטרדה או פגיעה',
    inappropriate: 'תוכן לא הולם',
    other: 'סיבה אחרת',
  },
  reportDetails: 'פרטים (לא חובה)',
  reportSent: 'תודה: הדיווח נשלח.',
  close: 'סגירה',
  searchMessages: 'חיפוש הודעות',
  searchAllMessages: 'חיפוש בכל השיחות',
  searching: 'מחפש…',
  searchNoResults: 'לא נמצאו הודעות',
  searchFailed: 'החיפוש נכשל. נסו שוב.',
  searchLoadMore: 'טעינת עוד',
  unreadDivider: 'הודעות חדשות',
  jumpToFirstUnread: 'מעבר להודעה הראשונה שלא נקראה',
  mute: 'השתקה',
  unmute: 'ביטול השתקה',
  archive: 'העברה לארכיון',
  unarchive: 'הוצאה מהארכיון',
  leaveGroup: 'יציאה מהקבוצה',
  leaveConfirm: 'לצאת מהקבוצה? לא יגיעו אליך יותר הודעות ממנה.',
  leave: 'יציאה',
  archivedEmpty: 'אין שיחות בארכיון',
  conversationActionFailed: 'הפעולה נכשלה. כדאי לנסות שוב.',
  leftConversation: 'כבר אינך בשיחה הזו.',
  uploads: {
    attach: 'צירוף קבצים',
    remove: (name) => `הסרת ${name}`,
    dropHere: 'יש לשחרר קבצים כדי לשלוח אותם',
    progress: (percent) => `מעלה ${percent}%`,
    uploaded: 'הועלה',
    cancel: 'ביטול',
    openImage: (name) => `פתיחת התמונה ${name}`,
    viewer: 'מציג תמונות',
    previous: 'התמונה הקודמת',
    next: 'התמונה הבאה',
    download: (name) => `הורדת ${name}`,
  },
};
