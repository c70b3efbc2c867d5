import type { Message } from '@banter/core/protocol';
import { withReactions } from '../storage/reactions';
import type { MessageRow } from '../storage/rows';
import type { SqlAccess } from '../storage/sql-access';
import type { SqlExecutor } from '../storage/sql-driver';
import type { SearchPosition } from './search-cursor';
import { type QueryTerm, queryTerms, splitSearchQuery } from './search-query';

/** One search as the SQL runs it: the viewer, what they typed, and where the page starts. */
export interface SqlSearchRequest {
  viewerId: string;
  query: string;
  conversationId: string | null;
  after: SearchPosition | null;
  /** Rows to read: one more than the page, to know whether another follows. */
  limit: number;
}

/**
 * Where a message's words are read from: the stored `search_words` column (the `simple`
 * configuration's, which the migrations index), or computed from the body for any other
 * configuration (matching the index the host creates for it). Benchmarks pass it to compare.
 */
export type WordsSource = 'column' | 'expression';

/** Every column of a message but its words, which nothing past the search needs. */
const messageColumns = `m.id, m.conversation_id, m.seq, m.sender_id, m.client_id, m.kind, m.body,
  m.attachments, m.reply_to, m.created_at, m.edited_at, m.deleted_at, m.change`;

/** Messages found (newest first) and the terms the query was parsed into, for highlights. */
export interface SqlSearchResult {
  messages: Message[];
  terms: QueryTerm[];
}

/**
 * The built-in search, one statement for both PostgreSQL and PGlite. The user's text only
 * ever travels as parameters ($2, $3); the configuration name is spliced in because the
 * expression must read exactly as the index's for the planner to use it, and it was checked
 * as an identifier (search-options.ts). The join on participants limits the search to
 * conversations the viewer is in now: leaving removes the row, so a left conversation is
 * never searched.
 */
export async function searchMessagesSql(
  sql: SqlAccess,
  config: string,
  request: SqlSearchRequest,
  words: WordsSource = config === 'simple' ? 'column' : 'expression',
): Promise<SqlSearchResult> {
  const s = sql.schema;
  const cfg = `'${config}'::regconfig`;
  const vector = words === 'column' ? 'm.search_words' : `to_tsvector(${cfg}, m.body)`;
  const parts = splitSearchQuery(request.query);
  const params: unknown[] = [request.viewerId, parts.head, request.limit];
  const head = `websearch_to_tsquery(${cfg}, $2)`;
  let tsquery = head;
  if (parts.prefix !== null) {
    params.push(parts.prefix);
    tsquery = `(${head} ${parts.join}${parts.join} to_tsquery(${cfg}, $${params.length}))`;
  }
  let filters = '';
  if (request.conversationId !== null) {
    params.push(request.conversationId);
    filters += ` AND m.conversation_id = $${params.length}`;
  }
  if (request.after !== null) {
    params.push(request.after.createdAt, request.after.messageId);
    filters += ` AND (m.created_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length})`;
  }
  const rows = await sql.query<MessageRow & { search_query: string }>(
    `SELECT ${messageColumns}, ${tsquery}::text AS search_query
     FROM ${s}.messages m
     JOIN ${s}.participants p ON p.conversation_id = m.conversation_id AND p.user_id = $1
     WHERE m.deleted_at IS NULL AND ${vector} @@ ${tsquery}${filters}
     ORDER BY m.created_at DESC, m.id DESC
     LIMIT $3`,
    params,
  );
  const terms = rows[0] ? queryTerms(rows[0].search_query) : [];
  // withReactions only reads; SqlAccess has no exec (scripts), which it never calls.
  const reader: SqlExecutor = {
    query: (text, values) => sql.query(text, values),
    exec: () => Promise.reject(new Error('search runs no scripts')),
  };
  const messages = await withReactions(reader, s, rows, request.viewerId);
  return { messages, terms };
}
