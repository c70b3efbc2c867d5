import type { ConnectionStatus, MessageStatus } from '@banter/core';

/**
 * Every word Banter's components show or announce. Pass a partial object to
 * `<ChatProvider strings={…}>` to translate or reword any of them; functions
 * receive the locale so plurals and dates follow the language.
 */
export interface BanterStrings {
  composerLabel: string;
  composerPlaceholder: string;
  send: string;
  /** Shown under the composer, e.g. "120 / 4000" when near the limit. */
  characterCount: (used: number, max: number) => string;
  messageListLabel: string;
  loadingOlder: string;
  loadOlder: string;
  beginningOfConversation: string;
  newMessages: (count: number, locale: string) => string;
  jumpToLatest: string;
  edited: string;
  deleted: string;
  retry: string;
  /** A part of the chat whose code is still on its way (it loads when first opened). */
  loading: string;
  /** That code could not be fetched; Retry follows. */
  loadFailed: string;
  discard: string;
  failed: (reason: string) => string;
  messageStatus: Record<MessageStatus, string>;
  typing: (names: string[], locale: string) => string;
  /** What the banner says in each state; `offline` is for a device without network. */
  connection: Record<ConnectionStatus, string>;
  /** Not connected while the device has network: the server is what cannot be reached. */
  serverUnreachable: string;
  queued: (count: number, locale: string) => string;
  online: string;
  lastSeen: (when: string) => string;
  offline: string;
  today: string;
  yesterday: string;
  you: string;
  attachment: string;
  image: (name: string) => string;
  conversationsLabel: string;
  searchConversations: string;
  noConversations: string;
  noMatches: string;
  loadingConversations: string;
  unread: (count: number, locale: string) => string;
  muted: string;
  archived: string;
  newConversation: string;
  searchPeople: string;
  noPeopleFound: string;
  startConversation: (name: string) => string;
  /** Toggles the people search between a direct conversation and a group. */
  newGroup: string;
  groupTitle: string;
  removeFromGroup: (name: string) => string;
  createGroup: string;
  cancel: string;
  openChat: string;
  closeChat: string;
  back: string;
  chatTitle: string;
  emptyConversation: string;
  selectConversation: string;
  participants: (count: number, locale: string) => string;
  /** The button that opens a message's actions menu. */
  messageActions: string;
  reply: string;
  react: string;
  /** A quick reaction's name in the actions menu, e.g. "React with 👍". */
  reactWith: (emoji: string) => string;
  /** The menu item that opens the full emoji picker. */
  moreReactions: string;
  /** The full emoji picker's accessible name. */
  emojiPicker: string;
  searchEmoji: string;
  /** While the picker's code or its emoji data loads. */
  loadingEmoji: string;
  emojiLoadFailed: string;
  noEmojiFound: string;
  /** The picker's skin tone button; the current tone's name follows in parentheses. */
  skinTone: string;
  /** An emoji in the picker: its name, and whether the reader already reacted with it. */
  emojiChoice: (label: string, reacted: boolean) => string;
  copyText: string;
  edit: string;
  delete: string;
  deleteConfirm: string;
  deleteConfirmAction: string;
  /** Above the composer while replying, e.g. "Replying to Bob". */
  replyingTo: (name: string) => string;
  cancelReply: string;
  editingMessage: string;
  cancelEdit: string;
  /** The composer's send button while editing. */
  saveEdit: string;
  /** The quote of an original that was deleted. */
  replyDeleted: string;
  /** The quote of an original that is not among the loaded messages. */
  replyNotLoaded: string;
  /** A reply's quote, for screen readers: who wrote the original (may be empty) and its line. */
  quoteLabel: (sender: string, text: string) => string;
  reactionsLabel: string;
  /** A reaction chip's accessible name: the emoji, how many, and who (from `reactedBy`, may be empty). */
  reactionSummary: (emoji: string, count: number, who: string, locale: string) => string;
  /** Who reacted, for the tooltip: "Ann, Bob and 3 others". */
  reactedBy: (names: string[], others: number, locale: string) => string;
  /** A failed edit, delete or reaction, shown on its message. */
  actionFailed: Record<'edit' | 'delete' | 'react' | 'unreact', string>;
}

const plural = (locale: string, count: number, forms: { one: string; other: string }) =>
  new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other;

