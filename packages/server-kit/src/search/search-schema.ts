/**
 * Message search (issue 14): a GIN index over the words of each live message, for the
 * default `simple` configuration. An expression index rather than a stored tsvector column:
 * a send computes the words once either way, and the index alone keeps rows (and so every
 * history read) as small as before; bench/search.ts compares the two. Deleted messages have
 * an empty body and are never searched, so they are left out of the index.
 */
export const searchMigration = `
  CREATE INDEX messages_search ON {schema}.messages
    USING gin (to_tsvector('simple'::regconfig, body)) WHERE deleted_at IS NULL;
`;
