/**
 * Message search (issue 14): the words of each message in a stored generated column, and a
 * GIN index over them for live messages (a deleted message has an empty body and is never
 * searched). A stored column rather than an expression index: both compute the words once per
 * send, but a search must re-check every candidate row against its words, and recomputing
 * them from the body made a common word cost 140–240 ms for a user in 100 conversations
 * (bench/search.ts, 1,000,000 messages); reading them stored keeps it well under 50 ms.
 * The column is for the `simple` configuration; another one (search.config) is matched
 * against `to_tsvector(config, body)` and wants its own index (README).
 */
export const searchMigration = `
  ALTER TABLE {schema}.messages ADD COLUMN search_words tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED;
  CREATE INDEX messages_search ON {schema}.messages USING gin (search_words) WHERE deleted_at IS NULL;
`;

/**
 * Message search's walk (search-plan.ts): each conversation's live messages newest first, in the
 * order search pages are (time, then id), so a common word is answered from the newest few
 * messages of each conversation instead of from the word's entries in the whole table (which
 * took 120–180 ms for a word in 40% of 1,000,000 messages; bench/search.ts).
 */
export const searchWalkMigration = `
  CREATE INDEX messages_by_conversation_time ON {schema}.messages (conversation_id, created_at, id)
    WHERE deleted_at IS NULL;
`;
