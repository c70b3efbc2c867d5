import { pushMigration } from '../push/push-sql';
import { searchMigration, searchWalkMigration } from '../search/search-schema';
import { uploadMigration, uploadsByMessageMigration } from '../uploads/upload-sql';
import { webhookMentionsMigration } from '../webhooks/webhook-payload-mentions';
import { webhookMigration } from '../webhooks/webhook-schema';
import { webhookStreamCheckMigration } from '../webhooks/webhook-stream-check';

/**
 * The SQL schema, as an ordered list of migrations. Shared by PGlite and
 * PostgreSQL. Never edit a released migration: append a new one.
 *
 * `{schema}` is replaced by the configured schema name (validated as an identifier).
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE {schema}.conversations (
    id text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('direct', 'group')),
    title text,
    metadata jsonb,
    direct_key text UNIQUE,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    last_seq bigint NOT NULL DEFAULT 0,
    last_activity_at timestamptz NOT NULL
  );

  CREATE TABLE {schema}.participants (
    conversation_id text NOT NULL REFERENCES {schema}.conversations (id) ON DELETE CASCADE,
    user_id text NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'member')),
    joined_at timestamptz NOT NULL,
    last_read_seq bigint NOT NULL DEFAULT 0,
    last_delivered_seq bigint NOT NULL DEFAULT 0,
    muted boolean NOT NULL DEFAULT false,
    archived boolean NOT NULL DEFAULT false,
    PRIMARY KEY (conversation_id, user_id)
  );
  CREATE INDEX participants_by_user ON {schema}.participants (user_id);

  CREATE TABLE {schema}.messages (
    id text PRIMARY KEY,
    conversation_id text NOT NULL REFERENCES {schema}.conversations (id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    sender_id text NOT NULL,
    client_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('text', 'image', 'file', 'system')),
    body text NOT NULL,
    attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
    reply_to text,
    created_at timestamptz NOT NULL,
    edited_at timestamptz,
    deleted_at timestamptz,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, sender_id, client_id)
  );

  CREATE TABLE {schema}.last_seen (
    user_id text PRIMARY KEY,
    at timestamptz NOT NULL
  );
  `,
  // The change feed (issue 12): a per-conversation counter that every insert, edit and
  // delete advances in its own transaction, stamped on the message it changed.
  //
  // Backfill: no client holds a counter from before this migration, so it starts from 0
  // (or from a page loaded after it), and every message must reach it once. seq is
  // such a numbering: distinct, gapless 1..last_seq, and below every change to come, so
  // edits and deletes made before the migration are simply part of each message's state
  // at change = seq. A node still on the old code would write change 0 and skip the
  // counter, which the feed cannot see: upgrade every node before serving traffic.
  `
  ALTER TABLE {schema}.conversations ADD COLUMN last_change bigint NOT NULL DEFAULT 0;
  ALTER TABLE {schema}.messages ADD COLUMN change bigint NOT NULL DEFAULT 0;
  UPDATE {schema}.messages SET change = seq;
  UPDATE {schema}.conversations SET last_change = last_seq;
  CREATE INDEX messages_by_change ON {schema}.messages (conversation_id, change);
  `,
  // Reactions (issue 12): one row per user, emoji and message; a message's reactions are
  // aggregated from its rows when it is read. `change` is the conversation's change number
  // the add took: it orders users (oldest first) and emoji (by first use) without relying on
  // two clocks agreeing, and it is unique within a conversation. The primary key serves the
  // idempotency check and the per-user cap; the second index reads a message's rows in the
  // order the aggregation wants them.
  `
  CREATE TABLE {schema}.reactions (
    conversation_id text NOT NULL,
    message_id text NOT NULL REFERENCES {schema}.messages (id) ON DELETE CASCADE,
    user_id text NOT NULL,
    emoji text NOT NULL,
    change bigint NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
  );
  CREATE INDEX reactions_by_message ON {schema}.reactions (message_id, change);
  `,
  // Idempotent group creation (issue 15): the creator's key and the request it came with
  // (a canonical form, so a retry is told from a different request under the same key).
  // Unique per creator; rows without a key (direct conversations, groups created before
  // this migration or without one) are NULL and never conflict.
  `
  ALTER TABLE {schema}.conversations ADD COLUMN create_key text;
  ALTER TABLE {schema}.conversations ADD COLUMN create_request text;
  CREATE UNIQUE INDEX conversations_by_create_key ON {schema}.conversations (created_by, create_key);
  `,
  // Reliable webhooks (issue 15): event rows written by triggers; see webhook-schema.ts.
  webhookMigration,
  // Bans and blocks (issue 15). A ban is a row per banned user, read by every node's handshake
  // and REST check. A block is a row per (blocker, blocked); the second index answers "who of
  // these blocks me" (presence, group creates) and the send path's check in a direct conversation.
  `
  CREATE TABLE {schema}.bans (
    user_id text PRIMARY KEY,
    reason text,
    banned_at timestamptz NOT NULL
  );
  CREATE TABLE {schema}.blocks (
    blocker_id text NOT NULL,
    blocked_id text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
  );
  CREATE INDEX blocks_by_blocked ON {schema}.blocks (blocked_id, blocker_id);
  `,
  // Host control (issue 15, banter.admin): the host's idempotency keys for conversations it
  // creates, global to the host rather than per creator, holding a hash of the request (who,
  // title, metadata) so that no user id is kept here; indexes that let export, erasure and the
  // retention sweep find a user's rows and old messages without reading every message.
  `
  CREATE TABLE {schema}.host_creates (
    key text PRIMARY KEY,
    request_hash text NOT NULL,
    conversation_id text NOT NULL REFERENCES {schema}.conversations (id) ON DELETE CASCADE
  );
  CREATE INDEX messages_by_sender ON {schema}.messages (sender_id);
  CREATE INDEX messages_by_age ON {schema}.messages (created_at) WHERE deleted_at IS NULL;
  CREATE INDEX reactions_by_user ON {schema}.reactions (user_id);
  `,
  // Web Push (issue 14): one row per browser subscription; see push/push-sql.ts.
  pushMigration,
  // Message search (issue 14): the words index; see search/search-schema.ts.
  searchMigration,
  // Uploads (issue 13): one row per upload; see uploads/upload-sql.ts.
  uploadMigration,
  // Mentions (issue 14): a message's mentions as a JSON array of {userId, start, end}, stored
  // with it. A participant's unread-mention count is counted in the same pass over their unread
  // messages as the unread count (a jsonb containment test per row), so it needs no index of
  // its own and can never disagree with the unread rule: reading, deleting and editing the
  // message move both at once.
  `
  ALTER TABLE {schema}.messages ADD COLUMN mentions jsonb NOT NULL DEFAULT '[]'::jsonb;
  `,
  // Message search's walk (issue 14): each conversation's messages by time; see search/search-schema.ts.
  searchWalkMigration,
  // Deleting a message deletes its files (uploads/upload-sql.ts, discardFilesOfSql): its
  // uploads are found by message.
  uploadsByMessageMigration,
  // Message events carry mentions (issue 14); see webhooks/webhook-payload-mentions.ts.
  webhookMentionsMigration,
  // The message insert's trigger upserts stream rows only when one is missing; see
  // webhooks/webhook-stream-check.ts.
  webhookStreamCheckMigration,
];

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(name: string): string {
  if (!identifier.test(name)) {
    throw new TypeError(
      `invalid schema name "${name}": use lower-case letters, digits and underscores`,
    );
  }
  return name;
}
