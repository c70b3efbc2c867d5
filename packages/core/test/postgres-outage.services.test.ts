import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../server-kit/test/postgres-database';
import { type ServerProcess, startServerProcess } from '../../server-kit/test/server-process';
import { chattingPair, closeClients, until } from './loopback';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

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

async function storedBodies(conversationId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(
    'SELECT body FROM chat.messages WHERE conversation_id = $1 ORDER BY seq',
    [conversationId],
  );
  await client.end();
  return rows.map((row: { body: string }) => row.body);
}

describe('PostgreSQL unreachable', () => {
  it('answers with retryable errors, never a false ack, says so in health, and lands queued sends once after', async () => {
    const { ann, bob, id } = await chattingPair(server);

    link.setMode('refuse');
    link.cut();
    const queued = [1, 2, 3, 4, 5].map((n) => `written while the database is away ${n}`);
    for (const body of queued) ann.sendMessage(id, { body });
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // Still up, honest about it, and nothing acknowledged: every send is still pending.
    const health = await fetch(`${server.url}/chat/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      ok: false,
      error: { code: 'unavailable', retryable: true },
    });
    expect(ann.getSnapshot().timelines[id]?.pending.map((p) => p.status)).toEqual(
      Array(5).fill('sending'),
    );
    expect(ann.getSnapshot().connection.status).toBe('connected');

    link.setMode('pass');
    for (const client of [ann, bob]) {
      await until(
        client,
        (s) => expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(queued),
        30_000,
      );
    }
    expect(ann.getSnapshot().timelines[id]?.pending).toEqual([]);
    expect(await storedBodies(id)).toEqual(queued);
    expect((await fetch(`${server.url}/chat/health`)).status).toBe(200);
    console.log(
      '[postgres outage] 3 s without the database: 5 sends pending, health 503, then stored once, in order',
    );
  });
});
