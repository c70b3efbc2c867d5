import type { BanterStrings } from '../strings';

/**
 * English defaults of the strings only the menus chunk (menu-panels) shows: the message and
 * conversation menus, the reaction picker's shell, the composer's reply/edit quote, a refused
 * action's notice and what a block changes.
 */
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
  reply: 'Reply',
  react: 'React',
  edit: 'Edit',
  delete: 'Delete',
  replyingTo: (name) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',
  editingMessage: 'Editing message',
  cancelEdit: 'Cancel editing',
  actionFailed: {
    edit: 'Couldn’t edit',
    delete: 'Couldn’t delete',
    react: 'Couldn’t add the reaction',
    unreact: 'Couldn’t remove the reaction',
  },
  block: 'Block',
  unblock: 'Unblock',
  youBlocked: 'You blocked this person',
  blockedMessage: 'Message from someone you blocked',
  showMessage: 'Show',
} satisfies Partial<BanterStrings>;
