/**
 * Webhooks' tables and trigger functions (issue 15), appended to the schema's migrations.
 *
 * Every change writes its event row from a trigger, in the transaction of the change, so an
 * event exists exactly when its change committed, whichever code path made it (user action,
 * `banter.admin`, erasure). The functions are created here; the triggers that call them only
 * when a dispatcher first starts (`installTriggersSql`), so a deployment without webhooks pays
 * nothing per row.
 *
 * - `webhook_events`: one row per change, numbered by `id` (ids of one conversation follow its
 *   commit order where the change locks the conversation: messages and reactions do). `done_at`
 *   is set once the event was acknowledged (`outcome` delivered) or given up (`failed`); one
 *   partial index holds only the pending ones, so finding work stays cheap however long the
 *   retention, the other only the done ones, for the retention's deletes.
 * - `webhook_streams`: one row per conversation with pending events (made by the trigger with
 *   its first one, deleted by the prune once none is left): who delivers it (a lease, claimed with `FOR UPDATE SKIP LOCKED`), and its
 *   retry state.
 */
export const webhookMigration = `
  CREATE TABLE {schema}.webhook_events (
    id bigserial PRIMARY KEY,
    conversation_id text NOT NULL,
    type text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    done_at timestamptz,
    outcome text CHECK (outcome IN ('delivered', 'failed'))
  );
  CREATE INDEX webhook_events_pending ON {schema}.webhook_events (conversation_id, id)
    WHERE done_at IS NULL;
  CREATE INDEX webhook_events_done ON {schema}.webhook_events (done_at)
    WHERE done_at IS NOT NULL;

  CREATE TABLE {schema}.webhook_streams (
    conversation_id text PRIMARY KEY,
    lease_owner text,
    lease_until timestamptz NOT NULL DEFAULT '-infinity',
    next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
    attempts integer NOT NULL DEFAULT 0,
    failing_since timestamptz,
    last_error text
  );

  CREATE FUNCTION {schema}.webhook_iso(t timestamptz) RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

  -- Records one event, and gives its conversation a stream row if it has none (an index probe
  -- when it has one: no write, no lock), so that finding work is one statement per poll.
  CREATE FUNCTION {schema}.webhook_record(conversation text, event_type text, payload jsonb)
  RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
    VALUES (conversation, event_type, payload);
    INSERT INTO {schema}.webhook_streams (conversation_id) VALUES (conversation)
    ON CONFLICT (conversation_id) DO NOTHING;
  END $$;

  -- Edits and deletions (soft, or a row removed), row by row.
  CREATE FUNCTION {schema}.webhook_message_event() RETURNS trigger LANGUAGE plpgsql AS $$
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
    PERFORM {schema}.webhook_record(m.conversation_id, event_type, jsonb_build_object(
      'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'senderId', m.sender_id,
      'clientId', m.client_id, 'kind', m.kind, 'body', m.body, 'attachments', m.attachments,
      'replyTo', m.reply_to, 'createdAt', {schema}.webhook_iso(m.created_at),
      'editedAt', {schema}.webhook_iso(m.edited_at),
      'deletedAt', {schema}.webhook_iso(m.deleted_at), 'change', m.change));
    RETURN NULL;
  END $$;

  -- New messages, per statement: a batch of sends is one statement, and one INSERT … SELECT
  -- over its rows costs far less than a function call per row. Ids follow (conversation, seq).
  CREATE FUNCTION {schema}.webhook_messages_created() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
    SELECT m.conversation_id, 'message.created', jsonb_build_object(
      'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'senderId', m.sender_id,
      'clientId', m.client_id, 'kind', m.kind, 'body', m.body, 'attachments', m.attachments,
      'replyTo', m.reply_to, 'createdAt', {schema}.webhook_iso(m.created_at),
      'editedAt', {schema}.webhook_iso(m.edited_at),
      'deletedAt', {schema}.webhook_iso(m.deleted_at), 'change', m.change)
    FROM new_messages m ORDER BY m.conversation_id, m.seq;
    INSERT INTO {schema}.webhook_streams (conversation_id)
    SELECT DISTINCT conversation_id FROM new_messages
    ON CONFLICT (conversation_id) DO NOTHING;
    RETURN NULL;
  END $$;

  CREATE FUNCTION {schema}.webhook_reaction_event() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r {schema}.reactions;
  BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW; ELSE r := OLD; END IF;
    PERFORM {schema}.webhook_record(r.conversation_id,
      CASE TG_OP WHEN 'INSERT' THEN 'reaction.added' ELSE 'reaction.removed' END,
      jsonb_build_object('conversationId', r.conversation_id, 'messageId', r.message_id,
        'userId', r.user_id, 'emoji', r.emoji));
    RETURN NULL;
  END $$;

  CREATE FUNCTION {schema}.webhook_conversation_event() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM {schema}.webhook_record(NEW.id,
      CASE TG_OP WHEN 'INSERT' THEN 'conversation.created' ELSE 'conversation.updated' END,
      jsonb_build_object('id', NEW.id, 'kind', NEW.kind, 'title', NEW.title,
        'metadata', NEW.metadata, 'createdBy', NEW.created_by,
        'createdAt', {schema}.webhook_iso(NEW.created_at)));
    RETURN NULL;
  END $$;

  CREATE FUNCTION {schema}.webhook_member_event() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    p {schema}.participants;
  BEGIN
    IF TG_OP = 'INSERT' THEN p := NEW; ELSE p := OLD; END IF;
    PERFORM {schema}.webhook_record(p.conversation_id,
      CASE TG_OP WHEN 'INSERT' THEN 'member.added' ELSE 'member.removed' END,
      jsonb_build_object('conversationId', p.conversation_id, 'userId', p.user_id,
        'role', p.role));
    RETURN NULL;
  END $$;
`;

