import { PGlite, type Transaction } from '@electric-sql/pglite';
import { assertSchemaName, migrations } from './schema';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import type { SqlStorage } from './sql-storage';

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

export function pgliteDriver(db: PGlite, owned: boolean): SqlDriver {
  return {
    ...executor(db),
    // PGlite queues other queries behind an open transaction, so this is atomic.
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: async () => {
      if (owned && !db.closed) await db.close();
    },
  };
}

/**
 * Migrates only when the schema's recorded version is behind this build's: on a data
 * folder that is already current, start-up costs one read instead of a transaction
 * under the migration lock.
 */
export async function migrateIfBehind(db: SqlExecutor, storage: SqlStorage, schema = 'banter') {
  const s = assertSchemaName(schema);
  try {
    const [row] = await db.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${s}.migrations`,
    );
    if (Number(row?.version ?? 0) >= migrations.length) return;
  } catch {
    // No migrations table yet: a new database.
  }
  await storage.migrate();
}
