import type { Message } from '@banter/core/protocol';
import { withReactions } from './reactions';
import type { MessageRow } from './rows';
import type { SqlDriver } from './sql-driver';

/** What `banter.admin.eraseUser` asks of the store. */
export interface UserErasure {
  /** Whom to erase. */
  userId: string;
  /** The id their messages' sender becomes (`erasedSenderId`). */
  placeholderId: string;
  /** `delete`: their messages are deleted (tombstones, as a user's delete). `anonymize`: kept, by the placeholder. */
  messages: 'delete' | 'anonymize';
  /** The deletion time of deleted messages. */
  now: Date;
}

/** What an erasure changed, for the events that tell clients. */
export interface ErasureResult {
  /** Every message that changed (theirs, those that lost their reactions, those that mentioned them), as it is now, read for no one. */
  changedMessages: Message[];
  /** The conversations they were a participant of. */
  leftConversationIds: string[];
  /** Their uploads, whose rows are gone: the caller deletes the stored files once this commits. */
  erasedUploadIds: string[];
}

/**
 * Erases a user in one transaction. The conversations they touched are locked first, in id
 * order, as a send locks them (message-batch.ts): a send of theirs that is past its checks
 * either commits before (and is then erased) or runs after and finds them no longer a
 * participant. Every message that changes takes its conversation's next change number, so the
 * change feed and `message:updated` carry the erasure to clients. Their participant rows,
 * reactions, last-seen time, blocks (both ways), ban and push subscriptions go; others' mentions
 * of them name the placeholder; a group they owned passes to its longest-standing member;
 * conversations they created keep existing under the placeholder, without the idempotency
 * key whose request named them; a direct conversation stays readable for the other person.
 * Their uploads' rows go in both modes, and so do the attachments of their messages (an
 * anonymized message keeps its text, never their files); the stored bytes are the caller's
 * to delete after the commit (`erasedUploadIds`).
 */
