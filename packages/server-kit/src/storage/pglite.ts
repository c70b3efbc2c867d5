import type { PGlite } from '@electric-sql/pglite';
import { DatabaseWorkerStorage } from './database-worker-storage';
import { migrateIfBehind, pgliteDriver } from './pglite-driver';
import { registerSqlAccess } from './sql-access';
import { SqlStorage } from './sql-storage';
import type { Storage } from './storage';

/** Where `pgliteStorage` keeps its database: a data folder, memory, or your own PGlite instance. */
export interface PGliteStorageOptions {
  /** A folder to keep the database in; omit for an in-memory database. */
  dataDir?: string;
  /**
   * Use an existing PGlite instance instead (it is not closed by `close()`). Its
   * queries then run where the instance lives, on the caller's thread.
   */
  db?: PGlite;
  /** PostgreSQL schema holding Banter's tables. Default `banter`. */
  schema?: string;
}

/**
 * The embedded default: PostgreSQL compiled to WASM, no database server needed; a
 * data folder makes it survive restarts. It runs in a worker thread, so queries never
 * hold up the sockets, and it is restarted on the same folder if it crashes (calls
 * meanwhile fail with a retryable `unavailable`). PGlite runs one query at a time, so
 * it suits one node; use `postgresStorage` to scale out.
 *
 * @example
 * const storage = await pgliteStorage({ dataDir: './.banter-data' });
 */
export async function pgliteStorage(options: PGliteStorageOptions = {}): Promise<Storage> {
  if (options.db) {
    const driver = pgliteDriver(options.db, false);
    const storage = new SqlStorage(driver, options.schema);
    await migrateIfBehind(driver, storage, options.schema);
    registerSqlAccess(storage, { query: driver.query, schema: options.schema ?? 'banter' });
    return storage;
  }
  return DatabaseWorkerStorage.start({
    dataDir: options.dataDir,
    schema: options.schema,
    // A thread rather than a child process: measured side by side in docs/benchmarks.md,
    // and why in the server-kit README.
    placement: 'thread',
  });
}
