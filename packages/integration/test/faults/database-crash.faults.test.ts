import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatClient } from '@banter/core';
import { createBanter, type Storage, silentLogger } from '@banter/server-kit';
import { pgliteStorage } from '@banter/server-kit/pglite';
import { openSocket, signToken } from '@banter/server-kit/test/harness';
import { testAuthenticator } from '@banter/server-kit/test/tokens';
import express from 'express';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientFor, closeClients, connected } from '../../src/clients';
import { roomyLimits } from '../../src/server';
import { expectShownOnce, type SentLog, seededRandom, sleep } from './invariants';
import { formGroups, type Member, sendSpread } from './traffic';

/** pgliteStorage's database side, as its tests reach it: a worker thread cannot be SIGKILLed from outside. */
type CrashableStorage = Storage & { crashDatabaseForTesting(): void };

let dataDir: string;
let storage: CrashableStorage;
let url: string;
let stopServer: () => Promise<void>;
const restarts: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'banter-faults-db-crash-'));
  // The server as a host runs it: pgliteStorage in a data folder, Banter on Socket.IO.
  storage = (await pgliteStorage({ dataDir })) as CrashableStorage;
  const banter = createBanter({
    storage,
    authenticate: testAuthenticator(),
    logger: silentLogger,
    limits: { ...roomyLimits, sendRate: { perSecond: 10_000, burst: 10_000 } },
  });
  const app = express();
  app.use('/chat', banter.router);
  const http = createServer(app);
  const io = new Server(http, { pingInterval: 200, pingTimeout: 300 });
  banter.attach(io);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  stopServer = async () => {
    await banter.close();
    await io.close();
  };
  const warn = console.warn;
  vi.spyOn(console, 'warn').mockImplementation((message: unknown, ...rest: unknown[]) => {
    if (String(message).includes('database worker stopped')) restarts.push(String(message));
    else warn(message, ...rest);
  });
}, 120_000);
afterAll(async () => {
  await closeClients();
  await stopServer?.();
  await storage?.close();
  await rm(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** Every message of the conversation as stored, read page by page from the storage itself. */
async function stored(conversationId: string) {
  const rows: { seq: number; body: string }[] = [];
  for (;;) {
    const page = await storage.listMessages(conversationId, {
      after: rows.at(-1)?.seq ?? 0,
      limit: 500,
    });
    rows.push(...page.messages.map((m) => ({ seq: m.seq, body: m.body })));
    if (!page.hasMore) return rows;
  }
}

describe('11. the database worker crashes while people send', () => {
  it('answers retryable unavailable while it restarts, and stores and shows every message once across 4 crashes', async () => {
    const random = seededRandom(Date.now() % 1_000_000);
    const members: Member[] = Array.from({ length: 20 }, (_, i) => {
      const userId = `writer-${i}`;
      return { userId, client: clientFor({ url }, userId) as ChatClient };
    });
    await Promise.all(members.map((m) => connected(m.client)));
    const logs = await formGroups(members, 5, 'Database crash');

    // A raw socket sees what the server answers while the database is away.
    const raw = openSocket(url, await signToken('writer-0'));
    await new Promise<void>((resolve) => raw.once('session', () => resolve()));
    const conversationId = (logs[0] as SentLog).conversationId;
    const answers: unknown[] = [];

    const total = 3_000;
    const durationMs = 12_000;
    const crashAt = Array.from({ length: 4 }, (_, i) =>
      Math.round(i * 2_800 + random.between(500, 2_000)),
    );
    const started = Date.now();
    const crashes = (async () => {
      for (const [n, at] of crashAt.entries()) {
        await sleep(Math.max(0, at - (Date.now() - started)));
        storage.crashDatabaseForTesting();
        const answer = await raw
          .timeout(8_000)
          .emitWithAck('message:send', { conversationId, clientId: `raw-${n}`, body: 'x' })
          .catch((error: Error) => ({ ok: 'no answer', error: error.message }));
        answers.push(answer);
        // Back before the next crash: the database answers again.
        await vi.waitFor(() => storage.ping(), { timeout: 60_000, interval: 50 });
      }
    })();
    await sendSpread(logs, members, total, durationMs, 'd');
    await crashes;
    raw.disconnect();

    // The send right after each crash met a database that was away: refused, retryable, not stored.
    for (const answer of answers)
      expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable', retryable: true } });
    expect(restarts).toHaveLength(crashAt.length);

    for (const log of logs) {
      await expectShownOnce(log, 90_000);
      const rows = await stored(log.conversationId);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(rows.map((r) => r.body).sort()).toEqual(log.sends.map((s) => s.body).sort());
    }
    console.log(
      `[11 database crashes] seed ${random.seed}: database worker ended at ${crashAt.join(', ')} ms and restarted on its folder each time; ${answers.length} raw sends right after a crash answered unavailable (retryable); ${total} messages from 20 clients in 4 groups, each stored once and shown once on all 5 members, in seq order; every outbox empty`,
    );
  }, 180_000);
});
