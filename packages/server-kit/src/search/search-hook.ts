import type { MessageSearchPage } from '@banter/core/protocol';

/** What a `searchMessages` hook is asked: the query as typed (trimmed) and where to look. */
export interface SearchMessagesContext {
  /** Who searches. Return only their conversations' messages; Banter drops any other anyway. */
  userId: string;
  /** Only this conversation (the caller is a participant), or null for all of the user's. */
  conversationId: string | null;
  /** Your own `nextCursor` from the previous page, passed back as it was; null for the first page. */
  cursor: string | null;
  /** Most hits to return. */
  limit: number;
}

/**
 * Replaces the built-in search with your engine (Elasticsearch, Meilisearch, …): return the
 * same shape `message:search` answers, newest first, with highlight ranges as UTF-16 offsets
 * into each message's body. Banter removes hits from conversations the user is not in (and
 * deleted messages) before answering, so a page may come out shorter than `limit`.
 */
export type SearchMessagesHook = (
  query: string,
  context: SearchMessagesContext,
) => Promise<MessageSearchPage> | MessageSearchPage;
