import type { BanterStrings } from '../strings';

/** English defaults of the strings only the message search chunk (MessageSearchPanel) shows. */
export const messageSearchStrings = {
  searching: 'Searching…',
  searchNoResults: 'No messages found',
  searchFailed: 'Search failed. Try again.',
  searchLoadMore: 'Load more',
} satisfies Partial<BanterStrings>;
