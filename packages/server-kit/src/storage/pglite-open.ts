import { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL's defaults are sized for a server with many connections and gigabytes of
 * cache; an embedded database with one connection needs little of that. Measured in
 * the server-kit README (idle RSS): the buffer pool is most of what an idle PGlite
 * holds, and pages beyond it are read from the data folder through the OS cache.
 */
const leanSettings = [
  ['shared_buffers', '16MB'],
  ['wal_buffers', '512kB'],
  ['temp_buffers', '1MB'],
  // Single-user mode: one connection, and no room for more is needed.
  ['max_connections', '2'],
  // The default, stated because named statements are called with quoted literals
  // (`pglite-driver.ts`).
  ['standard_conforming_strings', 'on'],
  // ANALYZE samples 300 rows per unit of this (default 100): see `autovacuum` (in
  // `pglite-driver.ts`), which runs it on the worker that also commits the sends.
  // Banter's queries look rows up by id.
  ['default_statistics_target', '10'],
] as const;

/** Opens PGlite in a data folder (or in memory) with settings for one embedded connection. */
export function openPglite(dataDir: string | undefined): Promise<PGlite> {
  return PGlite.create(dataDir ?? 'memory://', {
    startParams: [
      ...PGlite.defaultStartParams,
      ...leanSettings.flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
  });
}
