/**
 * Webhooks' tables and trigger functions (issue 15), appended to the schema's migrations.
 *
 * Every change writes its event row from a trigger, in the transaction of the change, so an
 * event exists exactly when its change committed, whichever code path made it (user action,
 * `banter.admin`, erasure). The functions are created here; the triggers that call them only
 * when a dispatcher first starts (`installTriggersSql`), so a deployment without webhooks pays
 * nothing per row.
 *
 * - `webhook_events`: one row per change, numbered by `id`, never updated once delivered (only
 *   `outcome` 'failed' is written, on an event given up). Every event is recorded while its
 *   transaction holds its conversation's row lock (sends, edits, deletions and reactions take it
 *   themselves, `webhook_record` takes it for the others, member changes among them), so the
 *   ids of one conversation follow its commit order: once an id is visible, every lower id of
 *   its conversation that will ever commit already has.
 *   `payload` is `json`, not `jsonb`: it is only ever written once and sent as text, and `json`
 *   stores the text `json_build_object` made, where `jsonb` parsed it into its binary form on
 *   the way in and printed it again on the way out (a snapshot either way: built in the
 *   trigger, from the row as the change left it).
 * - `webhook_streams`: one row per conversation with recent events: `delivered_up_to`, the
 *   conversation's last event acknowledged (or given up), so that acknowledging a request is
 *   one row per conversation instead of one update per event (the ids' commit order is what
 *   makes a "done up to" mark safe: no event can appear later below it); who delivers it (a
 *   lease, claimed with `FOR UPDATE SKIP LOCKED`); its retry state. The trigger makes the row
 *   with its first event, marked just below that event; the prune deletes it once idle, under
 *   the conversation's lock, so the next event's new row cannot skip one.
 */
// Released: never edited. `webhook_message_event` and `webhook_messages_created` are replaced
// by a later migration that adds mentions to the payload (webhook-payload-mentions.ts).
export const webhookMigration = `
  CREATE TABLE {schema}.webhook_events (
    id bigserial PRIMARY KEY,
    conversation_id text NOT NULL,
    type text NOT NULL,
    payload json NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    outcome text CHECK (outcome = 'failed')
  );
  CREATE INDEX webhook_events_conversation ON {schema}.webhook_events (conversation_id, id);

  CREATE TABLE {schema}.webhook_streams (
    conversation_id text PRIMARY KEY,
    delivered_up_to bigint NOT NULL,
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
  -- when it has one: no write), so that finding work is one statement per poll. The lock first:
  -- member changes (and any path that did not lock the conversation) must not take an id while
  -- another transaction of the same conversation holds a lower one uncommitted. NO KEY UPDATE,
  -- not UPDATE: a member insert already holds KEY SHARE (its foreign key), and two of them
  -- upgrading to FOR UPDATE would deadlock; NO KEY UPDATE still excludes sends (FOR UPDATE).
  CREATE FUNCTION {schema}.webhook_record(conversation text, event_type text, payload json)
  RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM 1 FROM {schema}.conversations WHERE id = conversation FOR NO KEY UPDATE;
    WITH event AS (
      INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
      VALUES (conversation, event_type, payload) RETURNING id)
    INSERT INTO {schema}.webhook_streams (conversation_id, delivered_up_to)
    SELECT conversation, id - 1 FROM event
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
    PERFORM {schema}.webhook_record(m.conversation_id, event_type, json_build_object(
      'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'senderId', m.sender_id,
      'clientId', m.client_id, 'kind', m.kind, 'body', m.body, 'attachments', m.attachments,
      'replyTo', m.reply_to, 'createdAt', {schema}.webhook_iso(m.created_at),
      'editedAt', {schema}.webhook_iso(m.edited_at),
      'deletedAt', {schema}.webhook_iso(m.deleted_at), 'change', m.change));
    RETURN NULL;
  END $$;

  -- New messages, per statement: a batch of sends is one statement, and one INSERT … SELECT
  -- over its rows costs far less than a function call per row. Ids follow (conversation, seq).
  -- No lock taken here: every path that inserts messages (message-batch.ts, admin-writes.ts)
  -- locks its conversations FOR UPDATE first, which is what orders their ids.
  CREATE FUNCTION {schema}.webhook_messages_created() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    WITH events AS (
      INSERT INTO {schema}.webhook_events (conversation_id, type, payload)
      SELECT m.conversation_id, 'message.created', json_build_object(
        'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'senderId', m.sender_id,
        'clientId', m.client_id, 'kind', m.kind, 'body', m.body, 'attachments', m.attachments,
        'replyTo', m.reply_to, 'createdAt', {schema}.webhook_iso(m.created_at),
        'editedAt', {schema}.webhook_iso(m.edited_at),
        'deletedAt', {schema}.webhook_iso(m.deleted_at), 'change', m.change)
      FROM new_messages m ORDER BY m.conversation_id, m.seq
      RETURNING id, conversation_id)
    INSERT INTO {schema}.webhook_streams (conversation_id, delivered_up_to)
    SELECT conversation_id, min(id) - 1 FROM events GROUP BY conversation_id
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
      json_build_object('conversationId', r.conversation_id, 'messageId', r.message_id,
        'userId', r.user_id, 'emoji', r.emoji));
    RETURN NULL;
  END $$;

  CREATE FUNCTION {schema}.webhook_conversation_event() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM {schema}.webhook_record(NEW.id,
      CASE TG_OP WHEN 'INSERT' THEN 'conversation.created' ELSE 'conversation.updated' END,
      json_build_object('id', NEW.id, 'kind', NEW.kind, 'title', NEW.title,
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
      json_build_object('conversationId', p.conversation_id, 'userId', p.user_id,
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