/** An arbitrary fixed key: nodes starting at once install the triggers one after another. */
const installLockKey = 0x62776866;

/**
 * Creates the triggers that are missing, as one statement (both drivers run it outside a
 * transaction). The `WHEN` conditions are checked without calling the function: the
 * conversation row every send updates (its counters) costs no call, only a title or metadata
 * change does.
 */
export function installTriggersSql(schema: string): string {
  const triggers: [name: string, table: string, definition: string][] = [
    [
      'banter_webhook_messages_created',
      'messages',
      `AFTER INSERT ON {schema}.messages REFERENCING NEW TABLE AS new_messages
       FOR EACH STATEMENT EXECUTE FUNCTION {schema}.webhook_messages_created()`,
    ],
    [
      'banter_webhook_messages_removed',
      'messages',
      'AFTER DELETE ON {schema}.messages FOR EACH ROW EXECUTE FUNCTION {schema}.webhook_message_event()',
    ],
    [
      'banter_webhook_messages_changed',
      'messages',
      `AFTER UPDATE ON {schema}.messages FOR EACH ROW
       WHEN (OLD.edited_at IS DISTINCT FROM NEW.edited_at OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
       EXECUTE FUNCTION {schema}.webhook_message_event()`,
    ],
    [
      'banter_webhook_reactions',
      'reactions',
      'AFTER INSERT OR DELETE ON {schema}.reactions FOR EACH ROW EXECUTE FUNCTION {schema}.webhook_reaction_event()',
    ],
    [
      'banter_webhook_conversations',
      'conversations',
      'AFTER INSERT ON {schema}.conversations FOR EACH ROW EXECUTE FUNCTION {schema}.webhook_conversation_event()',
    ],
    [
      'banter_webhook_conversations_changed',
      'conversations',
      `AFTER UPDATE ON {schema}.conversations FOR EACH ROW
       WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.metadata IS DISTINCT FROM NEW.metadata)
       EXECUTE FUNCTION {schema}.webhook_conversation_event()`,
    ],
    [
      'banter_webhook_members',
      'participants',
      'AFTER INSERT OR DELETE ON {schema}.participants FOR EACH ROW EXECUTE FUNCTION {schema}.webhook_member_event()',
    ],
  ];
  const creates = triggers.map(
    ([name, table, definition]) => `
      IF NOT EXISTS (SELECT 1 FROM pg_trigger
          WHERE tgname = '${name}' AND tgrelid = '{schema}.${table}'::regclass) THEN
        CREATE TRIGGER ${name} ${definition};
      END IF;`,
  );
  return `DO $install$ BEGIN
    PERFORM pg_advisory_xact_lock(${installLockKey});
    ${creates.join('')}
  END $install$`.replaceAll('{schema}', schema);
}
