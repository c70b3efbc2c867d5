/**
 * Message events carry the message's mentions (issue 14), so that a host can notify the people
 * a message names from its webhook as it can from `onMessage`. A migration of its own, appended
 * after the one that made the webhook functions (webhook-schema.ts), which is released and never
 * edited: it replaces the two functions that build a message's payload, the same payload with
 * `mentions` added. The triggers call the functions by name, so they need no change.
 */

/** A message's event payload, from the row `m` (webhook-stream-check.ts builds it the same). */
export const messagePayload = `json_build_object(
  'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'senderId', m.sender_id,
  'clientId', m.client_id, 'kind', m.kind, 'body', m.body, 'attachments', m.attachments,
  'mentions', m.mentions, 'replyTo', m.reply_to, 'createdAt', {schema}.webhook_iso(m.created_at),
  'editedAt', {schema}.webhook_iso(m.edited_at),
  'deletedAt', {schema}.webhook_iso(m.deleted_at), 'change', m.change)`;

export const webhookMentionsMigration = `
  CREATE OR REPLACE FUNCTION {schema}.webhook_message_event() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    m {schema}.messages;
    event_type text;
  BEGIN
    IF TG_OP = 'DELETE' THEN
      m := OLD; event_type := 'message.deleted';
    ELSIF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
      m := NEW; event_type := 'message.deleted';
    ELSIF NEW.deleted_at IS NULL AND NEW.edited_at IS DISTINCT FROM OLD.edited_at THEN
      m := NEW; event_type := 'message.edited';
    ELSE
      RETURN NULL;
    END IF;
    PERFORM {schema}.webhook_record(m.conversation_id, event_type, ${messagePayload});
    RETURN NULL;
  END $$;

  CREATE OR REPLACE FUNCTION {schema}.webhook_messages_created() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    WITH events AS (
      INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
      SELECT m.conversation_id, 'message.created', ${messagePayload}
      FROM new_messages m ORDER BY m.conversation_id, m.seq
      RETURNING id, conversation_id)
    INSERT INTO {schema}.webhook_streams (conversation_id, delivered_up_to)
    SELECT conversation_id, min(id) - 1 FROM events GROUP BY conversation_id
    ON CONFLICT (conversation_id) DO NOTHING;
    RETURN NULL;
  END $$;
`;