export function eraseUser(db: SqlDriver, s: string, input: UserErasure): Promise<ErasureResult> {
  const { userId, placeholderId } = input;
  const deleting = input.messages === 'delete';
  return db.transaction(async (tx) => {
    await tx.query(
      `SELECT id FROM ${s}.conversations WHERE created_by = $1 OR id IN (
         SELECT conversation_id FROM ${s}.participants WHERE user_id = $1
         UNION SELECT conversation_id FROM ${s}.messages WHERE sender_id = $1
         UNION SELECT conversation_id FROM ${s}.reactions WHERE user_id = $1
         UNION SELECT conversation_id FROM ${s}.messages
           WHERE mentions @> jsonb_build_array(jsonb_build_object('userId', $1::text)))
       ORDER BY id FOR UPDATE`,
      [userId],
    );
    // Their messages, and the messages they reacted to or are mentioned in, each take a change
    // number, in seq order.
    const changed = await tx.query<MessageRow>(
      `WITH targets AS (
         SELECT m.id, m.conversation_id,
           row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.seq) AS n
         FROM ${s}.messages m
         WHERE m.sender_id = $1 OR m.id IN (SELECT message_id FROM ${s}.reactions WHERE user_id = $1)
           OR m.mentions @> jsonb_build_array(jsonb_build_object('userId', $1::text))
       ),
       counts AS (SELECT conversation_id, count(*) AS k FROM targets GROUP BY conversation_id),
       changed AS (
         UPDATE ${s}.messages m SET
           change = c.last_change + t.n,
           sender_id = CASE WHEN m.sender_id = $1 THEN $2 ELSE m.sender_id END,
           client_id = CASE WHEN m.sender_id = $1 THEN m.id ELSE m.client_id END,
           body = CASE WHEN m.sender_id = $1 AND $3 THEN '' ELSE m.body END,
           -- Others' mentions of them keep their place in the text and name the placeholder.
           mentions = CASE WHEN m.sender_id = $1 AND $3 THEN '[]'::jsonb ELSE (
             SELECT COALESCE(jsonb_agg(CASE WHEN e->>'userId' = $1
               THEN jsonb_set(e, '{userId}', to_jsonb($2::text)) ELSE e END ORDER BY i), '[]'::jsonb)
             FROM jsonb_array_elements(m.mentions) WITH ORDINALITY AS x(e, i)) END,
           -- In both modes: their files are personal data, and their bytes are deleted.
           attachments = CASE WHEN m.sender_id = $1 THEN '[]'::jsonb ELSE m.attachments END,
           deleted_at = CASE WHEN m.sender_id = $1 AND $3 THEN COALESCE(m.deleted_at, $4)
             ELSE m.deleted_at END
         FROM targets t JOIN ${s}.conversations c ON c.id = t.conversation_id
         WHERE m.id = t.id
         RETURNING m.*
       ),
       bumped AS (
         UPDATE ${s}.conversations c SET last_change = c.last_change + k.k
         FROM counts k WHERE c.id = k.conversation_id
       )
       SELECT * FROM changed ORDER BY conversation_id, change`,
      [userId, placeholderId, deleting, input.now],
    );
    // Their reactions go; a deleted message keeps none at all, as with a user's delete.
    const deleted = changed.filter((row) => row.deleted_at !== null).map((row) => row.id);
    await tx.query(
      `DELETE FROM ${s}.reactions WHERE user_id = $1 OR message_id = ANY($2::text[])`,
      [userId, deleted],
    );
    const left = await tx.query<{ conversation_id: string }>(
      `DELETE FROM ${s}.participants WHERE user_id = $1 RETURNING conversation_id`,
      [userId],
    );
    const leftIds = left.map((row) => row.conversation_id);
    // As `removeParticipant` does: a group is never left without an owner.
    await tx.query(
      `UPDATE ${s}.participants p SET role = 'owner'
       FROM (
         SELECT DISTINCT ON (q.conversation_id) q.conversation_id, q.user_id
         FROM ${s}.participants q JOIN ${s}.conversations c ON c.id = q.conversation_id
         WHERE q.conversation_id = ANY($1::text[]) AND c.kind = 'group'
           AND NOT EXISTS (SELECT 1 FROM ${s}.participants o
             WHERE o.conversation_id = q.conversation_id AND o.role = 'owner')
         ORDER BY q.conversation_id, q.joined_at, q.user_id
       ) heir
       WHERE p.conversation_id = heir.conversation_id AND p.user_id = heir.user_id`,
      [leftIds],
    );
    // Keys whose request named them are forgotten: a retry then makes a new conversation. The
    // host's keys keep only a hash of their request, so those of every conversation they were in go.
    await tx.query(`DELETE FROM ${s}.host_creates WHERE conversation_id = ANY($1::text[])`, [
      leftIds,
    ]);
    // Matched as text, never cast to JSON (a stored key need not parse as jsonb): a direct
    // conversation they were in (it cannot be left, so that is every one naming them), and a
    // request holding their id as JSON.stringify wrote it (a false match only forgets a key).
    await tx.query(
      `UPDATE ${s}.conversations SET
         created_by = CASE WHEN created_by = $1 THEN $2 ELSE created_by END,
         direct_key = CASE WHEN kind = 'direct' AND id = ANY($3::text[]) THEN NULL
           ELSE direct_key END,
         create_key = NULL, create_request = NULL
       WHERE created_by = $1 OR (kind = 'direct' AND id = ANY($3::text[]))
         OR strpos(create_request, $4) > 0`,
      [userId, placeholderId, leftIds, JSON.stringify(userId)],
    );
    await tx.query(`DELETE FROM ${s}.last_seen WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM ${s}.blocks WHERE blocker_id = $1 OR blocked_id = $1`, [userId]);
    await tx.query(`DELETE FROM ${s}.bans WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM ${s}.push_subscriptions WHERE user_id = $1`, [userId]);
    // Every upload they made, sent or not (a send only claims its sender's own uploads).
    const uploads = await tx.query<{ id: string }>(
      `DELETE FROM ${s}.uploads WHERE owner_id = $1 RETURNING id`,
      [userId],
    );
    // Last, so that it also covers the events this transaction's own changes just wrote: the
    // webhook hears of the erasure (deletes, removals) under the placeholder, and events kept
    // for replay no longer name them (as sender, member, creator or one a message mentions),
    // hold their files or, with `delete`, their text and its mentions. The payload is stored as
    // json (written once): merged as jsonb, stored back as json.
    await tx.query(
      `UPDATE ${s}.webhook_events SET payload = (payload::jsonb
         || CASE WHEN payload::jsonb->'mentions' @> $4::jsonb
              THEN jsonb_build_object('mentions', (
                SELECT jsonb_agg(CASE WHEN e->>'userId' = $1
                  THEN jsonb_set(e, '{userId}', to_jsonb($2::text)) ELSE e END ORDER BY i)
                FROM jsonb_array_elements(payload::jsonb->'mentions') WITH ORDINALITY AS x(e, i)))
            ELSE '{}' END
         || CASE WHEN payload->>'senderId' = $1
              THEN jsonb_build_object('senderId', $2::text, 'attachments', '[]'::jsonb)
              || CASE WHEN $3 THEN '{"body": "", "mentions": []}'::jsonb ELSE '{}' END
            ELSE '{}' END
         || CASE WHEN payload->>'userId' = $1 THEN jsonb_build_object('userId', $2::text) ELSE '{}' END
         || CASE WHEN payload->>'createdBy' = $1 THEN jsonb_build_object('createdBy', $2::text) ELSE '{}' END
       )::json
       WHERE $1 IN (payload->>'senderId', payload->>'userId', payload->>'createdBy')
         OR payload::jsonb->'mentions' @> $4::jsonb`,
      [userId, placeholderId, deleting, JSON.stringify([{ userId }])],
    );
    return {
      changedMessages: await withReactions(tx, s, changed, null),
      leftConversationIds: leftIds,
      erasedUploadIds: uploads.map((row) => row.id),
    };
  });
}
