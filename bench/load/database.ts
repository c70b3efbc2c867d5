/**
 * The PostgreSQL side of a run: a fresh database per Banter server, so no run
 * sees another's rows, dropped afterwards.
 */
import pg from 'pg';

export const adminUrl =
  process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let counter = 0;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `banter_bench_<pid>_<n>` and returns its name and URL. */
export async function createDatabase(): Promise<{ name: string; url: string }> {
  const name = `banter_bench_${process.pid}_${++counter}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropDatabase(name: string): Promise<void> {
  // FORCE: a server killed mid-run may leave connections behind.
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
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
