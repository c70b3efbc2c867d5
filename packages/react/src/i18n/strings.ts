import type { ConnectionStatus, MessageStatus } from '@banter/core';
import { emojiPickerStrings } from './chunk-strings/emoji-picker';
import { mentionStrings } from './chunk-strings/mentions';
import { menuStrings } from './chunk-strings/menus';
import { messageSearchStrings } from './chunk-strings/message-search';
import { newConversationStrings } from './chunk-strings/new-conversation';
import { reportStrings } from './chunk-strings/report';

/**
 * Every word Banter's components show or announce. Pass a partial object to
 * `<ChatProvider strings={…}>` to translate or reword any of them; functions
 * receive the locale so plurals and dates follow the language.
 */
export interface BanterStrings {
  /** The message field's label, read by screen readers (not shown). */
  composerLabel: string;
  /** Placeholder text in the empty message field. */
  composerPlaceholder: string;
  /** The send button's accessible name (the button shows an icon). */
  send: string;
  /** Shown under the composer, e.g. "120 / 4000" when near the limit. */
  characterCount: (used: number, max: number) => string;
  /** Accessible name of the message list, its scroll region and its live announcements. */
  messageListLabel: string;
  /** At the top of the message list while earlier messages load. */
  loadingOlder: string;
  /** Not shown by Banter's components (the list loads on scroll); for a host's own button. */
  loadOlder: string;
  /** At the top of the message list once the whole history is loaded. */
  beginningOfConversation: string;
  /** The button that jumps to the bottom, when `count` messages arrived out of view. */
  newMessages: (count: number, locale: string) => string;
  /** The button that returns to the newest messages from a window away from them (after a jump to a search hit or the first unread). */
  jumpToLatest: string;
  /** Next to the time of a message that was edited. */
  edited: string;
  /** In place of a deleted message's text, in its bubble and in the conversation list. */
  deleted: string;
  /** The button that tries again after a failed send, action or load. */
  retry: string;
  /** A part of the chat whose code is still on its way (it loads when first opened). */
  loading: string;
  /** That code could not be fetched; Retry follows. */
  loadFailed: string;
  /** The button that drops a failed send or action instead of retrying it. */
  discard: string;
  /** On a message that was not sent; `reason` is the server's refusal or `messageStatus.failed`. */
  failed: (reason: string) => string;
  /** Accessible name of a message's status ticks, one per status. */
  messageStatus: Record<MessageStatus, string>;
  /** The typing indicator; `names` are the display names of who is typing (empty: nobody). */
  typing: (names: string[], locale: string) => string;
  /** What the banner says in each state; `offline` is for a device without network. */
  connection: Record<ConnectionStatus, string>;
  /** Not connected while the device has network: the server is what cannot be reached. */
  serverUnreachable: string;
  /** In the connection banner: `count` messages waiting in the outbox to be sent. */
  queued: (count: number, locale: string) => string;
  /** Presence: the header subtitle of a direct conversation, and read out on rows and avatars. */
  online: string;
  /** The header subtitle of an offline contact; `when` is relative already: "5 minutes ago". */
  lastSeen: (when: string) => string;
  /** Presence read out on conversation rows and avatars when the contact is offline. */
  offline: string;
  /** The message list's day separator for today's messages. */
  today: string;
  /** The message list's day separator for yesterday's messages. */
  yesterday: string;
  /** Stands for the reader's name: in quotes, in who reacted, and in list previews ("You: …"). */
  you: string;
  /** Stands for a file: in list previews, and in quotes and bubbles when the file has no name. */
  attachment: string;
  /** An image in previews, quotes and alt text; `name` is its file name, possibly empty. */
  image: (name: string) => string;
  /** Accessible name of the conversation list. */
  conversationsLabel: string;
  /** Label and placeholder of the conversation list's search field. */
  searchConversations: string;
  /** The conversation list when the reader has none. */
  noConversations: string;
  /** The conversation list when the search matches nothing. */
  noMatches: string;
  /** The conversation list while it first loads. */
  loadingConversations: string;
  /** Accessible name of an unread badge (on a row, and after `openChat` on the launcher). */
  unread: (count: number, locale: string) => string;
  /** Accessible name of a conversation row's "@" badge: unread messages that mention the reader. */
  unreadMentions: (count: number, locale: string) => string;
  /** Accessible name of the composer's list of people to mention (after typing `@`). */
  mentionSuggestions: string;
  /** In the composer's people list when nobody's name matches what follows the `@`. */
  mentionNoMatch: string;
  /** Accessible name of a conversation row's muted icon. */
  muted: string;
  /** Accessible name of a conversation row's archived icon. */
  archived: string;
  /** The button above the conversation list that opens the people search. */
  newConversation: string;
  /** Label and placeholder of the people search that starts a conversation. */
  searchPeople: string;
  /** The people search when nobody matches. */
  noPeopleFound: string;
  /** Accessible name of a person in the people search; choosing them opens a direct chat. */
  startConversation: (name: string) => string;
  /** Toggles the people search between a direct conversation and a group. */
  newGroup: string;
  /** Label and placeholder of the group name field while creating a group. */
  groupTitle: string;
  /** Accessible name of the button that takes `name` off a group being created. */
  removeFromGroup: (name: string) => string;
  /** The button that creates the group from the people chosen. */
  createGroup: string;
  /** Closes the new conversation panel, or backs out of deleting a message. */
  cancel: string;
  /** The chat widget's launcher while the panel is closed. */
  openChat: string;
  /** The chat widget's launcher while the panel is open. */
  closeChat: string;
  /** Accessible name of the header's back button, to the conversation list. */
  back: string;
  /** The chat widget's panel title, and the header title of a conversation with no name. */
  chatTitle: string;
  /** The message list of a conversation with no messages yet. */
  emptyConversation: string;
  /** Not shown by Banter's components; for a host's empty pane beside the list. */
  selectConversation: string;
  /** The header subtitle of a group: how many are in it. */
  participants: (count: number, locale: string) => string;
  /** The button that opens a message's actions menu. */
  messageActions: string;
  /** The message actions menu item that quotes the message in the composer. */
  reply: string;
  /** Accessible name of the quick reactions row in the message actions menu. */
  react: string;
  /** A quick reaction's name in the actions menu, e.g. "React with 👍". */
  reactWith: (emoji: string) => string;
  /** The menu item that opens the full emoji picker. */
  moreReactions: string;
  /** The full emoji picker's accessible name. */
  emojiPicker: string;
  /** Label and placeholder of the emoji picker's search field. */
  searchEmoji: string;
  /** While the picker's code or its emoji data loads. */
  loadingEmoji: string;
  /** The emoji picker when its code or emoji data could not be fetched; Retry follows. */
  emojiLoadFailed: string;
  /** The emoji picker when the search matches nothing. */
  noEmojiFound: string;
  /** The picker's skin tone button; the current tone's name follows in parentheses. */
  skinTone: string;
  /** An emoji in the picker: its name, and whether the reader already reacted with it. */
  emojiChoice: (label: string, reacted: boolean) => string;
  /** The message actions menu item that copies the message's text. */
  copyText: string;
  /** The message actions menu item that puts the reader's own message back in the composer. */
  edit: string;
  /** The message actions menu item that asks to delete the reader's own message. */
  delete: string;
  /** The question the actions menu asks before deleting, also its accessible name then. */
  deleteConfirm: string;
  /** The menu item that confirms deleting the message for every participant. */
  deleteConfirmAction: string;
  /** Above the composer while replying, e.g. "Replying to Bob". */
  replyingTo: (name: string) => string;
  /** Accessible name of the button that drops the quote above the composer. */
  cancelReply: string;
  /** Above the composer while it holds a message being edited. */
  editingMessage: string;
  /** Accessible name of the button that stops editing without saving. */
  cancelEdit: string;
  /** The composer's send button while editing. */
  saveEdit: string;
  /** The quote of an original that was deleted. */
  replyDeleted: string;
  /** The quote of an original that is not among the loaded messages. */
  replyNotLoaded: string;
  /** A reply's quote, for screen readers: who wrote the original (may be empty) and its line. */
  quoteLabel: (sender: string, text: string) => string;
  /** Accessible name of the row of reaction chips under a message. */
  reactionsLabel: string;
  /** A reaction chip's accessible name: the emoji, how many, and who (from `reactedBy`, may be empty). */
  reactionSummary: (emoji: string, count: number, who: string, locale: string) => string;
  /** Who reacted, for the tooltip: "Ann, Bob and 3 others". */
  reactedBy: (names: string[], others: number, locale: string) => string;
  /** A failed edit, delete or reaction, shown on its message. */
  actionFailed: Record<'edit' | 'delete' | 'react' | 'unreact', string>;
  /** The connection banner when the host banned this account (the server's message follows). */
  banned: string;
  /** Accessible name of the header's menu button (Block, Unblock). */
  conversationActions: string;
  /** Menu item that blocks a person, and the button confirming it. */
  block: string;
  /** Asked before blocking someone. */
  blockConfirm: string;
  /** Menu item and composer button that lift a block. */
  unblock: string;
  /** In place of the composer of a direct conversation with someone you blocked. */
  youBlocked: string;
  /** In place of a collapsed message in a group, from someone you blocked. */
  blockedMessage: string;
  /** The button that shows a collapsed message. */
  showMessage: string;
  /** Message menu item that opens the report dialog. */
  report: string;
  /** The report dialog's title. */
  reportTitle: string;
  /** The preset reasons offered in the report dialog. */
  reportReasons: {
    /** Unwanted advertising or repeated messages. */
    spam: string;
    /** Harassment, insults or threats. */
    abuse: string;
    /** Content that does not belong here (sexual, violent, illegal). */
    inappropriate: string;
    /** Anything else: the details field says what. */
    other: string;
  };
  /** Label of the report dialog's free-text field. */
  reportDetails: string;
  /** The report dialog once the report was sent. */
  reportSent: string;
  /** Closes a dialog. */
  close: string;
  /** The message search button and box in a conversation's header. */
  searchMessages: string;
  /** The message search button and box above the conversation list (every conversation). */
  searchAllMessages: string;
  /** Message search while the results are on their way. */
  searching: string;
  /** Message search when nothing matches. */
  searchNoResults: string;
  /** Message search when the request failed. */
  searchFailed: string;
  /** Fetches older message search results. */
  searchLoadMore: string;
  /** The divider above the first message that was unread when the conversation opened. */
  unreadDivider: string;
  /** The button that scrolls back to the unread divider when it is off screen. */
  jumpToFirstUnread: string;
  /** Conversation menu item that mutes it (no notifications). */
  mute: string;
  /** Conversation menu item that unmutes it. */
  unmute: string;
  /** Conversation menu item that moves it to the archived view. */
  archive: string;
  /** Conversation menu item that brings it back from the archived view. */
  unarchive: string;
  /** Conversation menu item that leaves a group (asks first). */
  leaveGroup: string;
  /** Asked before leaving a group. */
  leaveConfirm: string;
  /** The button confirming that you leave a group. */
  leave: string;
  /** The archived view when nothing is archived. */
  archivedEmpty: string;
  /** Shown when muting, archiving or leaving failed. */
  conversationActionFailed: string;
  /** In place of the composer once you left the conversation on screen (or were removed). */
  leftConversation: string;
  /** Sending and showing files: the attach button, previews, progress, the image viewer. */
  uploads: {
    /** The attach button's label. */
    attach: string;
    /** Removes a file from the message being written. */
    remove: (name: string) => string;
    /** Shown over the chat while files are dragged over it. */
    dropHere: string;
    /** A sending message's files, in whole percents (announced at 25% steps). */
    progress: (percent: number) => string;
    /** Announced once a message's files have all arrived. */
    uploaded: string;
    /** Cancels a send whose files are still uploading. */
    cancel: string;
    /** Opens an image of a message in the viewer; `name` may be empty. */
    openImage: (name: string) => string;
    /** The image viewer's accessible name. */
    viewer: string;
    /** Goes to the previous image in the viewer. */
    previous: string;
    /** Goes to the next image in the viewer. */
    next: string;
    /** A file card's download link. */
    download: (name: string) => string;
  };
}

