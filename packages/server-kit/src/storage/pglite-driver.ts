import type { PGlite, Transaction } from '@electric-sql/pglite';
import { assertSchemaName, migrations } from './schema';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import type { SqlStorage } from './sql-storage';

// PGlite's types only: `@banter/server-kit/pglite` imports this on the server's thread, where
// PGlite's code (half a megabyte of JavaScript) need not load; the worker opens it
// (`pglite-open.ts`), and a host that passes its own instance has loaded it already.

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

/**
 * Statements with parameters are prepared once and then executed by name, so PostgreSQL
 * parses and plans each only once: PGlite's `query` sends an unnamed statement, and
 * planning the send batch's statement was most of a one-send batch's time (5 ms of
 * 6 here). PGlite cannot bind parameters to `EXECUTE`, so they go as quoted literals,
 * which the prepared statement's parameter types then read as if they had been bound.
 * Only outside transactions: a failed `EXECUTE` there would abort the transaction, and
 * the statements worth it (sends, reads) do not run in one.
 */
function preparedExecutor(db: PGlite): SqlExecutor {
  const names = new Map<string, Promise<string>>();
  const prepare = (sql: string) => {
    let name = names.get(sql);
    if (name === undefined) {
      const next = `banter_${names.size + 1}`;
      name = db.query(`PREPARE ${next} AS ${sql}`).then(() => next);
      // A statement PostgreSQL refused to prepare is tried again next time, and fails as the query would.
      name.catch(() => names.delete(sql));
      names.set(sql, name);
    }
    return name;
  };
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      if (params.length === 0) return (await db.query<Row>(sql)).rows;
      const name = await prepare(sql);
      const result = await db.query<Row>(`EXECUTE ${name}(${params.map(literal).join(', ')})`);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

/** A parameter as an untyped SQL literal, the text form PGlite would have bound. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) return quote(`{${value.map(arrayElement).join(',')}}`);
  if (typeof value === 'object') return quote(JSON.stringify(value));
  return quote(String(value));
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return `"${String(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** `owned`: Banter's own instance, closed by `close()`, whose session no one else shares. */
export function pgliteDriver(db: PGlite, owned: boolean): SqlDriver {
  return {
    // A host's instance may hold other prepared statements (or other Banter schemas): left as it was.
    ...(owned ? preparedExecutor(db) : executor(db)),
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

/**
 * PGlite runs PostgreSQL in single-user mode, without autovacuum, so nothing ever
 * vacuums or analyzes: the planner keeps the statistics of an empty database while the
 * tables grow, and the rows every send updates (its conversation, its sender's
 * watermarks) pile up versions. A data folder under steady load committed 7,200
 * sends/s at first, 3,800 a few seconds later, and 8,600–12,000 again after one
 * `VACUUM` (36 ms). This does what autovacuum would, with its default thresholds, for
 * the tables that need it; when none does, it costs one read.
 */
export async function autovacuum(db: SqlExecutor, schema = 'banter') {
  const rows = await db.query<{ relname: string; vacuum: boolean; analyze: boolean }>(
    `SELECT relname, n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum,
       n_mod_since_analyze > 50 + 0.1 * n_live_tup AS analyze
     FROM pg_stat_user_tables WHERE schemaname = $1`,
    [assertSchemaName(schema)],
  );
  const table = (row: { relname: string }) => `${schema}."${row.relname.replaceAll('"', '""')}"`;
  // Vacuum where rows are updated (small tables), analyze where they are added (sampled:
  // its cost does not grow with the table), as autovacuum decides.
  const vacuum = rows.filter((row) => row.vacuum).map(table);
  const analyze = rows.filter((row) => row.analyze && !row.vacuum).map(table);
  if (vacuum.length > 0) await db.exec(`VACUUM (ANALYZE) ${vacuum.join(', ')}`);
  if (analyze.length > 0) await db.exec(`ANALYZE ${analyze.join(', ')}`);
}
