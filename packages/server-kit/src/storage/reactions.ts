import { ChatError, type Message, protocolLimits, type Reaction } from '@banter/core/protocol';
import { type MessageRow, toMessage } from './rows';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import type { NewReaction, ReactionKey, ReactionResult } from './storage';

/**
 * Whom a message is read for: their `reacted` flags are set. Null reads it as an
 * event to a whole conversation would carry it, without the flag.
 */
export type Viewer = string | null;

interface AggregateRow {
  message_id: string;
  viewer: string | null;
  emoji: string;
  count: string | number;
  user_ids: string[];
  reacted: boolean | null;
}

const keyOf = (messageId: string, viewer: Viewer) => `${messageId}\u0000${viewer ?? '\u0000'}`;

/**
 * Messages with their reactions: one aggregate query for the whole page, however
 * many messages it holds. Users and emoji are ordered by the change number each
 * reaction took, which is commit order within a conversation.
 */
export async function withReactions(
  db: SqlExecutor,
  s: string,
  rows: MessageRow[],
  viewer: Viewer | ((row: MessageRow) => Viewer),
): Promise<Message[]> {
  if (rows.length === 0) return [];
  const viewerOf = typeof viewer === 'function' ? viewer : () => viewer;
  const aggregates = await db.query<AggregateRow>(
    `SELECT t.id AS message_id, t.v AS viewer, r.emoji, count(*) AS count,
       (array_agg(r.user_id ORDER BY r.change))[1:$2] AS user_ids,
       bool_or(r.user_id = t.v) AS reacted
     FROM (SELECT DISTINCT id, v FROM jsonb_to_recordset($1::jsonb) AS x(id text, v text)) t
     JOIN ${s}.reactions r ON r.message_id = t.id
     GROUP BY t.id, t.v, r.emoji
     ORDER BY t.id, t.v, min(r.change)`,
    [
      JSON.stringify(rows.map((row) => ({ id: row.id, v: viewerOf(row) }))),
      protocolLimits.reactionUsersShown,
    ],
  );
  const byMessage = new Map<string, Reaction[]>();
  for (const aggregate of aggregates) {
    const key = keyOf(aggregate.message_id, aggregate.viewer);
    const reaction: Reaction = {
      emoji: aggregate.emoji,
      count: Number(aggregate.count),
      userIds: aggregate.user_ids,
    };
    if (aggregate.viewer !== null) reaction.reacted = aggregate.reacted === true;
    byMessage.set(key, [...(byMessage.get(key) ?? []), reaction]);
  }
  return rows.map((row) => toMessage(row, byMessage.get(keyOf(row.id, viewerOf(row))) ?? []));
}

/** What the locked conversation says about the caller and the message they react to. */
interface Target {
  row: MessageRow;
  /** The emoji the caller already put on the message. */
  mine: string[];
  /** How many different emoji the message carries. */
  emojiCount: number;
  /** Whether the message already carries this emoji, from anyone. */
  emojiKnown: boolean;
}

/**
 * Locks the conversation's row, as every change of a message does (message-changes.ts):
 * reaction changes of one conversation then run one at a time, so the caps counted
 * here cannot be passed by two adds at once, and the change counter stays gapless.
 */
