import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import { SqlStorage } from './sql-storage';
import type { Storage } from './storage';

export interface PGliteStorageOptions {
  /** A folder to keep the database in; omit for an in-memory database. */
  dataDir?: string;
  /** Use an existing PGlite instance instead (it is not closed by `close()`). */
  db?: PGlite;
  /** PostgreSQL schema holding Banter's tables. Default `banter`. */
  schema?: string;
}

/**
 * The embedded default: PostgreSQL compiled to WASM, in this process. No
 * database server needed; a data folder makes it survive restarts. PGlite runs
 * one query at a time, so it suits one node; use `postgresStorage` to scale out.
 *
 * @example
 * const storage = await pgliteStorage({ dataDir: './.banter-data' });
 */
export async function pgliteStorage(options: PGliteStorageOptions = {}): Promise<Storage> {
  const owned = options.db === undefined;
  const db = options.db ?? (await PGlite.create(options.dataDir ?? 'memory://'));
  const storage = new SqlStorage(pgliteDriver(db, owned), options.schema);
  await storage.migrate();
  return storage;
}

function executor(target: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await target.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script: string) {
      await target.exec(script);
    },
  };
}

function pgliteDriver(db: PGlite, owned: boolean): SqlDriver {
  return {
    ...executor(db),
    // PGlite queues other queries behind an open transaction, so this is atomic.
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: async () => {
      if (owned && !db.closed) await db.close();
    },
  };
}
