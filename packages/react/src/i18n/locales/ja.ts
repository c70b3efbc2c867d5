import { formatCount } from '../plural';
import type { BanterStrings } from '../strings';

/**
 * Japanese (日本語), in the short polite style of Japanese apps. One plural form:
 * counts take a counter (件 for messages and reactions, 人 for people).
 */
export const ja: BanterStrings = {
  composerLabel: 'メッセージ',
  composerPlaceholder: 'メッセージを入力…',
  send: '送信',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'メッセージ',
  loadingOlder: '以前のメッセージを読み込み中…',
  loadOlder: '以前のメッセージを読み込む',
  beginningOfConversation: 'ここから会話が始まります',
  newMessages: (count, locale) => `${formatCount(locale, count)}件の新着メッセージ`,
  jumpToLatest: '最新のメッセージへ',
  edited: '編集済み',
  deleted: 'このメッセージは削除されました',
  retry: '再試行',
  loading: '読み込み中…',
  loadFailed: 'チャットのこの部分を読み込めませんでした。',
  discard: '破棄',
  failed: (reason) => `未送信：${reason}`,
  messageStatus: {
    sending: '送信中',
    sent: '送信済み',
    delivered: '配信済み',
    read: '既読',
    failed: '未送信',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)}人が入力中…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list}が入力中…`;
  },
  connection: {
    connecting: '接続中…',
    connected: '接続済み',
    reconnecting: '再接続中…',
    offline: 'オフラインです。オンラインに戻るとメッセージが送信されます',
    refused: 'チャットに接続できません',
    closed: '切断されました',
  },
  serverUnreachable: 'チャットサーバーに接続できません。復旧するとメッセージが送信されます',
  queued: (count, locale) => `${formatCount(locale, count)}件のメッセージが送信待ち`,
  online: 'オンライン',
  lastSeen: (when) => `最終アクセス：${when}`,
  offline: 'オフライン',
  today: '今日',
  yesterday: '昨日',
  you: 'あなた',
  attachment: '添付ファイル',
  image: (name) => (name ? `画像：${name}` : '画像'),
  conversationsLabel: '会話',
  searchConversations: '会話を検索',
  noConversations: 'まだ会話はありません',
  noMatches: '検索に一致する会話はありません',
  loadingConversations: '会話を読み込み中…',
  unread: (count, locale) => `${formatCount(locale, count)}件の未読メッセージ`,
  muted: 'ミュート中',
  archived: 'アーカイブ済み',
  newConversation: '新しい会話',
  searchPeople: 'ユーザーを検索',
  noPeopleFound: '見つかりませんでした',
  startConversation: (name) => `${name}さんと会話を始める`,
  newGroup: '新しいグループ',
  groupTitle: 'グループ名（任意）',
  removeFromGroup: (name) => `${name}さんを外す`,
  createGroup: 'グループを作成',
  cancel: 'キャンセル',
  openChat: 'チャットを開く',
  closeChat: 'チャットを閉じる',
  back: '会話一覧に戻る',
  chatTitle: 'チャット',
  emptyConversation: 'まだメッセージはありません。あいさつしてみましょう！',
  selectConversation: '会話を選択してください',
  participants: (count, locale) => `参加者${formatCount(locale, count)}人`,
  messageActions: 'メッセージの操作',
  reply: '返信',
  react: 'リアクション',
  reactWith: (emoji) => `${emoji}でリアクション`,
  moreReactions: 'その他のリアクション',
  emojiPicker: 'リアクションを選択',
  searchEmoji: '絵文字を検索',
  loadingEmoji: '絵文字を読み込み中…',
  emojiLoadFailed: '絵文字を読み込めませんでした',
  noEmojiFound: '絵文字が見つかりません',
  skinTone: '肌の色',
  emojiChoice: (label, reacted) => (reacted ? `${label}（リアクション済み）` : label),
  copyText: 'テキストをコピー',
  edit: '編集',
  delete: '削除',
  deleteConfirm: 'このメッセージを全員から削除しますか？',
  deleteConfirmAction: '全員から削除',
  replyingTo: (name) => `${name}さんに返信`,
  cancelReply: '返信をキャンセル',
  editingMessage: 'メッセージを編集中',
  cancelEdit: '編集をキャンセル',
  saveEdit: '保存',
  replyDeleted: '削除されたメッセージ',
  replyNotLoaded: '元のメッセージは読み込まれていません',
  quoteLabel: (sender, text) => (sender ? `${sender}さんへの返信：${text}` : `返信：${text}`),
  reactionsLabel: 'リアクション',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${emoji} ${formatCount(locale, count)}件`;
    return who ? `${how}：${who}` : how;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest = others > 0 ? [`他${formatCount(locale, others)}人`] : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: '編集できませんでした',
    delete: '削除できませんでした',
    react: 'リアクションを追加できませんでした',
    unreact: 'リアクションを取り消せませんでした',
  },
};
