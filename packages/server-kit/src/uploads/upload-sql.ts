import type { Upload } from '@banter/core/protocol';
import type { SqlAccess } from '../storage/sql-access';

/*
 * The SQL of uploads, on the built-in stores' own database (sql-access.ts).
 * Every change is one statement, so each is atomic without a transaction:
 * the quota check and the insert, a send's claim, a completion.
 */

/**
 * One row per upload. `send_client_id` is the `clientId` of the send that
 * claimed it (set before the message is stored, so a resend of that send may
 * claim it again and no other send can); `message_id` is set once the message
 * exists. The sweeper deletes uploads whose `expires_at` passed and that no
 * message took (`message_id IS NULL`, after checking for a message stored by
 * a send that crashed before setting it).
 */
export const uploadMigration = `
  CREATE TABLE {schema}.uploads (
    id text PRIMARY KEY,
    owner_id text NOT NULL,
    conversation_id text NOT NULL REFERENCES {schema}.conversations (id) ON DELETE CASCADE,
    client_id text NOT NULL,
    name text NOT NULL,
    size bigint NOT NULL,
    declared_type text NOT NULL,
    type text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'complete')),
    width integer,
    height integer,
    placeholder text,
    send_client_id text,
    message_id text,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    UNIQUE (owner_id, client_id)
  );
  CREATE INDEX uploads_unsent_by_expiry ON {schema}.uploads (expires_at) WHERE message_id IS NULL;
  CREATE INDEX uploads_unsent_by_owner ON {schema}.uploads (owner_id) WHERE message_id IS NULL;
`;

/**
 * Finding a deleted message's uploads (`discardFilesOfSql`) by the message: without it, every
 * delete would read the whole table. (A plain CREATE INDEX: it holds writes to `uploads` while
 * it builds, which on a large table a host may prefer to build CONCURRENTLY beforehand under
 * this name.) Then the files of messages deleted before this version are handed to the sweeper
 * as a delete now does.
 */
export const uploadsByMessageMigration = `
  CREATE INDEX IF NOT EXISTS uploads_by_message ON {schema}.uploads (message_id)
    WHERE message_id IS NOT NULL;
  UPDATE {schema}.uploads u SET message_id = NULL, expires_at = m.deleted_at
  FROM {schema}.messages m WHERE u.message_id = m.id AND m.deleted_at IS NOT NULL;
`;

/**
 * SQL that hands the uploads of deleted messages to the sweeper, to run in the delete's own
 * transaction, after the message rows are updated: unlinked from their message and expired at
 * the moment of deletion, they are readable by nobody from then on (not even their owner), a
 * send cannot claim them (expired; their `send_client_id` stays, naming the send that used
 * them), and the sweeper's next run deletes their rows and bytes as it does for uploads never
 * sent. Keeping the rows until then lets a crash before the sweep lose nothing: the sweeper
 * works from rows. Also taken: uploads the message's send claimed but never linked (a server
 * that died before `markSent`).
 *
 * `messageIds` is an SQL expression of a set of message ids; `at` a timestamptz parameter.
 */
export function discardFilesOfSql(schema: string, messageIds: string, at: string): string {
  return `UPDATE ${schema}.uploads u SET message_id = NULL, expires_at = ${at}
    FROM ${schema}.messages m
    WHERE m.id IN (${messageIds}) AND (u.message_id = m.id OR (u.message_id IS NULL
      AND u.send_client_id = m.client_id AND u.owner_id = m.sender_id
      AND u.conversation_id = m.conversation_id))`;
}

/** An uploads row as read. */
export interface UploadRow {
  id: string;
  owner_id: string;
  conversation_id: string;
  client_id: string;
  name: string;
  size: string | number;
  declared_type: string;
  type: string | null;
  status: 'pending' | 'complete';
  width: number | null;
  height: number | null;
  placeholder: string | null;
  send_client_id: string | null;
  message_id: string | null;
  created_at: Date | string;
  expires_at: Date | string;
}

/** What `upload:create` stores. */
export interface NewUpload {
  id: string;
  ownerId: string;
  conversationId: string;
  clientId: string;
  name: string;
  size: number;
  declaredType: string;
  now: Date;
  expiresAt: Date;
}

