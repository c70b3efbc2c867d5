import { messagePayload } from './webhook-payload-mentions';

/**
 * A cheaper statement trigger for new messages (issue 15: webhooks' share of the send path's
 * CPU). A migration of its own, appended after webhook-payload-mentions.ts (released, never
 * edited): it replaces `webhook_messages_created` only, with the same events and payloads.
 *
 * Before, every send statement ran the events' insert and the stream rows' upsert as one
 * statement (the events returned, grouped by conversation, each group's stream row inserted
 * `ON CONFLICT DO NOTHING`), whose fixed part (the second insert with its arbiter, the
 * returned rows kept, the aggregate) cost about as much as writing two or three events. A busy
 * conversation has its stream row already, which made that part a no-op on nearly every send.
 * Now a read of the stream rows comes first, one probe a message: when every conversation of
 * the statement has its row, the events are inserted alone; otherwise the statement of before
 * runs, unchanged, and makes the rows that are missing.
 *
 * Why a row seen is still there when the events are inserted: only the prune deletes stream
 * rows, and only of conversations whose row it holds locked (`FOR UPDATE SKIP LOCKED`); every
 * path inserting messages holds its conversations `FOR UPDATE` from before this trigger until
 * it commits, so the prune skips them. A prune that deleted a row and committed before the
 * lock was granted is seen by the probe: in READ COMMITTED (the storage's isolation) each
 * statement of the function reads with a snapshot taken when it starts.
 */
export const webhookStreamCheckMigration = `
  CREATE OR REPLACE FUNCTION {schema}.webhook_messages_created() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM new_messages m WHERE NOT EXISTS (
        SELECT 1 FROM {schema}.webhook_streams st WHERE st.conversation_id = m.conversation_id))
    THEN
      WITH events AS (
        INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
        SELECT m.conversation_id, 'message.created', ${messagePayload}
        FROM new_messages m ORDER BY m.conversation_id, m.seq
        RETURNING id, conversation_id)
      INSERT INTO {schema}.webhook_streams (conversation_id, delivered_up_to)
      SELECT conversation_id, min(id) - 1 FROM events GROUP BY conversation_id
      ON CONFLICT (conversation_id) DO NOTHING;
    ELSE
      INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
      SELECT m.conversation_id, 'message.created', ${messagePayload}
      FROM new_messages m ORDER BY m.conversation_id, m.seq;
    END IF;
    RETURN NULL;
  END $$;
`;
