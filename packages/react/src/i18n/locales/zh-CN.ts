import { formatCount } from '../plural';
import type { BanterStrings } from '../strings';

/**
 * Simplified Chinese (简体中文). Chinese has one plural form: counts take a
 * measure word (条 for messages, 人 or 位 for people, 个 for reactions).
 */
export const zhCN: BanterStrings = {
  composerLabel: '消息',
  composerPlaceholder: '输入消息…',
  send: '发送',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: '消息',
  loadingOlder: '正在加载更早的消息…',
  loadOlder: '加载更早的消息',
  beginningOfConversation: '对话从这里开始',
  newMessages: (count, locale) => `${formatCount(locale, count)} 条新消息`,
  jumpToLatest: '跳到最新消息',
  edited: '已编辑',
  deleted: '此消息已删除',
  retry: '重试',
  loading: '正在加载…',
  loadFailed: '无法加载聊天的这一部分。',
  discard: '放弃',
  failed: (reason) => `未发送：${reason}`,
  messageStatus: {
    sending: '正在发送',
    sent: '已发送',
    delivered: '已送达',
    read: '已读',
    failed: '未发送',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} 人正在输入…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list}正在输入…`;
  },
  connection: {
    connecting: '正在连接…',
    connected: '已连接',
    reconnecting: '正在重新连接…',
    offline: '你已离线：恢复联网后将发送消息',
    refused: '无法连接到聊天',
    closed: '已断开连接',
  },
  serverUnreachable: '无法连接到聊天服务器：服务器恢复后将发送消息',
  queued: (count, locale) => `${formatCount(locale, count)} 条消息等待发送`,
  online: '在线',
  lastSeen: (when) => `最后在线：${when}`,
  offline: '离线',
  today: '今天',
  yesterday: '昨天',
  you: '你',
  attachment: '附件',
  image: (name) => (name ? `图片：${name}` : '图片'),
  conversationsLabel: '会话',
  searchConversations: '搜索会话',
  noConversations: '暂无会话',
  noMatches: '没有与搜索匹配的会话',
  loadingConversations: '正在加载会话…',
  unread: (count, locale) => `${formatCount(locale, count)} 条未读消息`,
  muted: '已静音',
  archived: '已归档',
  newConversation: '新建会话',
  searchPeople: '搜索用户',
  noPeopleFound: '未找到任何人',
  startConversation: (name) => `与 ${name} 开始会话`,
  newGroup: '新建群组',
  groupTitle: '群组名称（可选）',
  removeFromGroup: (name) => `移除 ${name}`,
  createGroup: '创建群组',
  cancel: '取消',
  openChat: '打开聊天',
  closeChat: '关闭聊天',
  back: '返回会话列表',
  chatTitle: '聊天',
  emptyConversation: '还没有消息，打个招呼吧！',
  selectConversation: '请选择一个会话',
  participants: (count, locale) => `${formatCount(locale, count)} 位成员`,
  messageActions: '消息操作',
  reply: '回复',
  react: '回应',
  reactWith: (emoji) => `用 ${emoji} 回应`,
  moreReactions: '更多回应',
  emojiPicker: '选择回应',
  searchEmoji: '搜索表情',
  loadingEmoji: '正在加载表情…',
  emojiLoadFailed: '无法加载表情',
  noEmojiFound: '未找到表情',
  skinTone: '肤色',
  emojiChoice: (label, reacted) => (reacted ? `${label}，你的回应` : label),
  copyText: '复制文本',
  edit: '编辑',
  delete: '删除',
  deleteConfirm: '要为所有人删除此消息吗？',
  deleteConfirmAction: '为所有人删除',
  replyingTo: (name) => `回复 ${name}`,
  cancelReply: '取消回复',
  editingMessage: '正在编辑消息',
  cancelEdit: '取消编辑',
  saveEdit: '保存',
  replyDeleted: '消息已删除',
  replyNotLoaded: '原消息未加载',
  quoteLabel: (sender, text) => (sender ? `回复 ${sender}：${text}` : `回复：${text}`),
  reactionsLabel: '回应',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${emoji} ${formatCount(locale, count)} 个回应`;
    return who ? `${how}：${who}` : how;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest = others > 0 ? [`其他 ${formatCount(locale, others)} 人`] : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: '无法编辑',
    delete: '无法删除',
    react: '无法添加回应',
    unreact: '无法移除回应',
  },
};
