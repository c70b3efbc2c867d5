import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { untilOneWaitsForALock } from '../../test/lock-waiters';
import { createTestDatabase } from '../../test/postgres-database';
import { postgresStorage } from '../storage/postgres';
import { type SqlAccess, sqlAccessOf } from '../storage/sql-access';
import type { Storage } from '../storage/storage';
import { deleteExpired, discardFilesOfSql, markSent } from './upload-sql';

/**
 * The race a message's delete has, on PostgreSQL, with the statements that link a send's
 * uploads to its message (`markSent`, and the sweeper's relink after a crash). Made
 * deterministic with a second connection that deletes the message and holds its transaction
 * open while the link waits for it, then discards the files and commits, as a delete does.
 * The link's statement started before that commit: it must still see the message deleted and
 * leave the files to the sweeper, not link them to a deleted message for good.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: Storage;
let sql: SqlAccess;
let other: pg.Client;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase('deleted_files_race');
  store = await postgresStorage({ connectionString: database.url, schema: 'chat' });
  const access = sqlAccessOf(store);
  if (!access) throw new Error('expected the built-in storage');
  sql = access;
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await store?.close();
  await database?.drop();
});

/** A stored message whose send claimed an upload that is not linked to it yet. */
async function messageWithClaimedUpload(expiresAt: Date) {
  const n = ++counter;
  const now = new Date();
  const { id: conversationId } = await store.createHostConversation({
    id: `conv-${n}`,
    kind: 'group',
    userIds: ['ann', 'bob'],
    createdBy: 'ann',
    title: null,
    metadata: null,
    idempotency: null,
    now,
  });
  const { message } = await store.insertMessage({
    id: `msg-${n}`,
    conversationId,
    senderId: 'ann',
    clientId: `send-${n}`,
    kind: 'file',
    body: '',
    attachments: [],
    replyTo: null,
    now,
  });
  const uploadId = `upl-${n}`;
  await other.query(
    `INSERT INTO chat.uploads (id, owner_id, conversation_id, client_id, name, size,
       declared_type, type, status, send_client_id, created_at, expires_at)
     VALUES ($1, 'ann', $2, $1, 'a.pdf', 10, 'application/pdf', 'application/pdf', 'complete',
       $3, now(), $4)`,
    [uploadId, conversationId, message.clientId, expiresAt],
  );
  return { message, uploadId };
}

/** Deletes the message in a transaction left open, as a delete's is until it commits. */
async function beginDelete(messageId: string) {
  await other.query('BEGIN');
  await other.query('UPDATE chat.messages SET deleted_at = now() WHERE id = $1', [messageId]);
}

async function commitDelete(messageId: string) {
  await other.query(discardFilesOfSql('chat', '$1', '$2'), [messageId, new Date()]);
  await other.query('COMMIT');
}

async function uploadRow(uploadId: string) {
  const { rows } = await other.query<{ message_id: string | null; expired: boolean }>(
    'SELECT message_id, expires_at <= now() AS expired FROM chat.uploads WHERE id = $1',
    [uploadId],
  );
  return rows[0] ?? null;
}

it('markSent waiting on a delete of the message leaves its files unlinked, for the sweeper', async () => {
  const { message, uploadId } = await messageWithClaimedUpload(new Date(Date.now() + 86_400_000));
  await beginDelete(message.id);
  const linking = markSent(sql, [uploadId], message.clientId, message.id);
  await untilOneWaitsForALock(other);
  await commitDelete(message.id);
  await linking;
  expect(await uploadRow(uploadId)).toEqual({ message_id: null, expired: true });
});

it("the sweeper's relink waiting on a delete of the message leaves the upload to be deleted", async () => {
  const { message, uploadId } = await messageWithClaimedUpload(new Date(Date.now() - 1_000));
  await beginDelete(message.id);
  const sweeping = deleteExpired(sql, new Date(), 10);
  await untilOneWaitsForALock(other);
  await commitDelete(message.id);
  await sweeping;
  expect(await uploadRow(uploadId)).toMatchObject({ message_id: null, expired: true });
  // Expired by the delete after that sweep's cut-off: the next sweep takes it.
  expect(await deleteExpired(sql, new Date(), 10)).toContain(uploadId);
  expect(await uploadRow(uploadId)).toBeNull();
});
