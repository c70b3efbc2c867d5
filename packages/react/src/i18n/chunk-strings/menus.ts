import type { BanterStrings } from '../strings';

/** English defaults of the strings only the menus chunk (menu-panels): the message and conversation menus and the reaction picker's shell shows. */
export const menuStrings = {
  reactWith: (emoji) => `React with ${emoji}`,
  moreReactions: 'More reactions',
  emojiPicker: 'Choose a reaction',
  loadingEmoji: 'Loading emoji…',
  emojiLoadFailed: 'Couldn’t load the emoji',
  copyText: 'Copy text',
  deleteConfirm: 'Delete this message for everyone?',
  deleteConfirmAction: 'Delete for everyone',
  blockConfirm: 'Block this person? They can’t message you directly or see you online.',
  report: 'Report',
  mute: 'Mute',
  unmute: 'Unmute',
  archive: 'Archive',
  unarchive: 'Unarchive',
  leaveGroup: 'Leave group',
  leaveConfirm: 'Leave this group? You won’t get its messages any more.',
  leave: 'Leave',
} satisfies Partial<BanterStrings>;
