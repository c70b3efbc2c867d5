import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgliteStorage } from '../../../server-kit/src/storage/pglite';
import type { Storage } from '../../../server-kit/src/storage/storage';
import { spyOnStorage } from '../../../server-kit/test/storage-spy';
import { chattingPair, closeClients, startTestServer, type TestServer } from '../loopback';
import { expectShownOnce } from './invariants';

let db: PGlite;
let server: TestServer;
let storage: Storage;
let cutAfterCommit = 0;

beforeAll(async () => {
  db = await PGlite.create();
  storage = await pgliteStorage({ db, schema: 'commit_before_ack' });
  // After every few committed sends, every connection drops before the server can send the ack.
  const cutting = spyOnStorage(storage, 'insertMessage', (insert) => async (...args) => {
    const result = await insert(...args);
    if (result.created && ++cutAfterCommit % 4 === 0) server.dropConnections();
    return result;
  });
  server = await startTestServer(db, { storage: cutting }, { pingInterval: 200, pingTimeout: 300 });
});
afterEach(closeClients);
afterAll(async () => {
  await server.close();
  await db.close();
});

describe('2. the connection cut after the commit but before the ack', () => {
  it('never turns a retry into a second message, over hundreds of lost acks', async () => {
    const { ann, bob, id } = await chattingPair(server);
    const total = 400;
    const sends = Array.from({ length: total }, (_, i) => ({
      senderId: i % 2 ? 'bob' : 'ann',
      body: `committed, maybe unacknowledged ${i}`,
    }));
    for (const { senderId, body } of sends)
      (senderId === 'ann' ? ann : bob).sendMessage(id, { body });

    await expectShownOnce({ conversationId: id, members: [ann, bob], sends }, 60_000);
    const stored = await storage.listMessages(id, { after: 0, limit: total + 1 });
    expect(stored.messages.map((m) => m.body).sort()).toEqual(sends.map((s) => s.body).sort());
    const lostAcks = Math.floor(cutAfterCommit / 4);
    expect(lostAcks).toBeGreaterThanOrEqual(total / 4);
    console.log(
      `[2 commit before ack] ${lostAcks} connection cuts right after a commit, before its ack; ${total} messages from 2 senders stored once and shown once on both`,
    );
  });
});
