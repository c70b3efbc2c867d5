/**
 * Prepares a database for the pgbench scripts beside this file: Banter's
 * schema (by its own migrations) and 50 one-to-one conversations of users
 * `u` and `v`. The database must exist.
 *
 *   npx tsx bench/load/pgbench/seed.ts postgres://postgres@127.0.0.1/banter_pgbench
 */
import { postgresStorage } from '@banter/server-kit/postgres';
import pg from 'pg';

const url = process.argv[2];
if (!url) throw new Error('usage: seed.ts DATABASE_URL');
const storage = await postgresStorage({ connectionString: url });
await storage.close();
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  for (let i = 1; i <= 50; i++) {
    await client.query(
      `INSERT INTO banter.conversations (id, kind, created_by, created_at, last_activity_at)
       VALUES ($1, 'direct', 'u', now(), now())`,
      [`c${i}`],
    );
    await client.query(
      `INSERT INTO banter.participants (conversation_id, user_id, role, joined_at)
       VALUES ($1, 'u', 'member', now()), ($1, 'v', 'member', now())`,
      [`c${i}`],
    );
  }
} finally {
  await client.end();
}
