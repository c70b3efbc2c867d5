import { ChatError, type MessageSearchHit, type MessageSearchPage } from '@banter/core/protocol';
import { callHook } from '../chat/guarded-hook';
import { RateLimiter } from '../limits/token-bucket';
import type { Logger } from '../logger';
import type { ParsedInput } from '../operations/admit';
import type { SqlAccess } from '../storage/sql-access';
import type { Storage } from '../storage/storage';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { highlightsOf } from './search-highlights';
import type { SearchMessagesHook } from './search-hook';
import type { ResolvedSearchOptions } from './search-options';
import { hasSearchableText } from './search-query';
import { searchMessagesSql } from './sql-search';

/** What a search needs; passed in so tests can replace any of it. */
export interface MessageSearchDeps {
  /** The (guarded) store: membership checks. */
  storage: Storage;
  /** The built-in store's SQL, or null for a host storage (then only a hook can search). */
  sql: SqlAccess | null;
  /** The host's engine, replacing the built-in one. */
  hook: SearchMessagesHook | undefined;
  options: ResolvedSearchOptions;
  logger: Logger;
  hookTimeoutMs: number;
  now: () => number;
}

const defaultLimit = 20;

/**
 * `message:search`: full-text search over the messages of the caller's conversations,
 * newest first, a page at a time, with highlight ranges. Rate limited per user; a query
 * with no letter or digit in it finds nothing without asking the database.
 */
export class MessageSearch {
  readonly #d: MessageSearchDeps;
  readonly #limiter: RateLimiter;

  constructor(deps: MessageSearchDeps) {
    this.#d = deps;
    this.#limiter = new RateLimiter(deps.options.rate, deps.now);
  }

  async search(userId: string, input: ParsedInput<'message:search'>): Promise<MessageSearchPage> {
    const conversationId = input.conversationId ?? null;
    const limit = input.limit ?? defaultLimit;
    const decision = this.#limiter.take(userId);
    if (!decision.allowed) {
      throw new ChatError('rate_limited', 'unable to search messages: searching too fast', {
        retryAfterMs: decision.retryAfterMs,
      });
    }
    if (
      conversationId !== null &&
      !(await this.#d.storage.getParticipant(conversationId, userId))
    ) {
      throw new ChatError(
        'not_found',
        'unable to search messages: conversation not found, or you are not a participant',
      );
    }
    const cursor = input.cursor ?? null;
    if (this.#d.hook) return this.#viaHook(userId, input.query, conversationId, cursor, limit);
    // Checked before the shortcut below, so a tampered cursor is refused whatever the query.
    const after = cursor === null ? null : decodeSearchCursor(cursor);
    if (!hasSearchableText(input.query)) return { results: [], nextCursor: null };
    const { sql } = this.#d;
    if (!sql) {
      throw new ChatError(
        'unavailable',
        'unable to search messages: this server has no search (a host storage without a searchMessages hook)',
      );
    }
    const found = await searchMessagesSql(sql, this.#d.options.config, {
      viewerId: userId,
      query: input.query,
      conversationId,
      after,
      limit: limit + 1,
    });
    const stems = this.#d.options.config !== 'simple';
    const page = found.messages.slice(0, limit);
    const last = page.at(-1);
    return {
      results: page.map((message) => ({
        message,
        highlights: highlightsOf(message.body, found.terms, stems),
      })),
      nextCursor:
        found.messages.length > limit && last
          ? encodeSearchCursor({ createdAt: last.createdAt, messageId: last.id })
          : null,
    };
  }

  /** The host's engine answers; Banter keeps only hits the user may read. */
  async #viaHook(
    userId: string,
    query: string,
    conversationId: string | null,
    cursor: string | null,
    limit: number,
  ): Promise<MessageSearchPage> {
    const hook = this.#d.hook as SearchMessagesHook;
    const page = await callHook(
      'searchMessages',
      () => hook(query, { userId, conversationId, cursor, limit }),
      this.#d.hookTimeoutMs,
      this.#d.logger,
    );
    const mine = new Set(
      conversationId === null
        ? await this.#d.storage.listConversationIds(userId)
        : [conversationId],
    );
    const results: MessageSearchHit[] = (page?.results ?? [])
      .filter((hit) => mine.has(hit.message.conversationId) && !hit.message.deletedAt)
      .slice(0, limit);
    const nextCursor = typeof page?.nextCursor === 'string' ? page.nextCursor : null;
    return { results, nextCursor };
  }
}
