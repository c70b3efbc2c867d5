import type { MessageSearchPage, RequestInput } from '../protocol';
import type { Request } from '../transport/requester';

/** Where a message search looks, and which page. */
export interface SearchMessagesOptions {
  /** Only this conversation; omit to search all of yours. */
  conversationId?: string;
  /** The previous page's `nextCursor`, for the next (older) page. */
  cursor?: string;
  /** Most hits per page, 1–50 (the server's default is 20). */
  limit?: number;
}

/**
 * One `message:search` request, sent at once (never queued: a search is only worth its
 * answer now) over the socket or, while it is down, over REST. Fields left out are not sent,
 * so the REST query string carries only what was asked.
 */
export function searchMessages(
  request: Request,
  query: string,
  options: SearchMessagesOptions = {},
): Promise<MessageSearchPage> {
  const payload: RequestInput<'message:search'> = { query };
  if (options.conversationId !== undefined) payload.conversationId = options.conversationId;
  if (options.cursor !== undefined) payload.cursor = options.cursor;
  if (options.limit !== undefined) payload.limit = options.limit;
  return request('message:search', payload);
}
