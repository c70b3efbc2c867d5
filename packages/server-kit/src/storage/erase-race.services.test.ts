import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { untilOneWaitsForALock } from '../../test/lock-waiters';
import { createTestDatabase } from '../../test/postgres-database';
import { postgresStorage } from './postgres';
import type { Storage } from './storage';

/**
 * The race an erasure has with a send on PostgreSQL, made deterministic with a second
 * connection that holds the conversation's lock (as the erasure's transaction does) while a
 * send waits for it, then removes the sender and commits. The send's statement started before
 * that commit: it must still find the sender gone, not store a message of theirs.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: Storage;
let other: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('erase_race');
  store = await postgresStorage({ connectionString: database.url, schema: 'chat' });
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await store?.close();
  await database?.drop();
});

it('refuses a send waiting on the lock of an erasure that removes its sender', async () => {
  const now = new Date();
  const { id } = await store.createHostConversation({
    id: 'conv-1',
    kind: 'group',
    userIds: ['ann', 'bob'],
    createdBy: 'ann',
    title: null,
    metadata: null,
    idempotency: null,
    now,
  });
  await other.query('BEGIN');
  await other.query('SELECT 1 FROM chat.conversations WHERE id = $1 FOR UPDATE', [id]);
  const send = store.insertMessage({
    id: 'msg-1',
    conversationId: id,
    senderId: 'ann',
    clientId: 'c1',
    kind: 'text',
    body: 'mid-erasure',
    attachments: [],
    replyTo: null,
    now,
  });
  const outcome = send.then(
    () => 'stored',
    (error: { code?: string }) => error.code,
  );
  // The send is waiting for the lock once PostgreSQL says a backend of this database waits.
  await untilOneWaitsForALock(other);
  await other.query(`DELETE FROM chat.participants WHERE user_id = 'ann'`);
  await other.query('COMMIT');
  expect(await outcome).toBe('not_found');
  const { rows } = await other.query(`SELECT id FROM chat.messages WHERE sender_id = 'ann'`);
  expect(rows).toEqual([]);
});