async function lockTarget(tx: SqlExecutor, s: string, input: ReactionKey, action: string) {
  const [conversation] = await tx.query<{ member: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${s}.participants p
       WHERE p.conversation_id = c.id AND p.user_id = $2) AS member
     FROM ${s}.conversations c WHERE c.id = $1 FOR UPDATE`,
    [input.conversationId, input.userId],
  );
  if (!conversation?.member) {
    throw new ChatError(
      'not_found',
      `unable to ${action}: conversation not found, or you are not a participant`,
    );
  }
  const [row] = await tx.query<
    MessageRow & { mine: string[]; emoji_count: string | number; emoji_known: boolean }
  >(
    `SELECT m.*,
       ARRAY(SELECT r.emoji FROM ${s}.reactions r
         WHERE r.message_id = m.id AND r.user_id = $3) AS mine,
       (SELECT count(DISTINCT r.emoji) FROM ${s}.reactions r
         WHERE r.message_id = m.id) AS emoji_count,
       EXISTS (SELECT 1 FROM ${s}.reactions r
         WHERE r.message_id = m.id AND r.emoji = $4) AS emoji_known
     FROM ${s}.messages m WHERE m.conversation_id = $1 AND m.id = $2`,
    [input.conversationId, input.messageId, input.userId, input.emoji],
  );
  // A deleted message has nothing left to react to.
  if (!row || row.deleted_at !== null) {
    throw new ChatError('not_found', `unable to ${action}: no such message`);
  }
  return {
    row,
    mine: row.mine,
    emojiCount: Number(row.emoji_count),
    emojiKnown: row.emoji_known,
  } satisfies Target;
}

/**
 * Adds the caller's reaction in one transaction: a reaction they already have
 * changes nothing and takes no change number; one past a cap is refused with
 * `limit_reached`, storing nothing. An add takes the conversation's next change
 * number and stamps the message with it, so the change feed carries it.
 */
export function addReaction(db: SqlDriver, s: string, input: NewReaction): Promise<ReactionResult> {
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, s, input, 'add reaction');
    if (target.mine.includes(input.emoji)) {
      const [message] = await withReactions(tx, s, [target.row], input.userId);
      return { message: message as Message, changed: false };
    }
    const { reactionsPerUserPerMessage, reactionEmojiPerMessage } = protocolLimits;
    if (target.mine.length >= reactionsPerUserPerMessage) {
      throw new ChatError(
        'limit_reached',
        `unable to add reaction: you already reacted with ${reactionsPerUserPerMessage} different emoji to this message`,
      );
    }
    if (!target.emojiKnown && target.emojiCount >= reactionEmojiPerMessage) {
      throw new ChatError(
        'limit_reached',
        `unable to add reaction: this message already carries ${reactionEmojiPerMessage} different emoji`,
      );
    }
    const rows = await tx.query<MessageRow>(
      `WITH bumped AS (
         UPDATE ${s}.conversations SET last_change = last_change + 1
         WHERE id = $1 RETURNING last_change
       ),
       added AS (
         INSERT INTO ${s}.reactions (conversation_id, message_id, user_id, emoji, change, created_at)
         SELECT $1, $2, $3, $4, b.last_change, $5 FROM bumped b
       )
       UPDATE ${s}.messages m SET change = b.last_change FROM bumped b
       WHERE m.id = $2 RETURNING m.*`,
      [input.conversationId, input.messageId, input.userId, input.emoji, input.now],
    );
    const [message] = await withReactions(tx, s, rows, input.userId);
    return { message: message as Message, changed: true };
  });
}

/**
 * Removes the caller's reaction in one transaction: removing one they do not
 * have changes nothing and takes no change number; a removal takes the next one.
 */
export function removeReaction(
  db: SqlDriver,
  s: string,
  input: ReactionKey,
): Promise<ReactionResult> {
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, s, input, 'remove reaction');
    if (!target.mine.includes(input.emoji)) {
      const [message] = await withReactions(tx, s, [target.row], input.userId);
      return { message: message as Message, changed: false };
    }
    const rows = await tx.query<MessageRow>(
      `WITH removed AS (
         DELETE FROM ${s}.reactions WHERE message_id = $2 AND user_id = $3 AND emoji = $4
       ),
       bumped AS (
         UPDATE ${s}.conversations SET last_change = last_change + 1
         WHERE id = $1 RETURNING last_change
       )
       UPDATE ${s}.messages m SET change = b.last_change FROM bumped b
       WHERE m.id = $2 RETURNING m.*`,
      [input.conversationId, input.messageId, input.userId, input.emoji],
    );
    const [message] = await withReactions(tx, s, rows, input.userId);
    return { message: message as Message, changed: true };
  });
}
