import type { ConversationKind } from '@banter/core/protocol';
import type { SqlExecutor } from './sql-driver';

/*
 * The SQL of bans and blocks, kept out of sql-storage.ts as reactions.ts is;
 * SqlStorage delegates to these in one line each. `s` is the validated schema name.
 */

/** Records a ban; banning again keeps the first time and takes the new reason. True when new. */
export async function banUser(
  db: SqlExecutor,
  s: string,
  userId: string,
  reason: string | null,
  now: Date,
): Promise<boolean> {
  // xmax = 0 only on a row this statement inserted: tells a new ban from a repeated one.
  const rows = await db.query<{ inserted: boolean }>(
    `INSERT INTO ${s}.bans (user_id, reason, banned_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET reason = EXCLUDED.reason
     RETURNING (xmax = 0) AS inserted`,
    [userId, reason, now],
  );
  return rows[0]?.inserted === true;
}

/** Lifts a ban. True when there was one. */
export async function unbanUser(db: SqlExecutor, s: string, userId: string): Promise<boolean> {
  const rows = await db.query(`DELETE FROM ${s}.bans WHERE user_id = $1 RETURNING user_id`, [
    userId,
  ]);
  return rows.length > 0;
}

/** The ban of a user, or null when they are not banned. */
export async function getBan(
  db: SqlExecutor,
  s: string,
  userId: string,
): Promise<{ reason: string | null } | null> {
  const [row] = await db.query<{ reason: string | null }>(
    `SELECT reason FROM ${s}.bans WHERE user_id = $1`,
    [userId],
  );
  return row ? { reason: row.reason } : null;
}

/** Records that `blockerId` blocks `blockedId`; blocking again changes nothing. True when new. */
export async function blockUser(
  db: SqlExecutor,
  s: string,
  blockerId: string,
  blockedId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ${s}.blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (blocker_id, blocked_id) DO NOTHING RETURNING blocker_id`,
    [blockerId, blockedId, now],
  );
  return rows.length > 0;
}

/** Lifts a block. True when there was one. */
export async function unblockUser(
  db: SqlExecutor,
  s: string,
  blockerId: string,
  blockedId: string,
): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM ${s}.blocks WHERE blocker_id = $1 AND blocked_id = $2 RETURNING blocker_id`,
    [blockerId, blockedId],
  );
  return rows.length > 0;
}

/** Everyone `blockerId` blocks, oldest block first. */
export async function listBlockedIds(
  db: SqlExecutor,
  s: string,
  blockerId: string,
): Promise<string[]> {
  const rows = await db.query<{ blocked_id: string }>(
    `SELECT blocked_id FROM ${s}.blocks WHERE blocker_id = $1 ORDER BY created_at, blocked_id`,
    [blockerId],
  );
  return rows.map((row) => row.blocked_id);
}

/** Which of `among` block `blockedId`, in no set order. */
export async function listBlockerIds(
  db: SqlExecutor,
  s: string,
  blockedId: string,
  among: string[],
): Promise<string[]> {
  if (among.length === 0) return [];
  const rows = await db.query<{ blocker_id: string }>(
    `SELECT blocker_id FROM ${s}.blocks WHERE blocked_id = $1 AND blocker_id = ANY($2::text[])`,
    [blockedId, among],
  );
  return rows.map((row) => row.blocker_id);
}

/** One send to check: its conversation and sender. */
export interface SendCheck {
  /** The conversation sent to. */
  conversationId: string;
  /** The sender. */
  userId: string;
}

/** What a send check finds: the conversation's kind, and who blocks whom in a direct one. */
export interface SendBlocks {
  /** `direct` or `group`; null for an unknown conversation. */
  kind: ConversationKind | null;
  /** In a direct conversation, which of its two participants block the other; else empty. */
  blockers: string[];
}

/**
 * For each send: the conversation's kind and, in a direct conversation, which of
 * the sender and the other participant block the other. One query for the batch,
 * since it runs for sends (kinds never change, so callers may remember groups).
 */
export async function directBlockers(
  db: SqlExecutor,
  s: string,
  checks: SendCheck[],
): Promise<SendBlocks[]> {
  if (checks.length === 0) return [];
  const rows = await db.query<{
    i: number;
    kind: ConversationKind | null;
    blocker_id: string | null;
  }>(
    `SELECT k.i, c.kind, b.blocker_id
     FROM jsonb_to_recordset($1::jsonb) AS k(i int, c text, u text)
     LEFT JOIN ${s}.conversations c ON c.id = k.c
     LEFT JOIN ${s}.participants other
       ON c.kind = 'direct' AND other.conversation_id = c.id AND other.user_id <> k.u
     LEFT JOIN ${s}.blocks b
       ON (b.blocker_id = k.u AND b.blocked_id = other.user_id)
       OR (b.blocker_id = other.user_id AND b.blocked_id = k.u)`,
    [JSON.stringify(checks.map((check, i) => ({ i, c: check.conversationId, u: check.userId })))],
  );
  const found: SendBlocks[] = checks.map(() => ({ kind: null, blockers: [] }));
  for (const row of rows) {
    const entry = found[row.i] as SendBlocks;
    entry.kind = row.kind;
    if (row.blocker_id !== null) entry.blockers.push(row.blocker_id);
  }
  return found;
}
