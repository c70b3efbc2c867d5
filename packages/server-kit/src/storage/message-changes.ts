import type { ChangePage, Message } from '@banter/core/protocol';
import { discardFilesOfSql } from '../uploads/upload-sql';
import { type Viewer, withReactions } from './reactions';
import type { MessageRow } from './rows';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import type { ChangeRange } from './storage';

/**
 * Changes a message in place (an edit, a delete) and takes the conversation's
 * next change number for it, in one transaction. Returns null, writing nothing,
 * when the conversation or the message does not exist or the message is deleted.
 *
 * The conversation's row is locked first, as a send batch does: changes of one
 * conversation then commit in counter order, and the next statement sees every
 * earlier change, so the counter stays gapless and a rolled-back change takes
 * no number. `assignments` are SET clauses over parameters $3 onwards. A
 * deleted message keeps no reactions: a change that deletes removes them too,
 * and hands its files to the upload sweeper (`discardFilesOfSql`).
 */
export function changeMessage(
  db: SqlDriver,
  s: string,
  conversationId: string,
  messageId: string,
  assignments: string,
  params: unknown[],
  viewer: Viewer,
): Promise<Message | null> {
  return db.transaction(async (tx) => {
    const locked = await tx.query(`SELECT 1 FROM ${s}.conversations WHERE id = $1 FOR UPDATE`, [
      conversationId,
    ]);
    if (locked.length === 0) return null;
    const rows = await tx.query<MessageRow>(
      `WITH changed AS (
         UPDATE ${s}.messages m SET ${assignments}, change = c.last_change + 1
         FROM ${s}.conversations c
         WHERE c.id = $1 AND m.conversation_id = $1 AND m.id = $2 AND m.deleted_at IS NULL
         RETURNING m.*
       ),
       bumped AS (
         UPDATE ${s}.conversations c SET last_change = changed.change
         FROM changed WHERE c.id = changed.conversation_id
       )
       SELECT * FROM changed`,
      [conversationId, messageId, ...params],
    );
    const [row] = rows;
    if (!row) return null;
    if (row.deleted_at !== null) {
      await tx.query(`DELETE FROM ${s}.reactions WHERE message_id = $1`, [messageId]);
      await tx.query(discardFilesOfSql(s, '$1', '$2'), [messageId, row.deleted_at]);
    }
    const [message] = await withReactions(tx, s, rows, viewer);
    return message ?? null;
  });
}

/**
 * The change feed: each message whose latest change is after `range.after`, as
 * it is now, in change order. One row beyond the page tells whether there is more.
 */
export async function listChanges(
  db: SqlExecutor,
  s: string,
  conversationId: string,
  range: ChangeRange,
  viewer: Viewer,
): Promise<ChangePage> {
  const rows = await db.query<MessageRow>(
    `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND change > $2
     ORDER BY change ASC LIMIT $3`,
    [conversationId, range.after, range.limit + 1],
  );
  const hasMore = rows.length > range.limit;
  const messages = await withReactions(db, s, rows.slice(0, range.limit), viewer);
  return { messages, lastChange: messages.at(-1)?.change ?? range.after, hasMore };
}
