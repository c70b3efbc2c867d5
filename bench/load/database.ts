/**
 * What the benchmark reads from PostgreSQL itself. Its databases are made and
 * dropped by the test suites' `createTestDatabase` (one per Banter server).
 */
import pg from 'pg';

const adminUrl = process.env.BANTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Transactions committed in one database so far (read-only ones included).
 * PostgreSQL publishes these counts up to a second late, so over a window of
 * a few seconds the figure per message is approximate.
 */
export function commitCount(name: string): Promise<number> {
  return admin(async (client) => {
    const result = await client.query<{ commits: string }>(
      'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = $1',
      [name],
    );
    return Number(result.rows[0]?.commits ?? 0);
  });
}

/** Process ids of the backends connected to one database now (the server's pool, autovacuum). */
export function backendPids(name: string): Promise<number[]> {
  return admin(async (client) => {
    const result = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    return result.rows.map((row) => row.pid);
  });
}
