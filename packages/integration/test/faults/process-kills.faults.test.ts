import { createTestDatabase } from '@banter/server-kit/test/postgres-database';
import { type ServerProcess, startServerProcess } from '@banter/server-kit/test/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected } from '../../src/clients';
import { expectShownOnce, expectStoredOnce, seededRandom, sleep } from './invariants';
import { formGroups, type Member, sendSpread } from './traffic';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ServerProcess;

beforeAll(async () => {
  database = await createTestDatabase('faults_kills');
  server = await startServerProcess({ pgUrl: database.url });
});
afterAll(async () => {
  await closeClients();
  await server?.stop();
  await database?.drop();
});

describe('1. the server process killed and restarted while people send', () => {
  it('stores and shows every one of 5,000 messages from 20 clients exactly once across 5 SIGKILLs', async () => {
    const random = seededRandom(Date.now() % 1_000_000);
    const members: Member[] = Array.from({ length: 20 }, (_, i) => {
      const userId = `sender-${i}`;
      return { userId, client: clientFor(server, userId) };
    });
    await Promise.all(members.map((m) => connected(m.client)));
    const logs = await formGroups(members, 5, 'Crash test');

    const total = 5_000;
    const durationMs = 25_000;
    // Five kills at random moments inside the sending window, at least a restart apart.
    const killAt = Array.from({ length: 5 }, (_, i) =>
      Math.round(i * 4_500 + random.between(500, 3_500)),
    );
    const started = Date.now();
    const kills = (async () => {
      for (const at of killAt) {
        await sleep(Math.max(0, at - (Date.now() - started)));
        await server.kill();
        server = await startServerProcess({ pgUrl: database.url, port: server.port });
      }
    })();
    await sendSpread(logs, members, total, durationMs, 'k');
    await kills;

    for (const log of logs) {
      await expectShownOnce(log, 90_000);
      await expectStoredOnce(database.url, log);
    }
    expect(server.child.exitCode ?? server.child.signalCode).toBeNull();
    console.log(
      `[1 process kills] seed ${random.seed}: SIGKILL at ${killAt.join(', ')} ms; ${total} messages from 20 clients in 4 groups, each stored once and shown once on all 5 members, in seq order; every outbox empty`,
    );
  }, 180_000);
});