const plural = (locale: string, count: number, forms: { one: string; other: string }) =>
  new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other;

/**
 * The English strings the chat page shows itself; the strings only lazy chunks show
 * live in chunk-strings/ (see late-defaults.ts), so the page does not carry them.
 */
export const pageStrings = {
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
  unreadMentions: (count, locale) =>
    `${new Intl.NumberFormat(locale).format(count)} unread ${plural(locale, count, { one: 'mention', other: 'mentions' })} of you`,
  muted: 'Muted',
  archived: 'Archived',
  newConversation: 'New conversation',
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
  banned: 'This account can’t use the chat',
  conversationActions: 'Conversation options',
  close: 'Close',
  searchMessages: 'Search messages',
  searchAllMessages: 'Search all conversations',
  unreadDivider: 'New messages',
  jumpToFirstUnread: 'Jump to first unread',
  archivedEmpty: 'No archived conversations',
  conversationActionFailed: 'Couldn’t do that. Try again.',
  leftConversation: 'You’re no longer in this conversation.',
  uploads: {
    attach: 'Attach files',
    remove: (name) => `Remove ${name}`,
    dropHere: 'Drop files to send them',
    progress: (percent) => `Uploading ${percent}%`,
    uploaded: 'Uploaded',
    cancel: 'Cancel',
    openImage: (name) => `Open image ${name}`,
    viewer: 'Image viewer',
    previous: 'Previous image',
    next: 'Next image',
    download: (name) => `Download ${name}`,
  },
} satisfies Partial<BanterStrings>;

/** Banter's English wording, every key; what `<ChatProvider strings>` gives is laid over it. */
export const defaultStrings: BanterStrings = /* @__PURE__ */ Object.assign(
  {},
  pageStrings,
  emojiPickerStrings,
  mentionStrings,
  menuStrings,
  messageSearchStrings,
  newConversationStrings,
  reportStrings,
);
