import type { Message } from '@banter/core/protocol';
import { discardFilesOfSql } from '../uploads/upload-sql';
import type { MessageRow } from './rows';
import { toMessage } from './rows';
import type { SqlDriver } from './sql-driver';

/** One batch of the retention sweep. */
export interface ExpiryBatch {
  /** Messages created before this time are expired. */
  before: Date;
  /** Their deletion time. */
  now: Date;
  /** The most messages to delete in this batch. */
  limit: number;
}

/**
 * Deletes up to `limit` expired messages of one conversation, as a user's delete does (a
 * tombstone keeping its seq: body, attachments and reactions cleared, files handed to the
 * upload sweeper, `deletedAt` set, a change number each, so clients see them go through
 * `message:updated` and the change feed).
 * Returns them; an empty list when nothing is left to expire.
 *
 * Safe on several nodes: the conversation's row is taken with `SKIP LOCKED`, so two sweeps
 * work on different conversations, and a conversation busy with a send is simply taken by a
 * later batch. Holding that lock, as every change does (message-changes.ts), keeps its change
 * counter gapless.
 */
export function expireMessages(db: SqlDriver, s: string, batch: ExpiryBatch): Promise<Message[]> {
  return db.transaction(async (tx) => {
    const [conversation] = await tx.query<{ id: string }>(
      `SELECT c.id FROM ${s}.conversations c
       WHERE c.id IN (SELECT m.conversation_id FROM ${s}.messages m
         WHERE m.created_at < $1 AND m.deleted_at IS NULL LIMIT 100)
       ORDER BY c.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [batch.before],
    );
    if (!conversation) return [];
    const rows = await tx.query<MessageRow>(
      `WITH victims AS (
         SELECT id, row_number() OVER (ORDER BY seq) AS n FROM ${s}.messages
         WHERE conversation_id = $1 AND created_at < $2 AND deleted_at IS NULL
         ORDER BY seq LIMIT $3
       ),
       changed AS (
         UPDATE ${s}.messages m SET body = '', attachments = '[]'::jsonb, mentions = '[]'::jsonb,
           deleted_at = $4, change = c.last_change + v.n
         FROM victims v, ${s}.conversations c
         WHERE m.id = v.id AND c.id = $1
         RETURNING m.*
       ),
       bumped AS (
         UPDATE ${s}.conversations SET last_change = last_change + (SELECT count(*) FROM victims)
         WHERE id = $1
       ),
       cleared AS (
         DELETE FROM ${s}.reactions WHERE message_id IN (SELECT id FROM victims)
       ),
       discarded AS (${discardFilesOfSql(s, 'SELECT id FROM victims', '$4')})
       SELECT * FROM changed ORDER BY change`,
      [conversation.id, batch.before, batch.limit, batch.now],
    );
    return rows.map((row) => toMessage(row, []));
  });
}