/** The protocol's view of a row, for its owner. */
export function toUpload(row: UploadRow): Upload {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    name: row.name,
    size: Number(row.size),
    declaredType: row.declared_type,
    type: row.type,
    status: row.status,
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

/** The upload of an owner's `clientId`, or null. */
export async function findByClientId(
  sql: SqlAccess,
  ownerId: string,
  clientId: string,
): Promise<UploadRow | null> {
  const [row] = await sql.query<UploadRow>(
    `SELECT * FROM ${sql.schema}.uploads WHERE owner_id = $1 AND client_id = $2`,
    [ownerId, clientId],
  );
  return row ?? null;
}

/** Uploads by id (any owner: callers check), in no order. */
export async function findByIds(sql: SqlAccess, ids: string[]): Promise<UploadRow[]> {
  return sql.query<UploadRow>(`SELECT * FROM ${sql.schema}.uploads WHERE id = ANY($1::text[])`, [
    ids,
  ]);
}

/**
 * Inserts an upload unless the owner's unsent uploads would then weigh more
 * than `quotaBytes`, in one statement. Resolves with `inserted`, or with the
 * row an earlier request of the same `clientId` stored, or with `quota` and
 * the bytes already used. Expired rows, left for the sweeper (never sent, or
 * of a deleted message), do not count.
 */
export async function insertWithinQuota(
  sql: SqlAccess,
  upload: NewUpload,
  quotaBytes: number,
): Promise<{ outcome: 'inserted' | 'existing'; row: UploadRow } | { outcome: 'quota' }> {
  const rows = await sql.query<UploadRow>(
    `INSERT INTO ${sql.schema}.uploads
       (id, owner_id, conversation_id, client_id, name, size, declared_type, created_at, expires_at)
     SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::text,
            $8::timestamptz, $9::timestamptz
     WHERE (SELECT coalesce(sum(size), 0) FROM ${sql.schema}.uploads
            WHERE owner_id = $2::text AND message_id IS NULL AND expires_at > $8::timestamptz)
            + $6::bigint <= $10::bigint
     ON CONFLICT (owner_id, client_id) DO NOTHING
     RETURNING *`,
    [
      upload.id,
      upload.ownerId,
      upload.conversationId,
      upload.clientId,
      upload.name,
      upload.size,
      upload.declaredType,
      upload.now,
      upload.expiresAt,
      quotaBytes,
    ],
  );
  if (rows[0]) return { outcome: 'inserted', row: rows[0] };
  const existing = await findByClientId(sql, upload.ownerId, upload.clientId);
  return existing ? { outcome: 'existing', row: existing } : { outcome: 'quota' };
}

/** Records a completed upload's checked type and image details; the row as it is after. */
export async function markComplete(
  sql: SqlAccess,
  id: string,
  details: {
    type: string;
    width: number | null;
    height: number | null;
    placeholder: string | null;
  },
): Promise<UploadRow | null> {
  const [row] = await sql.query<UploadRow>(
    `UPDATE ${sql.schema}.uploads
     SET status = 'complete', type = $2, width = $3, height = $4, placeholder = $5
     WHERE id = $1 RETURNING *`,
    [id, details.type, details.width, details.height, details.placeholder],
  );
  return row ?? null;
}

/** Deletes an upload's row when no message took it; true when the row is gone. */
export async function deleteUnsent(sql: SqlAccess, id: string): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `DELETE FROM ${sql.schema}.uploads WHERE id = $1 AND send_client_id IS NULL RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/**
 * Claims uploads for a send: the sender's, of this conversation, complete, and
 * unclaimed and not expired (an expired one is the sweeper's), or claimed by
 * this same `clientId` (a resend). Resolves with those claimed;
 * the caller finds out why any other was not.
 */
export async function claimForSend(
  sql: SqlAccess,
  ids: string[],
  owner: { ownerId: string; conversationId: string; clientId: string },
  now: Date,
): Promise<UploadRow[]> {
  return sql.query<UploadRow>(
    `UPDATE ${sql.schema}.uploads SET send_client_id = $4
     WHERE id = ANY($1::text[]) AND owner_id = $2 AND conversation_id = $3 AND status = 'complete'
       AND (send_client_id = $4 OR (send_client_id IS NULL AND expires_at > $5))
     RETURNING *`,
    [ids, owner.ownerId, owner.conversationId, owner.clientId, now],
  );
}

/** Gives back uploads a send claimed when the send failed, unless a message took them. */
export async function releaseClaim(sql: SqlAccess, ids: string[], clientId: string): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(
    `UPDATE ${sql.schema}.uploads SET send_client_id = NULL
     WHERE id = ANY($1::text[]) AND send_client_id = $2 AND message_id IS NULL`,
    [ids, clientId],
  );
}

/**
 * Records the message that carries the uploads a send claimed, unless it has been deleted
 * meanwhile (a resend, answered with the stored message, after a delete): its uploads then
 * stay unlinked, for the sweeper, as `discardFilesOfSql` left them. The message row is locked
 * (FOR SHARE) for the check, so a delete in progress is waited for and then seen: without it,
 * the delete could find nothing to discard yet and this statement link the files to it after.
 */
export async function markSent(
  sql: SqlAccess,
  ids: string[],
  clientId: string,
  messageId: string,
): Promise<void> {
  await sql.query(
    `UPDATE ${sql.schema}.uploads SET message_id = $3
     WHERE id = ANY($1::text[]) AND send_client_id = $2 AND message_id IS NULL
       AND EXISTS (SELECT 1 FROM ${sql.schema}.messages m
         WHERE m.id = $3 AND m.deleted_at IS NULL FOR SHARE)`,
    [ids, clientId, messageId],
  );
}

/**
 * Uploads of a conversation that a viewer may read: carried by a message
 * that is not deleted, or the viewer's own complete ones not sent yet (and
 * not expired: a deleted message's files are expired with it).
 */
export async function readableIn(
  sql: SqlAccess,
  conversationId: string,
  viewerId: string,
  ids: string[],
  now: Date,
): Promise<UploadRow[]> {
  return sql.query<UploadRow>(
    `SELECT u.* FROM ${sql.schema}.uploads u
     WHERE u.id = ANY($1::text[]) AND u.conversation_id = $2 AND u.status = 'complete'
       AND ((u.owner_id = $3 AND u.message_id IS NULL AND u.expires_at > $4) OR EXISTS (
         SELECT 1 FROM ${sql.schema}.messages m
         WHERE m.id = u.message_id AND m.deleted_at IS NULL))`,
    [ids, conversationId, viewerId, now],
  );
}

/**
 * Deletes up to `limit` rows of uploads past their expiry that no message
 * took, and resolves with their ids (the caller deletes their bytes). A row
 * goes before its bytes, so no send can claim an upload whose bytes are
 * being deleted. Uploads a send claimed whose message was stored after all
 * (the server died before `markSent`) are marked sent instead, and kept,
 * unless that message has been deleted since (its row locked for the check,
 * as `markSent` does).
 */
export async function deleteExpired(sql: SqlAccess, now: Date, limit: number): Promise<string[]> {
  const s = sql.schema;
  await sql.query(
    `UPDATE ${s}.uploads u SET message_id = m.id
     FROM ${s}.messages m
     WHERE u.message_id IS NULL AND u.expires_at <= $1 AND u.send_client_id IS NOT NULL
       AND m.conversation_id = u.conversation_id AND m.sender_id = u.owner_id
       AND m.client_id = u.send_client_id
       AND EXISTS (SELECT 1 FROM ${s}.messages l WHERE l.id = m.id AND l.deleted_at IS NULL FOR SHARE)`,
    [now],
  );
  const rows = await sql.query<{ id: string }>(
    `DELETE FROM ${s}.uploads WHERE id IN (
       SELECT id FROM ${s}.uploads WHERE message_id IS NULL AND expires_at <= $1
       ORDER BY expires_at LIMIT $2)
     AND message_id IS NULL
     RETURNING id`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}
