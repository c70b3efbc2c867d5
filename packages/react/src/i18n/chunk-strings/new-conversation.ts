import type { BanterStrings } from '../strings';

/** English defaults of the strings only the new-conversation panel chunk (NewConversationPanel) shows. */
export const newConversationStrings = {
  searchPeople: 'Search people',
  noPeopleFound: 'Nobody found',
  startConversation: (name) => `Start a conversation with ${name}`,
  newGroup: 'New group',
  groupTitle: 'Group name (optional)',
  removeFromGroup: (name) => `Remove ${name}`,
  createGroup: 'Create group',
} satisfies Partial<BanterStrings>;
