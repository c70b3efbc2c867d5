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
  /** Tests set it to take the common-term plan with few rows; default `rareMatches`. */
  rareMatches?: number;
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
 * Past this many live matches in the whole database a term counts as common: the search then
 * reads the viewer's own messages instead of the term's (see below).
 */
export const rareMatches = 1_000;

/**
 * The built-in search, the same SQL on PostgreSQL and PGlite. The user's text only ever
 * travels as parameters; the configuration name is spliced in because the expression must read
 * exactly as the index's for the planner to use it, and it was checked as an identifier
 * (search-options.ts). The viewer's participant rows, read first, limit the search to the
 * conversations they are in now: leaving removes the row, so a left conversation is never searched.
 *
 * Two plans, chosen here rather than by the planner, whose row estimates for "the viewer's
 * conversations" are poor: it walked the whole table newest first, or probed the index once per
 * conversation, taking 0.5–5 s for some words (bench/search.ts). First the index is asked for at
 * most `rareMatches` matches anywhere. Fewer: the term is rare, and those rows are filtered to
 * the viewer's conversations (work bounded by the term). Otherwise it is common, and the
 * viewer's messages are read conversation by conversation, each checked against its stored
 * words (work bounded by the viewer's history, not the table), behind a fence that keeps the
 * planner from walking the table by date.
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
  // $1 the query's head, $2 the prefix term when there is one.
  const base: unknown[] = [parts.head];
  const head = `websearch_to_tsquery(${cfg}, $1::text)`;
  let tsquery = head;
  if (parts.prefix !== null) {
    base.push(parts.prefix);
    tsquery = `(${head} ${parts.join}${parts.join} to_tsquery(${cfg}, $2::text))`;
  }
  const params = [...base];
  let filters = '';
  if (request.conversationId !== null) {
    params.push(request.conversationId);
    filters += ` AND m.conversation_id = $${params.length}`;
  }
  if (request.after !== null) {
    params.push(request.after.createdAt, request.after.messageId);
    filters += ` AND (m.created_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length})`;
  }
  params.push(request.limit);
  const limit = `$${params.length}`;
  // The viewer's conversations, read first: a list the planner sees beats its estimate of a join.
  const conversations = await sql.query<{ conversation_id: string }>(
    `SELECT conversation_id FROM ${s}.participants WHERE user_id = $1`,
    [request.viewerId],
  );
  if (conversations.length === 0) return { messages: [], terms: [] };
  params.push(conversations.map((row) => row.conversation_id));
  const member = `AND m.conversation_id = ANY($${params.length}::text[])`;

  const rare = request.rareMatches ?? rareMatches;
  const sample = await sql.query<{ id: string }>(
    `SELECT m.id FROM ${s}.messages m
     WHERE m.deleted_at IS NULL AND ${vector} @@ ${tsquery}
     LIMIT ${rare + 1}`,
    base,
  );
  let rows: (MessageRow & { search_query: string })[];
  if (sample.length === 0) {
    rows = [];
  } else if (sample.length <= rare) {
    params.push(sample.map((row) => row.id));
    rows = await sql.query(
      `SELECT ${messageColumns}, ${tsquery}::text AS search_query
       FROM ${s}.messages m
       WHERE m.id = ANY($${params.length}::text[]) AND m.deleted_at IS NULL ${member}${filters}
       ORDER BY m.created_at DESC, m.id DESC
       LIMIT ${limit}`,
      params,
    );
  } else {
    // coalesce() hides the column from the index: this plan reads the viewer's rows, never the term's.
    rows = await sql.query(
      `WITH hits AS MATERIALIZED (
         SELECT m.id, m.created_at FROM ${s}.messages m
         WHERE m.deleted_at IS NULL AND coalesce(${vector}, ''::tsvector) @@ ${tsquery}
           ${member}${filters}
       ), page AS (
         SELECT id FROM hits ORDER BY created_at DESC, id DESC LIMIT ${limit}
       )
       SELECT ${messageColumns}, ${tsquery}::text AS search_query
       FROM page JOIN ${s}.messages m ON m.id = page.id
       ORDER BY m.created_at DESC, m.id DESC`,
      params,
    );
  }
  const terms = rows[0] ? queryTerms(rows[0].search_query) : [];
  // withReactions only reads; SqlAccess has no exec (scripts), which it never calls.
  const reader: SqlExecutor = {
    query: (text, values) => sql.query(text, values),
    exec: () => Promise.reject(new Error('search runs no scripts')),
  };
  const messages = await withReactions(reader, s, rows, request.viewerId);
  return { messages, terms };
}
