import type pg from 'pg';
import { expect } from 'vitest';

/**
 * Waits until PostgreSQL says one backend of this database waits for a lock: how a race test
 * knows the statement it started is blocked behind the transaction it holds open (a state to
 * wait for, not a time).
 */
export async function untilOneWaitsForALock(client: pg.Client): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows[0]?.n,
      { timeout: 10_000 },
    )
    .toBe(1);
}
