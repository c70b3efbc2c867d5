import type { Message } from '@banter/core/protocol';
import { withReactions } from '../storage/reactions';
import type { MessageRow } from '../storage/rows';
import type { SqlAccess } from '../storage/sql-access';
import type { SqlExecutor } from '../storage/sql-driver';
import type { SearchPosition } from './search-cursor';
import { chooseSearchPlan, type SearchPlan } from './search-plan';
import { type QueryTerm, queryTerms, splitSearchQuery } from './search-query';
import { bitmapStatement, walkStatement } from './search-statements';

/** One search as the SQL runs it: the viewer, what they typed, and where the page starts. */
export interface SqlSearchRequest {
  viewerId: string;
  query: string;
  conversationId: string | null;
  after: SearchPosition | null;
  /** Rows to read: one more than the page, to know whether another follows. */
  limit: number;
  /** Forces a plan (tests compare both); by default it is chosen per search (search-plan.ts). */
  plan?: SearchPlan;
}

/**
 * Where a message's words are read from: the stored `search_words` column (the `simple`
 * configuration's, which the migrations index), or computed from the body for any other
 * configuration (matching the index the host creates for it). Benchmarks pass it to compare.
 */
export type WordsSource = 'column' | 'expression';

/** Every column of a message but its words, which nothing past the search needs. */
const messageColumns = `m.id, m.conversation_id, m.seq, m.sender_id, m.client_id, m.kind, m.body,
  m.attachments, m.reply_to, m.mentions, m.created_at, m.edited_at, m.deleted_at, m.change`;

/** Messages found (newest first) and the terms the query was parsed into, for highlights. */
export interface SqlSearchResult {
  messages: Message[];
  terms: QueryTerm[];
  /** The plan that ran (benchmarks and tests report it). */
  plan: SearchPlan;
}

/**
 * The built-in search, the same SQL on PostgreSQL and PGlite. The user's text only ever
 * travels as parameters; the configuration name is spliced in because the expression must read
 * exactly as the index's for the planner to use it, and it was checked as an identifier
 * (search-options.ts). The viewer's participant rows, read first, limit the search to the
 * conversations they are in now: leaving removes the row, so a left conversation is never searched.
 *
 * Two plans (search-plan.ts), chosen here from the planner's estimate of the term's matches and
 * the counts of the viewer's messages; asked with the participants in parallel, so the choice
 * costs no extra round trip of waiting.
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
  const [scope, estimatedMatches] = await Promise.all([
    searchScope(sql, request),
    request.plan ? Promise.resolve(0) : estimateMatches(sql, vector, tsquery, base),
  ]);
  if (scope.conversationIds.length === 0) {
    return { messages: [], terms: [], plan: request.plan ?? 'bitmap' };
  }
  const choice = chooseSearchPlan({
    conversations: scope.conversationIds.length,
    viewerMessages: scope.messages,
    tableMessages: scope.tableMessages,
    estimatedMatches,
    limit: request.limit,
  });
  const plan = request.plan ?? choice.plan;

  const params = [...base];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const after =
    request.after === null
      ? ''
      : `AND (m.created_at, m.id) < (${param(request.after.createdAt)}::timestamptz, ${param(request.after.messageId)}::text)`;
  const statement = {
    schema: s,
    vector,
    tsquery,
    conversations: param(scope.conversationIds),
    after,
    limit: `${param(request.limit)}::int`,
  };
  const page =
    plan === 'walk'
      ? walkStatement(statement, `${param(choice.perConversation)}::int`)
      : bitmapStatement(statement);
  const rows = await sql.query<MessageRow & { search_query: string }>(
    `WITH page AS (${page})
     SELECT ${messageColumns}, ${tsquery}::text AS search_query
     FROM page JOIN ${s}.messages m ON m.id = page.id
     ORDER BY m.created_at DESC, m.id DESC`,
    params,
  );
  const terms = rows[0] ? queryTerms(rows[0].search_query) : [];
  // withReactions only reads; SqlAccess has no exec (scripts), which it never calls.
  const reader: SqlExecutor = {
    query: (text, values) => sql.query(text, values),
    exec: () => Promise.reject(new Error('search runs no scripts')),
  };
  const messages = await withReactions(reader, s, rows, request.viewerId);
  return { messages, terms, plan };
}

/** The conversations searched, how many messages they hold, and how many the table holds. */
async function searchScope(
  sql: SqlAccess,
  request: SqlSearchRequest,
): Promise<{ conversationIds: string[]; messages: number; tableMessages: number | null }> {
  const s = sql.schema;
  const params: unknown[] = [request.viewerId, `${s}.messages`];
  let only = '';
  if (request.conversationId !== null) {
    params.push(request.conversationId);
    only = 'AND p.conversation_id = $3';
  }
  // A list the planner sees beats its estimate of a join with the viewer's participant rows.
  const rows = await sql.query<{
    id: string;
    last_seq: string | number;
    table_rows: number | null;
  }>(
    `SELECT p.conversation_id AS id, c.last_seq,
       (SELECT reltuples FROM pg_class WHERE oid = $2::regclass) AS table_rows
     FROM ${s}.participants p JOIN ${s}.conversations c ON c.id = p.conversation_id
     WHERE p.user_id = $1 ${only}`,
    params,
  );
  const tableRows = rows[0]?.table_rows ?? null;
  return {
    conversationIds: rows.map((row) => row.id),
    messages: rows.reduce((sum, row) => sum + Number(row.last_seq), 0),
    tableMessages: tableRows === null ? null : Number(tableRows),
  };
}

/** The planner's estimate of the term's live matches in the whole table: statistics only, no rows read. */
async function estimateMatches(
  sql: SqlAccess,
  vector: string,
  tsquery: string,
  params: unknown[],
): Promise<number> {
  const rows = await sql.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${sql.schema}.messages m
     WHERE m.deleted_at IS NULL AND ${vector} @@ ${tsquery}`,
    params,
  );
  const raw = rows[0]?.['QUERY PLAN'];
  const plan = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const estimate = Array.isArray(plan) ? plan[0]?.Plan?.['Plan Rows'] : undefined;
  return typeof estimate === 'number' ? estimate : 0;
}
