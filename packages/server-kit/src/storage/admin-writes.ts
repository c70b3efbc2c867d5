import { ChatError, type SendResult } from '@banter/core/protocol';
import { type MessageRow, toMessage } from './rows';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import type { NewMessage } from './storage';

/** A conversation the host creates (`banter.admin.createConversation`), its input already validated. */
export interface NewHostConversation {
  /** The id to give it, made by the caller; unused when the key or the pair finds an existing one. */
  id: string;
  /** A direct conversation (exactly two users, one per pair) or a group. */
  kind: 'direct' | 'group';
  /** Everyone in it, `createdBy` included, without duplicates. */
  userIds: string[];
  /** Stored as its creator; a group's owner. */
  createdBy: string;
  /** A group's name, or null. */
  title: string | null;
  /** The host's own data, stored as given. */
  metadata: Record<string, unknown> | null;
  /**
   * The host's key (global, not per creator) and a hash of the request it came with: the
   * same key with the same request finds the conversation it made, with another one is a `conflict`.
   */
  idempotency: {
    /** The key. */
    key: string;
    /** A hash of the request's canonical form, compared when the key is used again. */
    requestHash: string;
  } | null;
  /** Its creation and first activity time. */
  now: Date;
}

/** What `banter.admin.updateConversation` changes; a field left out keeps its value. */
export interface ConversationChanges {
  /** The new title; null clears it. */
  title?: string | null;
  /** The new host metadata, replacing the old; null clears it. */
  metadata?: Record<string, unknown> | null;
}

/** The second key of the advisory lock a keyed create takes, beside the key's hash. */
const hostCreateLock = 0x62616e75;

/**
 * Creates a conversation for the host in one transaction. With a key, creates of that key
 * are serialized on every node by an advisory lock, so concurrent ones make one
 * conversation. A direct pair that already has its conversation gets that one (and the key
 * then names it), as with a user's create.
 */
export function createHostConversation(db: SqlDriver, s: string, input: NewHostConversation) {
  return db.transaction(async (tx) => {
    const key = input.idempotency;
    if (key) {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [hostCreateLock, key.key]);
      const [known] = await tx.query<{ request_hash: string; conversation_id: string }>(
        `SELECT request_hash, conversation_id FROM ${s}.host_creates WHERE key = $1`,
        [key.key],
      );
      if (known) {
        if (known.request_hash !== key.requestHash) throw keyConflict();
        return { id: known.conversation_id, created: false };
      }
    }
    const made =
      input.kind === 'direct' ? await insertDirect(tx, s, input) : await insertGroup(tx, s, input);
    if (key) {
      await tx.query(
        `INSERT INTO ${s}.host_creates (key, request_hash, conversation_id) VALUES ($1, $2, $3)`,
        [key.key, key.requestHash, made.id],
      );
    }
    return made;
  });
}

