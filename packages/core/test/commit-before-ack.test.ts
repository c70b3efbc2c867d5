import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgliteStorage } from '../../server-kit/src/storage/pglite';
import type { Storage } from '../../server-kit/src/storage/storage';
import { chattingPair, closeClients, startTestServer, type TestServer, until } from './loopback';

let db: PGlite;
let server: TestServer;
let storage: Storage;
let cutAfterCommit = 0;

beforeAll(async () => {
  db = await PGlite.create();
  storage = await pgliteStorage({ db, schema: 'commit_before_ack' });
  // After every few committed sends, every connection drops before the server can send the ack.
  const cutting = new Proxy(storage, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      // Methods left alone still run on the real store (its private fields need it as `this`).
      if (key !== 'insertMessage') return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await (value as Storage['insertMessage']).apply(
          target,
          args as Parameters<Storage['insertMessage']>,
        );
        if (result.created && ++cutAfterCommit % 4 === 0) server.dropConnections();
        return result;
      };
    },
  });
  server = await startTestServer(db, { storage: cutting }, { pingInterval: 200, pingTimeout: 300 });
});
afterEach(closeClients);
afterAll(async () => {
  await server.close();
  await db.close();
});

describe('a connection cut after the commit but before the ack', () => {
  it('never turns the retry into a second message', async () => {
    const { ann, bob, id } = await chattingPair(server);

    const expected = Array.from({ length: 40 }, (_, i) => `committed, maybe unacknowledged ${i}`);
    for (const body of expected) ann.sendMessage(id, { body });
    for (const client of [ann, bob]) {
      await until(
        client,
        (s) => expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(expected),
        20_000,
      );
    }
    expect(ann.getSnapshot().timelines[id]?.pending).toEqual([]);
    const stored = await storage.listMessages(id, { after: 0, limit: 100 });
    expect(stored.messages.map((m) => m.body)).toEqual(expected);
    expect(cutAfterCommit).toBeGreaterThanOrEqual(40);
    console.log(
      `[commit before ack] ${Math.floor(cutAfterCommit / 4)} acks lost after commit; 40 messages stored once`,
    );
  });
});
