/**
 * The two plans' SQL (see search-plan.ts). Both return the page's ids and times, newest first;
 * the caller reads the rows. Pieces passed in are built by sql-search.ts from checked names and
 * parameter numbers, never from the user's text.
 */
export interface SearchStatementParts {
  /** Checked schema name. */
  schema: string;
  /** The words of `m`: the stored column or the configuration's expression. */
  vector: string;
  /** The tsquery expression, over parameters. */
  tsquery: string;
  /** Parameter holding the conversations searched (text[]). */
  conversations: string;
  /** `AND (m.created_at, m.id) < (…)` for a cursor, or ''. */
  after: string;
  /** Parameter holding the page's row count. */
  limit: string;
}

/**
 * Newest first through each conversation (messages_by_conversation_time, backwards), taking
 * `perConversation` hits from each. The page's last row is at or above the `limit`-th newest of
 * those (the cutoff); a conversation can hold more hits above it only if its walk stopped full and
 * above it, and only those are walked again, from where they stopped down to the cutoff. So every
 * index range read ends at a hit or at the cutoff, never at the start of a conversation that has
 * hits. LIMIT in each lateral keeps the walks lazy; row_number() marks the one that stopped full.
 */
export function walkStatement(p: SearchStatementParts, perConversation: string): string {
  const s = p.schema;
  // coalesce() hides the words from their index: the storage's statements are prepared, so after
  // a few runs PostgreSQL may plan without the term, guess it rare, and probe the words index once
  // per conversation (15–20 s for a common word in bench/search.ts). The walk reads by time only.
  // The query in a sub-select is parsed once per statement (an InitPlan); as a plain expression a
  // generic plan parses it again for every row walked: 2.6 ms instead of 1.6 for a common word.
  const words = `coalesce(${p.vector}, ''::tsvector) @@ (SELECT ${p.tsquery})`;
  const matches = `m.conversation_id = c.id AND m.deleted_at IS NULL AND ${words}`;
  return `
    WITH firsts AS MATERIALIZED (
      SELECT c.id AS conversation_id, h.id, h.created_at, h.n
      FROM unnest(${p.conversations}::text[]) AS c (id)
      CROSS JOIN LATERAL (
        SELECT m.id, m.created_at,
          row_number() OVER (ORDER BY m.created_at DESC, m.id DESC) AS n
        FROM ${s}.messages m
        WHERE ${matches} ${p.after}
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT ${perConversation}
      ) h
    ),
    cutoff AS (
      SELECT coalesce(max(created_at), '-infinity'::timestamptz) AS created_at,
        coalesce(max(id), '') AS id
      FROM (SELECT created_at, id FROM firsts
            ORDER BY created_at DESC, id DESC OFFSET ${p.limit} - 1 LIMIT 1) last
    ),
    more AS (
      SELECT h.id, h.created_at
      FROM firsts f
      CROSS JOIN cutoff x
      CROSS JOIN LATERAL (
        SELECT m.id, m.created_at FROM ${s}.messages m
        WHERE m.conversation_id = f.conversation_id AND m.deleted_at IS NULL
          AND ${words}
          AND (m.created_at, m.id) < (f.created_at, f.id)
          AND (m.created_at, m.id) >= (x.created_at, x.id)
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT ${p.limit}
      ) h
      WHERE f.n = ${perConversation} AND (f.created_at, f.id) > (x.created_at, x.id)
    )
    SELECT id, created_at FROM firsts
    UNION ALL
    SELECT id, created_at FROM more
    ORDER BY created_at DESC, id DESC
    LIMIT ${p.limit}`;
}

/**
 * The term's rows in the viewer's conversations, all of them (the planner intersects the words
 * index with the conversations' entries, or filters the term's few rows), then the newest.
 * MATERIALIZED keeps ORDER BY … LIMIT from tempting the planner into a walk by date.
 */
export function bitmapStatement(p: SearchStatementParts): string {
  return `
    WITH hits AS MATERIALIZED (
      SELECT m.id, m.created_at FROM ${p.schema}.messages m
      WHERE m.conversation_id = ANY(${p.conversations}::text[]) AND m.deleted_at IS NULL
        AND ${p.vector} @@ ${p.tsquery} ${p.after}
    )
    SELECT id, created_at FROM hits ORDER BY created_at DESC, id DESC LIMIT ${p.limit}`;
}