async function insertDirect(tx: SqlExecutor, s: string, input: NewHostConversation) {
  // The same unique pair key as a user's create (sql-storage.ts), so the two meet.
  const directKey = JSON.stringify([...input.userIds].sort());
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO ${s}.conversations
       (id, kind, metadata, direct_key, created_by, created_at, last_activity_at)
     VALUES ($1, 'direct', $2, $3, $4, $5, $5)
     ON CONFLICT (direct_key) DO NOTHING RETURNING id`,
    [input.id, jsonOrNull(input.metadata), directKey, input.createdBy, input.now],
  );
  if (inserted.length === 0) {
    const [existing] = await tx.query<{ id: string }>(
      `SELECT id FROM ${s}.conversations WHERE direct_key = $1`,
      [directKey],
    );
    if (!existing) throw new Error('expected the existing direct conversation');
    return { id: existing.id, created: false };
  }
  await addMembers(tx, s, input.id, input.userIds, () => 'member', input.now);
  return { id: input.id, created: true };
}

async function insertGroup(tx: SqlExecutor, s: string, input: NewHostConversation) {
  await tx.query(
    `INSERT INTO ${s}.conversations
       (id, kind, title, metadata, created_by, created_at, last_activity_at)
     VALUES ($1, 'group', $2, $3, $4, $5, $5)`,
    [input.id, input.title, jsonOrNull(input.metadata), input.createdBy, input.now],
  );
  const roleOf = (userId: string) => (userId === input.createdBy ? 'owner' : 'member');
  await addMembers(tx, s, input.id, input.userIds, roleOf, input.now);
  return { id: input.id, created: true };
}

async function addMembers(
  tx: SqlExecutor,
  s: string,
  conversationId: string,
  userIds: string[],
  roleOf: (userId: string) => 'owner' | 'member',
  now: Date,
) {
  await tx.query(
    `INSERT INTO ${s}.participants (conversation_id, user_id, role, joined_at)
     SELECT $1, m.u, m.r, $3 FROM jsonb_to_recordset($2::jsonb) AS m(u text, r text)`,
    [conversationId, JSON.stringify(userIds.map((u) => ({ u, r: roleOf(u) }))), now],
  );
}

/**
 * Stores a message from a sender who needs not be a participant (the system, a bot), in
 * one transaction: the conversation's row is locked as a send batch locks it
 * (message-batch.ts), so its seq and change number follow on gaplessly. A second insert
 * with the sender's clientId returns the first message. No watermark moves: nobody in the
 * conversation wrote it. Throws `not_found` for an unknown conversation.
 */
export function insertHostMessage(
  db: SqlDriver,
  s: string,
  input: NewMessage,
): Promise<SendResult> {
  return db.transaction(async (tx) => {
    const locked = await tx.query(`SELECT 1 FROM ${s}.conversations WHERE id = $1 FOR UPDATE`, [
      input.conversationId,
    ]);
    if (locked.length === 0) {
      throw new ChatError('not_found', 'unable to post message: no such conversation');
    }
    const [earlier] = await tx.query<MessageRow>(
      `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND sender_id = $2 AND client_id = $3`,
      [input.conversationId, input.senderId, input.clientId],
    );
    // A retry: reactions it gathered since are read by the caller when it needs them.
    if (earlier) return { message: toMessage(earlier, []), created: false };
    const [row] = await tx.query<MessageRow>(
      `WITH bumped AS (
         UPDATE ${s}.conversations SET last_seq = last_seq + 1, last_change = last_change + 1,
           last_activity_at = GREATEST(last_activity_at, $8)
         WHERE id = $1 RETURNING last_seq, last_change
       )
       INSERT INTO ${s}.messages (id, conversation_id, seq, change, sender_id, client_id, kind,
         body, attachments, reply_to, created_at)
       SELECT $2, $1, b.last_seq, b.last_change, $3, $4, $5, $6, $7::jsonb, NULL, $8 FROM bumped b
       RETURNING *`,
      [
        input.conversationId,
        input.id,
        input.senderId,
        input.clientId,
        input.kind,
        input.body,
        JSON.stringify(input.attachments),
        input.now,
      ],
    );
    if (!row) throw new Error('expected the inserted message');
    return { message: toMessage(row, []), created: true };
  });
}

/**
 * Sets a conversation's title and metadata; returns false, writing nothing, when there is
 * no such conversation. Neither its activity time nor its change counter moves: the change
 * feed carries messages, and clients get the conversation itself (`conversation:updated`).
 */
export async function updateConversation(
  db: SqlExecutor,
  s: string,
  conversationId: string,
  changes: ConversationChanges,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ${s}.conversations SET
       title = CASE WHEN $2 THEN $3 ELSE title END,
       metadata = CASE WHEN $4 THEN $5::jsonb ELSE metadata END
     WHERE id = $1 RETURNING id`,
    [
      conversationId,
      changes.title !== undefined,
      changes.title ?? null,
      changes.metadata !== undefined,
      changes.metadata === undefined ? null : jsonOrNull(changes.metadata),
    ],
  );
  return rows.length > 0;
}

function jsonOrNull(value: Record<string, unknown> | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

function keyConflict(): ChatError {
  return new ChatError(
    'conflict',
    'unable to create conversation: this idempotencyKey was used for a different request',
    {
      issues: [
        { path: 'idempotencyKey', message: 'was used with other users, kind, title or metadata' },
      ],
    },
  );
}
