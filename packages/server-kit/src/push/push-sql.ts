import type { SqlExecutor } from '../storage/sql-driver';

/*
 * The SQL of push subscriptions, kept out of sql-storage.ts as moderation.ts is; SqlStorage
 * delegates to these in one line each. `s` is the validated schema name.
 */

/** The table (a migration in schema.ts): one row per browser, keyed by its endpoint. */
export const pushMigration = `
  CREATE TABLE {schema}.push_subscriptions (
    endpoint text PRIMARY KEY,
    user_id text NOT NULL,
    p256dh text NOT NULL,
    auth text NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX push_subscriptions_by_user ON {schema}.push_subscriptions (user_id);
`;

/** A browser to push to. */
export interface PushTarget {
  /** Whose browser it is. */
  userId: string;
  /** The push service URL. */
  endpoint: string;
  /** The browser's ECDH public key, base64url. */
  p256dh: string;
  /** The browser's auth secret, base64url. */
  auth: string;
}

/** A subscription to store for a user. */
export interface NewPushSubscription extends PushTarget {
  /** When it was made. */
  now: Date;
  /** The most subscriptions the user may hold; a new one beyond it is not stored. */
  maxPerUser: number;
}

/**
 * Stores the subscription: `'saved'`, or `'full'` when the user already holds `maxPerUser`
 * others. An endpoint is one browser: subscribing it again (new keys, or another user signed
 * in on it) replaces the row, so a shared browser only gets the pushes of whoever subscribed last.
 */
export async function savePushSubscription(
  db: SqlExecutor,
  s: string,
  input: NewPushSubscription,
): Promise<'saved' | 'full'> {
  const rows = await db.query(
    `INSERT INTO ${s}.push_subscriptions (endpoint, user_id, p256dh, auth, created_at)
     SELECT $1, $2, $3, $4, $5
     WHERE (SELECT count(*) FROM ${s}.push_subscriptions WHERE user_id = $2 AND endpoint <> $1) < $6
     ON CONFLICT (endpoint) DO UPDATE
       SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
           created_at = EXCLUDED.created_at
     RETURNING endpoint`,
    [input.endpoint, input.userId, input.p256dh, input.auth, input.now, input.maxPerUser],
  );
  return rows.length > 0 ? 'saved' : 'full';
}

/** Removes the user's subscription for the endpoint; true when there was one. */
export async function deletePushSubscription(
  db: SqlExecutor,
  s: string,
  userId: string,
  endpoint: string,
): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM ${s}.push_subscriptions WHERE user_id = $1 AND endpoint = $2 RETURNING endpoint`,
    [userId, endpoint],
  );
  return rows.length > 0;
}

/** Removes an endpoint whatever user it belongs to: the push service said it is gone. */
export async function deletePushEndpoint(db: SqlExecutor, s: string, endpoint: string) {
  await db.query(`DELETE FROM ${s}.push_subscriptions WHERE endpoint = $1`, [endpoint]);
}

/** The endpoints of a user, oldest first (what the client can list and remove). */
export async function listPushEndpoints(
  db: SqlExecutor,
  s: string,
  userId: string,
): Promise<string[]> {
  const rows = await db.query<{ endpoint: string }>(
    `SELECT endpoint FROM ${s}.push_subscriptions WHERE user_id = $1 ORDER BY created_at, endpoint`,
    [userId],
  );
  return rows.map((row) => row.endpoint);
}

/**
 * The browsers of those among `userIds` who are participants of the conversation and have not
 * muted it: mute is read here, in the same statement, so a mute set before the push counts.
 */
export async function listPushTargets(
  db: SqlExecutor,
  s: string,
  conversationId: string,
  userIds: string[],
): Promise<PushTarget[]> {
  if (userIds.length === 0) return [];
  const rows = await db.query<{ user_id: string; endpoint: string; p256dh: string; auth: string }>(
    `SELECT ps.user_id, ps.endpoint, ps.p256dh, ps.auth
       FROM ${s}.push_subscriptions ps
       JOIN ${s}.participants p ON p.user_id = ps.user_id AND p.conversation_id = $1
      WHERE ps.user_id = ANY($2::text[]) AND NOT p.muted
      ORDER BY ps.user_id, ps.endpoint`,
    [conversationId, userIds],
  );
  return rows.map((row) => ({
    userId: row.user_id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
  }));
}
