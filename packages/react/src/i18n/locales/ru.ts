import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('ru');

/**
 * Russian (русский), addressing the reader as "вы". Names are not declined, so
 * phrases that need a case put them after a noun ("пользователю Анна").
 */
export const ru: BanterStrings = {
  composerLabel: 'Сообщение',
  composerPlaceholder: 'Напишите сообщение…',
  send: 'Отправить',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Сообщения',
  loadingOlder: 'Загрузка предыдущих сообщений…',
  loadOlder: 'Загрузить предыдущие сообщения',
  beginningOfConversation: 'Это начало переписки',
  newMessages: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, {
      one: 'новое сообщение',
      few: 'новых сообщения',
      many: 'новых сообщений',
      other: 'нового сообщения',
    })}`,
  jumpToLatest: 'К последним сообщениям',
  edited: 'изменено',
  deleted: 'Это сообщение удалено',
  retry: 'Повторить',
  loading: 'Загрузка…',
  loadFailed: 'Не удалось загрузить эту часть чата.',
  discard: 'Отменить',
  failed: (reason) => `Не отправлено: ${reason}`,
  messageStatus: {
    sending: 'Отправляется',
    sent: 'Отправлено',
    delivered: 'Доставлено',
    read: 'Прочитано',
    failed: 'Не отправлено',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3)
      return `Печатают ${formatCount(locale, names.length)} ${plural(locale, names.length, {
        one: 'человек',
        few: 'человека',
        many: 'человек',
        other: 'человека',
      })}…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'печатает' : 'печатают'}…`;
  },
  connection: {
    connecting: 'Подключение…',
    connected: 'Подключено',
    reconnecting: 'Переподключение…',
    offline: 'Нет подключения к интернету: сообщения отправятся, когда связь восстановится',
    refused: 'Не удаётся подключиться к чату',
    closed: 'Отключено',
  },
  serverUnreachable: 'Сервер чата недоступен: сообщения отправятся, когда он снова заработает',
  queued: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, {
      one: 'сообщение ожидает',
      few: 'сообщения ожидают',
      many: 'сообщений ожидают',
      other: 'сообщения ожидают',
    })} отправки`,
  online: 'В сети',
  lastSeen: (when) => `Был(а) в сети ${when}`,
  offline: 'Не в сети',
  today: 'Сегодня',
  yesterday: 'Вчера',
  you: 'Вы',
  attachment: 'Вложение',
  image: (name) => (name ? `Изображение: ${name}` : 'Изображение'),
  conversationsLabel: 'Чаты',
  searchConversations: 'Поиск по чатам',
  noConversations: 'Чатов пока нет',
  noMatches: 'По вашему запросу чатов не найдено',
  loadingConversations: 'Загрузка чатов…',
  unread: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, {
      one: 'непрочитанное сообщение',
      few: 'непрочитанных сообщения',
      many: 'непрочитанных сообщений',
      other: 'непрочитанного сообщения',
    })}`,
  muted: 'Без звука',
  archived: 'В архиве',
  newConversation: 'Новый чат',
  searchPeople: 'Поиск людей',
  noPeopleFound: 'Никого не найдено',
  startConversation: (name) => `Начать чат с пользователем ${name}`,
  newGroup: 'Новая группа',
  groupTitle: 'Название группы (необязательно)',
  removeFromGroup: (name) => `Убрать пользователя ${name}`,
  createGroup: 'Создать группу',
  cancel: 'Отмена',
  openChat: 'Открыть чат',
  closeChat: 'Закрыть чат',
  back: 'Назад к чатам',
  chatTitle: 'Чат',
  emptyConversation: 'Сообщений пока нет. Поздоровайтесь!',
  selectConversation: 'Выберите чат',
  participants: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, {
      one: 'участник',
      few: 'участника',
      many: 'участников',
      other: 'участника',
    })}`,
  messageActions: 'Действия с сообщением',
  reply: 'Ответить',
  react: 'Отреагировать',
  reactWith: (emoji) => `Реакция ${emoji}`,
  moreReactions: 'Другие реакции',
  emojiPicker: 'Выбор реакции',
  searchEmoji: 'Поиск эмодзи',
  loadingEmoji: 'Загрузка эмодзи…',
  emojiLoadFailed: 'Не удалось загрузить эмодзи',
  noEmojiFound: 'Эмодзи не найдены',
  skinTone: 'Оттенок кожи',
  emojiChoice: (label, reacted) => (reacted ? `${label}, ваша реакция` : label),
  copyText: 'Копировать текст',
  edit: 'Изменить',
  delete: 'Удалить',
  deleteConfirm: 'Удалить это сообщение у всех?',
  deleteConfirmAction: 'Удалить у всех',
  replyingTo: (name) => `Ответ пользователю ${name}`,
  cancelReply: 'Отменить ответ',
  editingMessage: 'Редактирование сообщения',
  cancelEdit: 'Отменить редактирование',
  saveEdit: 'Сохранить',
  replyDeleted: 'Сообщение удалено',
  replyNotLoaded: 'Исходное сообщение не загружено',
  quoteLabel: (sender, text) =>
    sender ? `В ответ пользователю ${sender}: ${text}` : `В ответ: ${text}`,
  reactionsLabel: 'Реакции',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${formatCount(locale, count)} ${plural(locale, count, {
      one: 'реакция',
      few: 'реакции',
      many: 'реакций',
      other: 'реакции',
    })}`;
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest = others > 0 ? [`ещё ${formatCount(locale, others)}`] : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'Не удалось изменить',
    delete: 'Не удалось удалить',
    react: 'Не удалось добавить реакцию',
    unreact: 'Не удалось убрать реакцию',
  },
  banned: 'Этот аккаунт не может пользоваться чатом',
  conversationActions: 'Параметры разговора',
  block: 'Заблокировать',
  blockConfirm:
    'Заблокировать этого человека? Он не сможет писать вам напрямую и видеть, когда вы в сети.',
  unblock: 'Разблокировать',
  youBlocked: 'Вы заблокировали этого человека',
  blockedMessage: 'Сообщение от заблокированного вами человека',
  showMessage: 'Показать',
  report: 'Пожаловаться',
  reportTitle: 'Жалоба на сообщение',
  reportReasons: {
    spam: 'Спам',
    abuse: 'Оскорбления или травля',
    inappropriate: 'Неприемлемое содержимое',
    other: 'Другое',
  },
  reportDetails: 'Подробности (необязательно)',
  reportSent: 'Спасибо: жалоба отправлена.',
  close: 'Закрыть',
  searchMessages: 'Поиск по сообщениям',
  searchAllMessages: 'Поиск по всем разговорам',
  searching: 'Идёт поиск…',
  searchNoResults: 'Сообщения не найдены',
  searchFailed: 'Не удалось выполнить поиск. Попробуйте ещё раз.',
  searchLoadMore: 'Загрузить ещё',
  unreadDivider: 'Новые сообщения',
  jumpToFirstUnread: 'К первому непрочитанному',
  mute: 'Без звука',
  unmute: 'Включить звук',
  archive: 'В архив',
  unarchive: 'Из архива',
  leaveGroup: 'Покинуть группу',
  leaveConfirm: 'Покинуть эту группу? Вы больше не будете получать её сообщения.',
  leave: 'Покинуть',
  archivedEmpty: 'Нет архивных чатов',
  conversationActionFailed: 'Не получилось. Попробуйте ещё раз.',
};