export const defaultStrings: BanterStrings = {
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Messages',
  loadingOlder: 'Loading earlier messages…',
  loadOlder: 'Load earlier messages',
  beginningOfConversation: 'This is the beginning of the conversation',
  newMessages: (count, locale) =>
    `${new Intl.NumberFormat(locale).format(count)} new ${plural(locale, count, { one: 'message', other: 'messages' })}`,
  jumpToLatest: 'Jump to latest',
  edited: 'edited',
  deleted: 'This message was deleted',
  retry: 'Retry',
  loading: 'Loading…',
  loadFailed: 'Couldn’t load this part of the chat.',
  discard: 'Discard',
  failed: (reason) => `Not sent: ${reason}`,
  messageStatus: {
    sending: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Not sent',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${names.length} people are typing…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'is' : 'are'} typing…`;
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'You’re offline: messages will be sent when you’re back online',
    refused: 'Can’t connect to the chat',
    closed: 'Disconnected',
  },
  serverUnreachable: 'Can’t reach the chat server: messages will be sent when it’s back',
  queued: (count, locale) =>
    `${new Intl.NumberFormat(locale).format(count)} ${plural(locale, count, { one: 'message', other: 'messages' })} waiting to send`,
  online: 'Online',
  lastSeen: (when) => `Last seen ${when}`,
  offline: 'Offline',
  today: 'Today',
  yesterday: 'Yesterday',
  you: 'You',
  attachment: 'Attachment',
  image: (name) => (name ? `Image: ${name}` : 'Image'),
  conversationsLabel: 'Conversations',
  searchConversations: 'Search conversations',
  noConversations: 'No conversations yet',
  noMatches: 'No conversations match your search',
  loadingConversations: 'Loading conversations…',
  unread: (count, locale) =>
    `${new Intl.NumberFormat(locale).format(count)} unread ${plural(locale, count, { one: 'message', other: 'messages' })}`,
  muted: 'Muted',
  archived: 'Archived',
  newConversation: 'New conversation',
  searchPeople: 'Search people',
  noPeopleFound: 'Nobody found',
  startConversation: (name) => `Start a conversation with ${name}`,
  newGroup: 'New group',
  groupTitle: 'Group name (optional)',
  removeFromGroup: (name) => `Remove ${name}`,
  createGroup: 'Create group',
  cancel: 'Cancel',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  back: 'Back to conversations',
  chatTitle: 'Chat',
  emptyConversation: 'No messages yet. Say hello!',
  selectConversation: 'Select a conversation',
  participants: (count, locale) =>
    `${new Intl.NumberFormat(locale).format(count)} ${plural(locale, count, { one: 'participant', other: 'participants' })}`,
  messageActions: 'Message actions',
  reply: 'Reply',
  react: 'React',
  reactWith: (emoji) => `React with ${emoji}`,
  moreReactions: 'More reactions',
  emojiPicker: 'Choose a reaction',
  searchEmoji: 'Search emoji',
  loadingEmoji: 'Loading emoji…',
  emojiLoadFailed: 'Couldn’t load the emoji',
  noEmojiFound: 'No emoji found',
  skinTone: 'Skin tone',
  emojiChoice: (label, reacted) => (reacted ? `${label}, your reaction` : label),
  copyText: 'Copy text',
  edit: 'Edit',
  delete: 'Delete',
  deleteConfirm: 'Delete this message for everyone?',
  deleteConfirmAction: 'Delete for everyone',
  replyingTo: (name) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',
  editingMessage: 'Editing message',
  cancelEdit: 'Cancel editing',
  saveEdit: 'Save',
  replyDeleted: 'Message deleted',
  replyNotLoaded: 'Original message not loaded',
  quoteLabel: (sender, text) =>
    sender ? `In reply to ${sender}: ${text}` : `In reply to: ${text}`,
  reactionsLabel: 'Reactions',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${new Intl.NumberFormat(locale).format(count)} ${plural(locale, count, { one: 'reaction', other: 'reactions' })}`;
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest =
      others > 0
        ? [
            `${new Intl.NumberFormat(locale).format(others)} ${plural(locale, others, { one: 'other', other: 'others' })}`,
          ]
        : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'Couldn’t edit',
    delete: 'Couldn’t delete',
    react: 'Couldn’t add the reaction',
    unreact: 'Couldn’t remove the reaction',
  },
};
