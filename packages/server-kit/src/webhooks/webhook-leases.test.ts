import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { directBetween, ok, startServer, type TestServer, uniqueUsers } from '../../test/harness';
import { testAuthenticator } from '../../test/tokens';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhook-receiver';
import { createBanter } from '../create-banter';
import { silentLogger } from '../logger';
import { type SqlAccess, sqlAccessOf } from '../storage/sql-access';
import type { WebhookOptions } from './webhook-options';
import { type StreamOutcome, WebhookStore } from './webhook-store';

// Leases kept across a node's successful rounds (webhook-dispatcher.ts): what the claim skips
// must not change what is delivered, nor when another node may take over.

const secret = 'webhook-lease-secret';
const user = uniqueUsers();
let db: PGlite;
let receiver: WebhookReceiver;
const servers: TestServer[] = [];

beforeAll(async () => {
  [db, receiver] = await Promise.all([PGlite.create(), startWebhookReceiver(secret)]);
}, 120_000);
afterAll(async () => {
  for (const server of servers) await server.close();
  await receiver.close();
  await db.close();
});

async function server(webhooks?: Partial<WebhookOptions>) {
  const started = await startServer(
    db,
    webhooks ? { webhooks: { url: receiver.url, secret, ...webhooks } } : {},
  );
  servers.push(started);
  const sql = sqlAccessOf(started.storage);
  if (!sql) throw new Error('expected the built-in storage');
  return { ...started, sql };
}

const delivered = (ids: string[]): StreamOutcome => ({
  delivered: ids,
  givenUp: null,
  attempts: 0,
  retryInMs: 0,
  error: null,
});

/** Records an event for a conversation as the triggers do; its id. */
async function record(sql: SqlAccess, conversationId: string): Promise<string> {
  await sql.query(`SELECT ${sql.schema}.webhook_record($1, 'conversation.updated', '{}'::json)`, [
    conversationId,
  ]);
  const [row] = await sql.query<{ id: string }>(
    `SELECT max(id)::text AS id FROM ${sql.schema}.webhook_events WHERE conversation_id = $1`,
    [conversationId],
  );
  return row?.id ?? '';
}

async function streamRow(sql: SqlAccess, conversationId: string) {
  const [row] = await sql.query<{ xmin: string; lease_owner: string | null; held: boolean }>(
    `SELECT xmin::text AS xmin, lease_owner, lease_until > now() AS held
     FROM ${sql.schema}.webhook_streams WHERE conversation_id = $1`,
    [conversationId],
  );
  return row;
}

const options = { limit: 10, leaseMs: 60_000, batchSize: 50, minLeaseMs: 20_000 };

