import type { RateLimit } from '../limits/token-bucket';

/**
 * Message search (`message:search`). The built-in search runs on the storage's own
 * PostgreSQL or PGlite text search; a `searchMessages` hook replaces it.
 */
export interface MessageSearchOptions {
  /**
   * The PostgreSQL text-search configuration that splits and normalizes words. Default
   * `simple`: lower-cases and matches words as written, so every language works (no stemming,
   * no stop words). A language configuration such as `english` also finds "running" for
   * "run", but only the `simple` index is created by the migrations: with another one, create
   * `CREATE INDEX ON <schema>.messages USING gin (to_tsvector('<config>'::regconfig, body)) WHERE deleted_at IS NULL`
   * yourself, or every search reads all of the viewer's messages.
   */
  config?: string;
  /** Searches per user (per node). Default 5/s with a burst of 10: each one is a query. */
  rate?: RateLimit;
}

export interface ResolvedSearchOptions {
  config: string;
  rate: RateLimit;
}

const configName = /^[a-z_][a-z0-9_]{0,62}$/;

/** Defaults filled in; the configuration name is spliced into SQL (the index expression must match), so it is checked here. */
export function resolveSearchOptions(options: MessageSearchOptions = {}): ResolvedSearchOptions {
  const config = options.config ?? 'simple';
  if (!configName.test(config)) {
    throw new TypeError(
      `invalid search.config "${config}": name a text-search configuration (lower-case letters, digits, underscores)`,
    );
  }
  return { config, rate: options.rate ?? { perSecond: 5, burst: 10 } };
}
