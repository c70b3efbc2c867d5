import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('ar');

/**
 * Modern Standard Arabic (العربية), right to left. Counts use all six plural
 * categories: none (zero), a singular with "one" (one), the dual (two), a
 * plural for 3–10 (few), an accusative singular for 11–99 (many) and a
 * genitive singular for 100 and up (other). One and two are spelled out.
 */
export const ar: BanterStrings = {
  composerLabel: 'رسالة',
  composerPlaceholder: 'اكتب رسالة…',
  send: 'إرسال',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'الرسائل',
  loadingOlder: 'جارٍ تحميل الرسائل السابقة…',
  loadOlder: 'تحميل الرسائل السابقة',
  beginningOfConversation: 'هذه بداية المحادثة',
  newMessages: (count, locale) => {
    const n = formatCount(locale, count);
    return plural(locale, count, {
      zero: 'لا رسائل جديدة',
      one: 'رسالة جديدة واحدة',
      two: 'رسالتان جديدتان',
      few: `${n} رسائل جديدة`,
      many: `${n} رسالة جديدة`,
      other: `${n} رسالة جديدة`,
    });
  },
  jumpToLatest: 'الانتقال إلى الأحدث',
  edited: 'معدّلة',
  deleted: 'حُذفت هذه الرسالة',
  retry: 'إعادة المحاولة',
  loading: 'جارٍ التحميل…',
  loadFailed: 'تعذّر تحميل هذا الجزء من الدردشة.',
  discard: 'تجاهل',
  failed: (reason) => `لم تُرسَل: ${reason}`,
  messageStatus: {
    sending: 'جارٍ الإرسال',
    sent: 'أُرسلت',
    delivered: 'وصلت',
    read: 'قُرئت',
    failed: 'لم تُرسَل',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) {
      const n = formatCount(locale, names.length);
      return `${plural(locale, names.length, {
        few: `${n} أشخاص`,
        many: `${n} شخصًا`,
        other: `${n} شخص`,
      })} يكتبون…`;
    }
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    const verb = names.length === 1 ? 'يكتب' : names.length === 2 ? 'يكتبان' : 'يكتبون';
    return `${list} ${verb}…`;
  },
  connection: {
    connecting: 'جارٍ الاتصال…',
    connected: 'متصل',
    reconnecting: 'جارٍ إعادة الاتصال…',
    offline: 'أنت غير متصل بالإنترنت: ستُرسَل الرسائل عند عودة الاتصال',
    refused: 'تعذّر الاتصال بالدردشة',
    closed: 'انقطع الاتصال',
  },
  serverUnreachable: 'تعذّر الوصول إلى خادم الدردشة: ستُرسَل الرسائل عند عودته',
  queued: (count, locale) => {
    const n = formatCount(locale, count);
    return plural(locale, count, {
      zero: 'لا رسائل بانتظار الإرسال',
      one: 'رسالة واحدة بانتظار الإرسال',
      two: 'رسالتان بانتظار الإرسال',
      few: `${n} رسائل بانتظار الإرسال`,
      many: `${n} رسالة بانتظار الإرسال`,
      other: `${n} رسالة بانتظار الإرسال`,
    });
  },
  online: 'متصل الآن',
  lastSeen: (when) => `آخر ظهور ${when}`,
  offline: 'غير متصل',
  today: 'اليوم',
  yesterday: 'أمس',
  you: 'أنت',
  attachment: 'مرفق',
  image: (name) => (name ? `صورة: ${name}` : 'صورة'),
  conversationsLabel: 'المحادثات',
  searchConversations: 'البحث في المحادثات',
  noConversations: 'لا توجد محادثات بعد',
  noMatches: 'لا توجد محادثات تطابق بحثك',
  loadingConversations: 'جارٍ تحميل المحادثات…',
  unread: (count, locale) => {
    const n = formatCount(locale, count);
    return plural(locale, count, {
      zero: 'لا رسائل غير مقروءة',
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: `${n} رسائل غير مقروءة`,
      many: `${n} رسالة غير مقروءة`,
      other: `${n} رسالة غير مقروءة`,
    });
  },
  unreadMentions: (count, locale) => {
    const n = formatCount(locale, count);
    return plural(locale, count, {
      zero: 'لا إشارات إليك غير مقروءة',
      one: 'إشارة واحدة إليك غير مقروءة',
      two: 'إشارتان إليك غير مقروءتين',
      few: `${n} إشارات إليك غير مقروءة`,
      many: `${n} إشارة إليك غير مقروءة`,
      other: `${n} إشارة إليك غير مقروءة`,
    });
  },
  mentionSuggestions: 'أشخاص للإشارة إليهم',
  mentionNoMatch: 'لا أحد بهذا الاسم',
  muted: 'مكتومة',
  archived: 'مؤرشفة',
  newConversation: 'محادثة جديدة',
  searchPeople: 'البحث عن أشخاص',
  noPeopleFound: 'لم يُعثر على أحد',
  startConversation: (name) => `بدء محادثة مع ${name}`,
  newGroup: 'مجموعة جديدة',
  groupTitle: 'اسم المجموعة (اختياري)',
  removeFromGroup: (name) => `إزالة ${name}`,
  createGroup: 'إنشاء المجموعة',
  cancel: 'إلغاء',
  openChat: 'فتح الدردشة',
  closeChat: 'إغلاق الدردشة',
  back: 'العودة إلى المحادثات',
  chatTitle: 'الدردشة',
  emptyConversation: 'لا توجد رسائل بعد. ألقِ التحية!',
  selectConversation: 'اختر محادثة',
  participants: (count, locale) => {
    const n = formatCount(locale, count);
    return plural(locale, count, {
      zero: 'لا مشاركين',
      one: 'مشارك واحد',
      two: 'مشاركان',
      few: `${n} مشاركين`,
      many: `${n} مشاركًا`,
      other: `${n} مشارك`,
    });
  },
  messageActions: 'إجراءات الرسالة',
  reply: 'رد',
  react: 'تفاعل',
  reactWith: (emoji) => `التفاعل بـ ${emoji}`,
  moreReactions: 'مزيد من التفاعلات',
  emojiPicker: 'اختر تفاعلًا',
  searchEmoji: 'البحث عن رمز تعبيري',
  loadingEmoji: 'جارٍ تحميل الرموز التعبيرية…',
  emojiLoadFailed: 'تعذّر تحميل الرموز التعبيرية',
  noEmojiFound: 'لم يُعثر على رموز تعبيرية',
  skinTone: 'لون البشرة',
  emojiChoice: (label, reacted) => (reacted ? `${label}، تفاعلك` : label),
  copyText: 'نسخ النص',
  edit: 'تعديل',
  delete: 'حذف',
  deleteConfirm: 'هل تريد حذف هذه الرسالة لدى الجميع؟',
  deleteConfirmAction: 'حذف لدى الجميع',
  replyingTo: (name) => `الرد على ${name}`,
  cancelReply: 'إلغاء الرد',
  editingMessage: 'تعديل الرسالة',
  cancelEdit: 'إلغاء التعديل',
  saveEdit: 'حفظ',
  replyDeleted: 'رسالة محذوفة',
  replyNotLoaded: 'لم تُحمَّل الرسالة الأصلية',
  quoteLabel: (sender, text) => (sender ? `ردًا على ${sender}: ${text}` : `ردًا على: ${text}`),
  reactionsLabel: 'التفاعلات',
  reactionSummary: (emoji, count, who, locale) => {
    const n = formatCount(locale, count);
    const how = plural(locale, count, {
      zero: 'لا تفاعلات',
      one: 'تفاعل واحد',
      two: 'تفاعلان',
      few: `${n} تفاعلات`,
      many: `${n} تفاعلًا`,
      other: `${n} تفاعل`,
    });
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const n = formatCount(locale, others);
    const rest =
      others > 0
        ? [
            plural(locale, others, {
              one: 'شخص آخر',
              two: 'شخصان آخران',
              few: `${n} أشخاص آخرين`,
              many: `${n} شخصًا آخر`,
              other: `${n} شخص آخر`,
            }),
          ]
        : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'تعذّر التعديل',
    delete: 'تعذّر الحذف',
    react: 'تعذّرت إضافة التفاعل',
    unreact: 'تعذّرت إزالة التفاعل',
  },
  banned: 'لا يمكن لهذا الحساب استخدام الدردشة',
  conversationActions: 'خيارات المحادثة',
  block: 'حظر',
  blockConfirm: 'هل تريد حظر هذا الشخص؟ لن يتمكن من مراسلتك مباشرة أو رؤية متى تكون متصلًا.',
  unblock: 'إلغاء الحظر',
  youBlocked: 'لقد حظرت هذا الشخص',
  blockedMessage: 'رسالة من شخص حظرته',
  showMessage: 'إظهار',
  report: 'إبلاغ',
  reportTitle: 'الإبلاغ عن رسالة',
  reportReasons: {
    spam: 'رسائل مزعجة',
    abuse: 'تحرش أو إساءة',
    inappropriate: 'محتوى غير لائق',
    other: 'سبب آخر',
  },
  reportDetails: 'تفاصيل (اختياري)',
  reportSent: 'شكرًا: تم إرسال البلاغ.',
  close: 'إغلاق',
  searchMessages: 'البحث في الرسائل',
  searchAllMessages: 'البحث في كل المحادثات',
  searching: 'جارٍ البحث…',
  searchNoResults: 'لم يتم العثور على رسائل',
  searchFailed: 'تعذّر البحث. حاول مرة أخرى.',
  searchLoadMore: 'تحميل المزيد',
  unreadDivider: 'رسائل جديدة',
  jumpToFirstUnread: 'الانتقال إلى أول رسالة غير مقروءة',
  mute: 'كتم',
  unmute: 'إلغاء الكتم',
  archive: 'أرشفة',
  unarchive: 'إلغاء الأرشفة',
  leaveGroup: 'مغادرة المجموعة',
  leaveConfirm: 'مغادرة هذه المجموعة؟ لن تصلك رسائلها بعد الآن.',
  leave: 'مغادرة',
  archivedEmpty: 'لا توجد محادثات مؤرشفة',
  conversationActionFailed: 'تعذّر ذلك. حاول مرة أخرى.',
  leftConversation: 'لم تعد في هذه المحادثة.',
  uploads: {
    attach: 'إرفاق ملفات',
    remove: (name) => `إزالة ${name}`,
    dropHere: 'أفلت الملفات لإرسالها',
    progress: (percent) => `جارٍ الرفع ${percent}٪`,
    uploaded: 'تم الرفع',
    cancel: 'إلغاء',
    openImage: (name) => `فتح الصورة ${name}`,
    viewer: 'عارض الصور',
    previous: 'الصورة السابقة',
    next: 'الصورة التالية',
    download: (name) => `تنزيل ${name}`,
  },
};
