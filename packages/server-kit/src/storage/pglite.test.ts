import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeStorageConformance } from '../../test/storage-conformance';
import { guardStorage } from '../chat/guarded-storage';
import { silentLogger } from '../logger';
import type { Placement } from './database-process';
import { DatabaseWorkerStorage } from './database-worker-storage';
import { pgliteStorage } from './pglite';
import { migrateIfBehind } from './pglite-driver';
import { migrations } from './schema';
import type { SqlStorage } from './sql-storage';

// pgliteStorage() runs PGlite in a worker thread: the suite runs across that boundary.
describeStorageConformance('PGlite (in memory, worker thread)', () => pgliteStorage());

describe.each<Placement>(['thread', 'process'])('PGlite in a %s that crashes', (placement) => {
  it('answers a retryable unavailable while it restarts on the same folder, and keeps what was stored', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'banter-pglite-crash-'));
    const restarts: string[] = [];
    const storage = await DatabaseWorkerStorage.start({
      dataDir,
      schema: undefined,
      placement,
      onRestart: (reason) => restarts.push(reason),
    });
    // As the chat service sees it: behind its guard, a Proxy.
    const store = guardStorage(storage, silentLogger);
    try {
      const now = new Date(Date.UTC(2026, 0, 1));
      const { id } = await store.createGroupConversation({
        id: 'conv-1',
        createdBy: 'ann',
        participantIds: ['bob'],
        title: null,
        metadata: null,
        now,
      });
      const draft = { conversationId: id, senderId: 'ann', kind: 'text' as const };
      const more = { attachments: [], replyTo: null, now };
      await store.insertMessage({ ...draft, ...more, id: 'm1', clientId: 'c1', body: 'before' });

      if (placement === 'process') process.kill(storage.databasePid ?? -1, 'SIGKILL');
      else storage.crashDatabaseForTesting();
      await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable', retryable: true });

      await vi.waitFor(() => store.ping(), { timeout: 60_000, interval: 50 });
      expect(restarts).toHaveLength(1);
      const resent = await store.insertMessage({
        ...draft,
        ...more,
        id: 'm1-again',
        clientId: 'c1',
        body: 'before',
      });
      expect(resent).toMatchObject({ created: false, message: { id: 'm1', seq: 1 } });
      await store.insertMessage({ ...draft, ...more, id: 'm2', clientId: 'c2', body: 'after' });
      const page = await store.listMessages(id, { limit: 10 });
      expect(page.messages.map((m) => [m.seq, m.body])).toEqual([
        [1, 'before'],
        [2, 'after'],
      ]);
    } finally {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    await expect(storage.ping()).rejects.toMatchObject({ code: 'unavailable' });
  }, 120_000);
});

describe('PGlite statements, prepared once and executed with literals', () => {
  it('stores and finds values with quotes, backslashes, commas and braces exactly as given', async () => {
    const storage = await pgliteStorage();
    try {
      const odd = [`o'brien`, 'back\\slash', 'a,b', '{brace}', '"double"', 'NULL', ''];
      const now = new Date(Date.UTC(2026, 0, 1));
      const { id } = await storage.createGroupConversation({
        id: `it's {"conv"}`,
        createdBy: odd[0] as string,
        participantIds: odd.slice(1, 6),
        title: `Ann's "team" \\ {x}`,
        metadata: { note: `it's` },
        now,
      });
      for (const [i, body] of odd.entries()) {
        await storage.setLastSeen(odd[i] as string, now);
        if (i > 5) continue;
        await storage.insertMessage({
          id: `m${i}`,
          conversationId: id,
          senderId: odd[i] as string,
          clientId: `c'${i}`,
          kind: 'text',
          body: body || 'empty',
          attachments: [],
          replyTo: null,
          now,
        });
      }
      const conversation = await storage.getConversation(id, odd[0] as string);
      expect(conversation?.title).toBe(`Ann's "team" \\ {x}`);
      expect(conversation?.metadata).toEqual({ note: `it's` });
      const page = await storage.listMessages(id, { limit: 10 });
      expect(page.messages.map((m) => m.senderId)).toEqual(odd.slice(0, 6));
      expect([...(await storage.getLastSeen(odd)).keys()].sort()).toEqual([...odd].sort());
    } finally {
      await storage.close();
    }
  }, 60_000); // opens a database of its own: seconds on a busy machine
});

describe('migrateIfBehind', () => {
  const run = async (version: number | Error) => {
    const migrate = vi.fn(async () => {});
    const db = {
      query: async () => {
        if (version instanceof Error) throw version;
        return [{ version }];
      },
      exec: async () => {},
    };
    await migrateIfBehind(db as never, { migrate } as unknown as SqlStorage);
    return migrate.mock.calls.length;
  };

  it('leaves a schema at this version alone: start-up costs one read', async () => {
    expect(await run(migrations.length)).toBe(0);
  });

  it('migrates a schema that is behind, and a database that has none yet', async () => {
    expect(await run(migrations.length - 1)).toBe(1);
    expect(await run(new Error('relation "banter.migrations" does not exist'))).toBe(1);
  });
});
