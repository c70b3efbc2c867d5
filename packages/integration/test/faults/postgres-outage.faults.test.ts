import { nextEvent, openSocket, signToken } from '@banter/server-kit/test/harness';
import { createTestDatabase } from '@banter/server-kit/test/postgres-database';
import { type ServerProcess, startServerProcess } from '@banter/server-kit/test/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chattingPair, closeClients } from '../../src/clients';
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy';
import { expectShownOnce, expectStoredOnce, type SentLog, sleep } from './invariants';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let link: TcpProxy;
let server: ServerProcess;

beforeAll(async () => {
  database = await createTestDatabase('pg_outage');
  // The server reaches PostgreSQL only through this proxy, which the test can cut.
  link = await startTcpProxy(5432);
  const url = new URL(database.url);
  url.port = String(link.port);
  server = await startServerProcess({ pgUrl: url.toString() });
});
afterAll(async () => {
  await closeClients();
  await server?.stop();
  await link?.close();
  await database?.drop();
});

describe('7. PostgreSQL unreachable for 20 s', () => {
  it('answers sends with retryable errors, never a false ack, says so in health, and lands queued sends once after', async () => {
    const { ann, bob, id } = await chattingPair(server);
    const log: SentLog = { conversationId: id, members: [ann, bob], sends: [] };
    const send = (body: string) => {
      ann.sendMessage(id, { body });
      log.sends.push({ senderId: 'ann', body });
    };
    send('before the outage');
    await expectShownOnce(log, 10_000);

    // A raw socket shows what the server answers a send while it cannot commit.
    const raw = openSocket(server.url, await signToken('bob'));
    await nextEvent(raw, 'session', () => true, 5_000);
    link.setMode('refuse');
    link.cut();
    const answers: unknown[] = [];
    const outageMs = 20_000;
    const started = Date.now();
    for (let n = 0; Date.now() - started < outageMs; n++) {
      send(`written while the database is away ${n}`);
      if (n % 4 === 0) {
        const answer = await raw
          .timeout(8_000)
          .emitWithAck('message:send', { conversationId: id, clientId: `raw-${n}`, body: 'x' })
          .catch((error: Error) => ({ ok: 'no answer', error: error.message }));
        answers.push(answer);
      }
      await sleep(1_000);
    }

    // Still up and honest about it: health says so, no send was acknowledged.
    const health = await fetch(`${server.url}/chat/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      ok: false,
      error: { code: 'unavailable', retryable: true },
    });
    for (const answer of answers)
      expect(answer).toMatchObject({ ok: false, error: { retryable: true } });
    const pending = ann.getSnapshot().timelines[id]?.pending ?? [];
    expect(pending.map((p) => p.status)).toEqual(Array(log.sends.length - 1).fill('sending'));
    expect(server.child.exitCode ?? server.child.signalCode).toBeNull();
    raw.disconnect();

    link.setMode('pass');
    await expectShownOnce(log, 60_000);
    // The raw socket's sends were refused, never stored: exactly the client's messages are.
    await expectStoredOnce(database.url, log);
    expect((await fetch(`${server.url}/chat/health`)).status).toBe(200);
    const codes = [...new Set(answers.map((a) => (a as { error: { code: string } }).error.code))];
    console.log(
      `[7 postgres outage] ${outageMs / 1000} s without the database: ${log.sends.length - 1} sends stayed pending, ${answers.length} raw sends answered ${codes.join('/')} (retryable), health 503; afterwards all ${log.sends.length} stored once and shown once, in order; the server never exited`,
    );
  });
});
