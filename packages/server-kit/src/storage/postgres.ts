import pg from 'pg';
import { registerSqlAccess } from './sql-access';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import { SqlStorage } from './sql-storage';
import type { Storage } from './storage';

/**
 * How `postgresStorage` reaches PostgreSQL: a connection string or your own `pg` pool, and the
 * schema to use.
 */
export interface PostgresStorageOptions {
  /** e.g. `postgres://user@127.0.0.1:5432/app`. Ignored when `pool` is given. */
  connectionString?: string;
  /** Use the host's pool instead (it is not ended by `close()`). */
  pool?: pg.Pool;
  /** Size of the pool Banter creates. Default 10. */
  maxConnections?: number;
  /** PostgreSQL schema holding Banter's tables. Default `banter`. */
  schema?: string;
}

/**
 * PostgreSQL for production and for several nodes: seq assignment and dedup
 * happen in the database, so any number of processes can share it.
 *
 * @example
 * const storage = await postgresStorage({ connectionString: process.env.DATABASE_URL });
 */
export async function postgresStorage(options: PostgresStorageOptions = {}): Promise<Storage> {
  const owned = options.pool === undefined;
  const pool =
    options.pool ??
    new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the host process.
  if (owned) pool.on('error', () => {});
  const driver = postgresDriver(
    pool,
    owned,
    Math.max(1, Math.floor((options.maxConnections ?? pool.options.max ?? 10) / 2)),
  );
  const storage = new SqlStorage(driver, options.schema);
  await storage.migrate();
  registerSqlAccess(storage, { query: driver.query, schema: options.schema ?? 'banter' });
  return storage;
}

/**
 * Each distinct statement gets a name, so every connection parses and plans it once
 * and then only binds values: the send batch is one large statement, and planning it
 * for every message was most of PostgreSQL's work under a steady trickle of sends.
 */
const statementNames = new Map<string, string>();
function statementName(sql: string) {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `banter_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

function executor(target: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await target.query({ name: statementName(sql), text: sql, values: params });
      return result.rows as Row[];
    },
    async exec(script: string) {
      await target.query(script);
    },
  };
}

/** `parallelism`: batches of sends at once, leaving half the pool to everything else. */
function postgresDriver(pool: pg.Pool, owned: boolean, parallelism: number): SqlDriver {
  return {
    ...executor(pool),
    parallelism,
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A client whose rollback failed is in an unknown state: drop it.
        client.release(broken);
      }
    },
    close: async () => {
      if (owned) await pool.end();
    },
  };
}