describe('webhook leases kept across rounds', () => {
  it("reads a held conversation's next events without writing its row, from the row's current mark", async () => {
    const { sql } = await server();
    const store = new WebhookStore(sql);
    await store.installTriggers();
    const first = await record(sql, 'held-a');

    const [claim] = await store.claim({ owner: 'n:1', ...options });
    expect(claim?.events.map((e) => e.id)).toEqual([first]);
    if (!claim) throw new Error('expected a claim');
    const kept = await store.finish(
      [{ stream: claim.stream, outcome: delivered([first]), keep: true }],
      60_000,
    );
    expect(kept).toEqual(new Set(['held-a']));
    expect(await streamRow(sql, 'held-a')).toMatchObject({ lease_owner: 'n:1', held: true });

    // Its next events: read under the same owner, the row not written (same row version).
    const next = [await record(sql, 'held-a'), await record(sql, 'held-a')];
    const before = await streamRow(sql, 'held-a');
    const held = [{ conversationId: 'held-a', owner: 'n:1' }];
    const [again] = await store.claim({ owner: 'n:2', ...options, held });
    expect(again?.stream.owner).toBe('n:1');
    expect(again?.events.map((e) => e.id)).toEqual(next);
    expect((await streamRow(sql, 'held-a'))?.xmin).toBe(before?.xmin);
    // Another node's claim meanwhile gets nothing of it.
    expect(await store.claim({ owner: 'other:1', ...options })).toEqual([]);
    if (!again) throw new Error('expected a claim');
    await store.finish([{ stream: again.stream, outcome: delivered(next), keep: true }], 60_000);

    // A replay while it is held: the next held read starts from the lowered mark.
    expect(await store.replay(first)).toBe(3);
    const [replayed] = await store.claim({ owner: 'n:3', ...options, held });
    expect(replayed?.events.map((e) => e.id)).toEqual([first, ...next]);
    if (!replayed) throw new Error('expected a claim');
    await store.finish(
      [{ stream: replayed.stream, outcome: delivered([first, ...next]), keep: true }],
      60_000,
    );

    // Nothing pending: kept while it may linger (returned without events), released after.
    const [lingering] = await store.claim({
      owner: 'n:4',
      ...options,
      held: [{ conversationId: 'held-a', owner: 'n:1', linger: true }],
    });
    expect(lingering?.events).toEqual([]);
    expect(await streamRow(sql, 'held-a')).toMatchObject({ lease_owner: 'n:1', held: true });
    expect(await store.claim({ owner: 'n:5', ...options, held })).toEqual([]);
    expect(await streamRow(sql, 'held-a')).toMatchObject({ lease_owner: null, held: false });
  });

  it('releases a held conversation whose lease is too short to send on, and never reads one held by another owner', async () => {
    const { sql } = await server();
    const store = new WebhookStore(sql);
    await store.installTriggers();
    const first = await record(sql, 'held-b');
    const [claim] = await store.claim({ owner: 'n:1', ...options });
    if (!claim) throw new Error('expected a claim');
    await store.finish([{ stream: claim.stream, outcome: delivered([first]), keep: true }], 60_000);
    const next = await record(sql, 'held-b');

    // Not its holder: neither read nor released.
    expect(
      await store.claim({
        owner: 'x:1',
        ...options,
        held: [{ conversationId: 'held-b', owner: 'x:0' }],
      }),
    ).toEqual([]);
    expect(await streamRow(sql, 'held-b')).toMatchObject({ lease_owner: 'n:1', held: true });
    // Its holder, but 60 s of lease is less than the 90 s asked for: released, then claimed afresh.
    const held = [{ conversationId: 'held-b', owner: 'n:1' }];
    expect(await store.claim({ owner: 'n:2', ...options, minLeaseMs: 90_000, held })).toEqual([]);
    expect(await streamRow(sql, 'held-b')).toMatchObject({ lease_owner: null, held: false });
    const [fresh] = await store.claim({ owner: 'n:3', ...options });
    expect(fresh?.stream.owner).toBe('n:3');
    expect(fresh?.events.map((e) => e.id)).toEqual([next]);
  });

  it("delivers a busy conversation's events round after round without claiming it again", async () => {
    // A long poll interval: the conversation lingers (held) between the test's sends.
    const chat = await server({ pollIntervalMs: 10_000 });
    const claims = `${chat.sql.schema}.lease_claims`;
    await chat.sql.query(`CREATE TABLE ${claims} (conversation_id text, owner text)`);
    // Every write of a stream row that gives it a (new) owner is a claim.
    await chat.sql.query(`
      CREATE FUNCTION ${claims}_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.lease_owner IS NOT NULL AND NEW.lease_owner IS DISTINCT FROM OLD.lease_owner THEN
          INSERT INTO ${claims} VALUES (NEW.conversation_id, NEW.lease_owner);
        END IF;
        RETURN NULL;
      END $$`);
    await chat.sql.query(`
      CREATE TRIGGER lease_claims AFTER UPDATE ON ${chat.sql.schema}.webhook_streams
        FOR EACH ROW EXECUTE FUNCTION ${claims}_log()`);
    const annSocket = await chat.connect(user('ann'));
    const conversationId = await directBetween(annSocket, user('bob'));
    const ofConversation = () =>
      receiver.accepted().filter((event) => event.conversationId === conversationId);
    await receiver.waitFor(() => ofConversation().length >= 3);
    for (let i = 0; i < 5; i++) {
      await ok(annSocket, 'message:send', {
        conversationId,
        clientId: `r${i}`,
        body: `round ${i}`,
      });
      await receiver.waitFor(() => ofConversation().length >= 4 + i);
    }
    const rounds = new Set(
      receiver.requests
        .filter((r) => r.events.some((e) => e.conversationId === conversationId))
        .map((r) => r.events[0]?.id),
    );
    expect(rounds.size).toBeGreaterThanOrEqual(5);
    const rows = await chat.sql.query(`SELECT owner FROM ${claims} WHERE conversation_id = $1`, [
      conversationId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('releases every held conversation at close: another node takes over at once, not after the lease', async () => {
    const first = await server({ pollIntervalMs: 10_000 });
    const annSocket = await first.connect(user('ann'));
    const conversationId = await directBetween(annSocket, user('bob'));
    const ofConversation = () =>
      receiver.accepted().filter((event) => event.conversationId === conversationId);
    await receiver.waitFor(() => ofConversation().length >= 3);
    // Held: its round recorded, the lease kept (it lingers for the poll interval).
    await vi.waitFor(async () =>
      expect(await new WebhookStore(first.sql).pendingEventIds(conversationId)).toEqual([]),
    );
    expect(await streamRow(first.sql, conversationId)).toMatchObject({ held: true });
    await first.banter.close();
    expect(await streamRow(first.sql, conversationId)).toMatchObject({
      lease_owner: null,
      held: false,
    });

    const second = createBanter({
      storage: first.storage,
      authenticate: testAuthenticator(),
      logger: silentLogger,
      webhooks: { url: receiver.url, secret, pollIntervalMs: 50 },
    });
    try {
      const id = await record(first.sql, conversationId);
      // Well within the 60 s lease the closed node would otherwise have left behind.
      await receiver.waitFor(() => ofConversation().some((event) => event.id === id), 5_000);
    } finally {
      await second.close();
    }
  });

  it('never sends a held conversation again while its request is in flight', async () => {
    // A slow receiver, and polls far more often than its answers: every poll while a request
    // is out would find the conversation's next events.
    const inFlight = new Map<string, number>();
    const seen: string[] = [];
    let overlaps = 0;
    const slow: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const { events } = JSON.parse(Buffer.concat(chunks).toString()) as {
          events: { id: string; conversationId: string }[];
        };
        const conversations = new Set(events.map((event) => event.conversationId));
        for (const c of conversations) {
          if ((inFlight.get(c) ?? 0) > 0) overlaps += 1;
          inFlight.set(c, (inFlight.get(c) ?? 0) + 1);
        }
        seen.push(...events.map((event) => event.id));
        setTimeout(() => {
          for (const c of conversations) inFlight.set(c, (inFlight.get(c) ?? 1) - 1);
          res.writeHead(204).end();
        }, 40);
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
      const chat = await startServer(db, {
        webhooks: { url, secret, pollIntervalMs: 5, concurrency: 4, maxEventsPerRequest: 2 },
        limits: { sendRate: { perSecond: 1_000, burst: 1_000 } },
      });
      servers.push(chat);
      const socket = await chat.connect(user('ann'));
      const conversations = [
        await directBetween(socket, user('bob')),
        await directBetween(socket, user('cat')),
      ];
      await Promise.all(
        conversations.map(async (conversationId) => {
          for (let i = 0; i < 15; i++) {
            await ok(socket, 'message:send', { conversationId, clientId: `o${i}`, body: `${i}` });
          }
        }),
      );
      const sql = sqlAccessOf(chat.storage);
      if (!sql) throw new Error('expected the built-in storage');
      const store = new WebhookStore(sql);
      await vi.waitFor(async () => expect(await store.pendingEventIds()).toEqual([]), {
        timeout: 20_000,
      });
      // 2 conversations × (created, 2 members, 15 messages), each once, never two at once.
      expect(seen).toHaveLength(36);
      expect(new Set(seen).size).toBe(36);
      expect(overlaps).toBe(0);
    } finally {
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
