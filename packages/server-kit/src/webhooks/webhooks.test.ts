import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { directBetween, ok, startServer, type TestServer, uniqueUsers } from '../../test/harness';
import { testAuthenticator } from '../../test/tokens';
import {
  inOrderPerConversation,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../test/webhook-receiver';
import { createBanter } from '../create-banter';
import { silentLogger } from '../logger';
import type { BanterOptions } from '../options';
import { sqlAccessOf } from '../storage/sql-access';
import type { WebhookEvent } from './webhook-event';
import type { WebhookOptions } from './webhook-options';
import { WebhookStore } from './webhook-store';

const secret = 'webhook-test-secret';
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

/** Fast polls and retries, so the tests wait for deliveries rather than for timers. */
function webhookOptions(overrides: Partial<WebhookOptions> = {}): WebhookOptions {
  return {
    url: receiver.url,
    secret,
    pollIntervalMs: 50,
    retry: { minDelayMs: 5, maxDelayMs: 20, factor: 2, giveUpAfterMs: 60_000 },
    ...overrides,
  };
}

async function server(overrides: Partial<BanterOptions> = {}) {
  const started = await startServer(db, { webhooks: webhookOptions(), ...overrides });
  servers.push(started);
  return started;
}

const ofConversation = (conversationId: string) =>
  receiver.accepted().filter((event) => event.conversationId === conversationId);

async function send(
  socket: Awaited<ReturnType<TestServer['connect']>>,
  conversationId: string,
  body: string,
) {
  const { message } = await ok(socket, 'message:send', { conversationId, clientId: body, body });
  return message;
}

describe('webhooks', () => {
  it('posts every kind of change of a conversation, signed, in the order it happened', async () => {
    const chat = await server();
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await chat.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const message = await send(annSocket, conversationId, 'Is the bike still for sale?');
    await ok(annSocket, 'message:edit', {
      conversationId,
      messageId: message.id,
      body: 'Is the bike sold?',
    });
    await ok(annSocket, 'reaction:add', { conversationId, messageId: message.id, emoji: '👍' });
    await ok(annSocket, 'reaction:remove', { conversationId, messageId: message.id, emoji: '👍' });
    await ok(annSocket, 'message:delete', { conversationId, messageId: message.id });

    const expected = [
      'conversation.created',
      'member.added',
      'member.added',
      'message.created',
      'message.edited',
      'reaction.added',
      'reaction.removed',
      'message.deleted',
    ];
    await receiver.waitFor(() => ofConversation(conversationId).length >= expected.length);
    const events = ofConversation(conversationId);
    expect(events.map((event) => event.type)).toEqual(expected);
    expect(receiver.verified).toBe(true);
    expect(inOrderPerConversation(events)).toBe(true);
    const byType = (type: WebhookEvent['type']) => events.find((event) => event.type === type);
    expect(byType('conversation.created')?.data).toMatchObject({
      id: conversationId,
      kind: 'direct',
      createdBy: ann,
    });
    expect(
      events.filter((event) => event.type === 'member.added').map((event) => event.data),
    ).toEqual(
      expect.arrayContaining([
        { conversationId, userId: ann, role: 'member' },
        { conversationId, userId: bob, role: 'member' },
      ]),
    );
    expect(byType('message.created')?.data).toEqual({
      id: message.id,
      conversationId,
      seq: message.seq,
      senderId: ann,
      clientId: message.clientId,
      kind: 'text',
      body: 'Is the bike still for sale?',
      attachments: [],
      mentions: [],
      replyTo: null,
      createdAt: message.createdAt,
      editedAt: null,
      deletedAt: null,
      change: message.change,
    });
    expect(byType('message.edited')?.data).toMatchObject({
      body: 'Is the bike sold?',
      editedAt: expect.any(String),
    });
    expect(byType('reaction.added')?.data).toEqual({
      conversationId,
      messageId: message.id,
      userId: ann,
      emoji: '👍',
    });
    expect(byType('message.deleted')?.data).toMatchObject({
      body: '',
      deletedAt: expect.any(String),
    });
    // The id header lists the body's event ids, in order.
    const request = receiver.requests.find((r) => r.events.some((e) => e.id === events[0]?.id));
    expect(request?.headers['banter-webhook-id']).toBe(request?.events.map((e) => e.id).join(','));
  });

  it('retries after the receiver fails, keeping each conversation in order, others going on meanwhile', async () => {
    const chat = await server();
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await chat.connect(ann);
    const stuck = await directBetween(annSocket, bob);
    const flowing = await directBetween(annSocket, cat);
    await receiver.waitFor(
      () => ofConversation(flowing).length >= 3 && ofConversation(stuck).length >= 3,
    );
    // While `refuseStuck`, any request with events of `stuck` is refused; then the first event
    // of `stuck` in each request is refused twice before the request is taken.
    const refusals = new Map<string, number>();
    let refuseStuck = true;
    receiver.respond = (events) => {
      const head = events.find((event) => event.conversationId === stuck);
      if (!head) return 204;
      if (refuseStuck) return 503;
      const seen = refusals.get(head.id) ?? 0;
      refusals.set(head.id, seen + 1);
      return seen < 2 ? 500 : 204;
    };
    for (let i = 0; i < 5; i++) await send(annSocket, stuck, `stuck ${i}`);
    for (let i = 0; i < 5; i++) await send(annSocket, flowing, `flowing ${i}`);
    // `flowing` is delivered while `stuck` is refused: conversations do not wait for each other.
    await receiver.waitFor(() => ofConversation(flowing).length >= 8);
    expect(ofConversation(stuck)).toHaveLength(3);
    refuseStuck = false;
    await receiver.waitFor(() => ofConversation(stuck).length >= 8);

    const stuckBodies = ofConversation(stuck)
      .filter((event) => event.type === 'message.created')
      .map((event) => (event.data as { body: string }).body);
    expect(stuckBodies).toEqual(['stuck 0', 'stuck 1', 'stuck 2', 'stuck 3', 'stuck 4']);
    expect(inOrderPerConversation(receiver.accepted())).toBe(true);
    // Never past an unacknowledged event: after a refusal, the same first event again, alone;
    // after an acknowledgement, the events after it.
    const attempts = receiver.requests
      .map((r) => ({
        status: r.status,
        ids: r.events.filter((e) => e.conversationId === stuck).map((e) => BigInt(e.id)),
      }))
      .filter((attempt) => attempt.ids.length > 0);
    for (const [i, attempt] of attempts.entries()) {
      const before = attempts[i - 1];
      if (!before) continue;
      if (before.status === 204) {
        expect(attempt.ids[0]).toBeGreaterThan(before.ids.at(-1) ?? -1n);
      } else {
        expect(attempt.ids).toEqual([before.ids[0]]);
      }
    }
    expect(attempts.filter((attempt) => attempt.status === 500).length).toBeGreaterThanOrEqual(2);
    receiver.respond = () => 204;
  });

  it('marks an event failed once its retry time is over, logs it, and goes on with the next', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const chat = await server({
      logger,
      webhooks: webhookOptions({
        retry: { minDelayMs: 5, maxDelayMs: 5, factor: 1, giveUpAfterMs: 0 },
      }),
    });
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await chat.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    await receiver.waitFor(() => ofConversation(conversationId).length >= 3);
    const isPoison = (event: WebhookEvent) =>
      event.conversationId === conversationId &&
      (event.data as { body?: string }).body === 'poison';
    receiver.respond = (events) => (events.some(isPoison) ? 500 : 204);
    await send(annSocket, conversationId, 'poison');
    await send(annSocket, conversationId, 'after');
    await receiver.waitFor(() =>
      ofConversation(conversationId).some(
        (event) => (event.data as { body?: string }).body === 'after',
      ),
    );
    const poison = receiver.requests.filter((r) => r.events.some(isPoison));
    // Tried, retried once the clock of giveUpAfterMs (0) had started, then given up.
    expect(poison.map((r) => r.status)).toEqual([500, 500]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('given up'),
      expect.objectContaining({ eventId: poison[1]?.events[0]?.id, conversationId }),
    );
    const sql = sqlAccessOf(chat.storage);
    const [row] =
      (await sql?.query<{ outcome: string }>(
        `SELECT outcome FROM ${sql.schema}.webhook_events WHERE id = $1`,
        [poison[1]?.events[0]?.id],
      )) ?? [];
    expect(row?.outcome).toBe('failed');
    receiver.respond = () => 204;
  });

  it('replays from an event id, with the same ids, in order', async () => {
    const chat = await server();
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await chat.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    for (let i = 0; i < 3; i++) await send(annSocket, conversationId, `replayed ${i}`);
    await receiver.waitFor(() => ofConversation(conversationId).length >= 6);
    const firstTime = ofConversation(conversationId);
    const from = firstTime[3]?.id ?? '';
    // Replay re-sends what was delivered: wait until the last acknowledgement is recorded.
    const sql = sqlAccessOf(chat.storage);
    if (!sql) throw new Error('expected the built-in storage');
    const store = new WebhookStore(sql);
    await vi.waitFor(async () => expect(await store.pendingEventIds()).toEqual([]));

    expect(await chat.banter.replayWebhooks({ fromEventId: from })).toBe(3);
    await receiver.waitFor(() => ofConversation(conversationId).length >= 9);
    expect(
      ofConversation(conversationId)
        .slice(6)
        .map((event) => event.id),
    ).toEqual(firstTime.slice(3).map((event) => event.id));
    await expect(chat.banter.replayWebhooks({ fromEventId: 'the start' })).rejects.toThrow(
      TypeError,
    );
  });

  it('keeps undelivered events across a restart and delivers them after it', async () => {
    const options = webhookOptions();
    const first = await server();
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await first.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    await receiver.waitFor(() => ofConversation(conversationId).length >= 3);
    receiver.respond = (events) =>
      events.some((event) => event.conversationId === conversationId) ? 503 : 204;
    await send(annSocket, conversationId, 'before the restart');
    await receiver.waitFor(() =>
      receiver.requests.some(
        (r) => r.status === 503 && r.events.some((e) => e.conversationId === conversationId),
      ),
    );
    await first.banter.close();

    receiver.respond = () => 204;
    const second = createBanter({
      storage: first.storage,
      authenticate: testAuthenticator(),
      logger: silentLogger,
      webhooks: options,
    });
    try {
      await receiver.waitFor(() =>
        ofConversation(conversationId).some(
          (event) => (event.data as { body?: string }).body === 'before the restart',
        ),
      );
    } finally {
      await second.close();
    }
  });

  /** A server with a database and receiver of its own: no other test's node delivers its events. */
  async function withOwnServer(
    options: Partial<WebhookOptions>,
    body: (chat: TestServer, ownReceiver: WebhookReceiver) => Promise<void>,
  ) {
    const [ownDb, ownReceiver] = await Promise.all([PGlite.create(), startWebhookReceiver(secret)]);
    const chat = await startServer(ownDb, {
      webhooks: { url: ownReceiver.url, secret, ...options },
    });
    try {
      await body(chat, ownReceiver);
    } finally {
      await chat.close();
      await ownReceiver.close();
      await ownDb.close();
    }
  }
  /** Both intervals far beyond the tests' timeouts: only a wake-up can send anything in time. */
  const slow = { pollIntervalMs: 600_000, busyPollIntervalMs: 600_000 };

  it('sends the first write after a quiet spell at once; while writes keep coming, waits busyPollIntervalMs', async () => {
    await withOwnServer(slow, async (chat, ownReceiver) => {
      const annSocket = await chat.connect(user('ann'));
      // The start's poll found nothing: the conversation's events are a first write, sent at once.
      const conversationId = await directBetween(annSocket, user('bob'));
      await ownReceiver.waitFor(
        () => ownReceiver.accepted().filter((e) => e.conversationId === conversationId).length >= 3,
      );
      // That poll found events, so the next one waits for busyPollIntervalMs (here, ten minutes).
      await send(annSocket, conversationId, 'during a stream of writes');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(ownReceiver.accepted().map((event) => event.type)).not.toContain('message.created');
      const sql = sqlAccessOf(chat.storage);
      if (!sql) throw new Error('expected the built-in storage');
      expect(await new WebhookStore(sql).pendingEventIds(conversationId)).toHaveLength(1);
    });
  });

  it('once a poll finds nothing, the next write is sent at once again', async () => {
    // batchSize 1 leaves a backlog after each poll that finds an event, so polls follow at once
    // until one finds nothing: no interval ever comes round, and only that empty poll can make
    // the dispatcher quiet again.
    const claims = vi.spyOn(WebhookStore.prototype, 'claim');
    try {
      await withOwnServer({ ...slow, batchSize: 1 }, async (chat, ownReceiver) => {
        const annSocket = await chat.connect(user('ann'));
        const conversationId = await directBetween(annSocket, user('bob'));
        await ownReceiver.waitFor(
          () =>
            ownReceiver.accepted().filter((e) => e.conversationId === conversationId).length >= 3,
        );
        // The poll after the last of them finds nothing.
        const foundNothing = async () => {
          const found: { events: unknown[] }[] | undefined =
            await claims.mock.results.at(-1)?.value;
          expect(found?.every((claim) => claim.events.length === 0)).toBe(true);
        };
        await vi.waitFor(foundNothing, 15_000);
        await send(annSocket, conversationId, 'after a quiet spell');
        await ownReceiver.waitFor(() =>
          ownReceiver.accepted().some((event) => event.type === 'message.created'),
        );
      });
    } finally {
      claims.mockRestore();
    }
  }, 60_000);

  it('prunes the stream row of an idle conversation; its next event makes one marked just below itself', async () => {
    const chat = await server();
    const annSocket = await chat.connect(user('ann'));
    const conversationId = await directBetween(annSocket, user('bob'));
    await send(annSocket, conversationId, 'hello');
    await receiver.waitFor(() => ofConversation(conversationId).length >= 4);
    const sql = sqlAccessOf(chat.storage);
    if (!sql) throw new Error('expected the built-in storage');
    const store = new WebhookStore(sql);
    const streamRows = () =>
      sql.query<{ delivered_up_to: string }>(
        `SELECT delivered_up_to::text FROM ${sql.schema}.webhook_streams WHERE conversation_id = $1`,
        [conversationId],
      );
    await vi.waitFor(async () => expect(await store.pendingEventIds(conversationId)).toEqual([]));
    await chat.banter.close();
    await store.prune(60_000);
    expect(await streamRows()).toEqual([]);
    // The delivered events are still there (retention), but the new row's mark passes them:
    // only the new event is pending, not the conversation's whole history again.
    await sql.query(`SELECT ${sql.schema}.webhook_record($1, 'conversation.updated', '{}'::json)`, [
      conversationId,
    ]);
    const [latest] = await sql.query<{ id: string }>(
      `SELECT max(id)::text AS id FROM ${sql.schema}.webhook_events WHERE conversation_id = $1`,
      [conversationId],
    );
    expect(await store.pendingEventIds(conversationId)).toEqual([latest?.id]);
    expect(await streamRows()).toEqual([{ delivered_up_to: String(BigInt(latest?.id ?? 0) - 1n) }]);
  });

  it('one send statement over conversations with and without a stream row makes the missing row and records every message', async () => {
    // The message insert's trigger upserts stream rows only when one is missing
    // (webhook-stream-check.ts): both of its branches in one statement's conversations.
    const chat = await server();
    const annSocket = await chat.connect(user('ann'));
    const [pruned, kept] = [
      await directBetween(annSocket, user('bob')),
      await directBetween(annSocket, user('cat')),
    ];
    const sql = sqlAccessOf(chat.storage);
    if (!sql) throw new Error('expected the built-in storage');
    const s = sql.schema;
    const store = new WebhookStore(sql);
    await vi.waitFor(async () => {
      expect(await store.pendingEventIds(pruned)).toEqual([]);
      expect(await store.pendingEventIds(kept)).toEqual([]);
    });
    await chat.banter.close();
    await store.prune(60_000);
    await sql.query(`SELECT ${s}.webhook_record($1, 'conversation.updated', '{}'::json)`, [kept]);
    const [keptRow] = await sql.query<{ delivered_up_to: string }>(
      `SELECT delivered_up_to::text FROM ${s}.webhook_streams WHERE conversation_id = $1`,
      [kept],
    );
    await sql.query(
      `INSERT INTO ${s}.messages (id, conversation_id, seq, sender_id, client_id, kind, body,
         created_at)
       VALUES ('m-pruned', $1, 100, $3, 'c1', 'text', 'one', now()),
         ('m-kept', $2, 100, $3, 'c2', 'text', 'two', now()),
         ('m-pruned-2', $1, 101, $3, 'c3', 'text', 'three', now())`,
      [pruned, kept, user('ann')],
    );
    const events = await sql.query<{ id: string; conversation_id: string; message: string }>(
      `SELECT e.id::text, e.conversation_id, e.payload->>'id' AS message
       FROM ${s}.webhook_events e
       WHERE e.type = 'message.created' AND e.payload->>'id' LIKE 'm-%' ORDER BY e.id`,
    );
    const ofOne = (conversationId: string) =>
      events.filter((e) => e.conversation_id === conversationId);
    expect(ofOne(pruned).map((e) => e.message)).toEqual(['m-pruned', 'm-pruned-2']);
    expect(ofOne(kept).map((e) => e.message)).toEqual(['m-kept']);
    const [first, second] = ofOne(pruned).map((e) => e.id);
    const [third] = ofOne(kept).map((e) => e.id);
    expect(await store.pendingEventIds(pruned)).toEqual([first, second]);
    expect((await store.pendingEventIds(kept)).slice(-1)).toEqual([third]);
    expect(
      await sql.query(
        `SELECT conversation_id, delivered_up_to::text FROM ${s}.webhook_streams
         WHERE conversation_id IN ($1, $2) ORDER BY conversation_id = $1 DESC`,
        [pruned, kept],
      ),
    ).toEqual([
      { conversation_id: pruned, delivered_up_to: String(BigInt(first ?? 0) - 1n) },
      { conversation_id: kept, delivered_up_to: keptRow?.delivered_up_to },
    ]);
  });

  it('records nothing, and installs no trigger, when webhooks are off', async () => {
    const chat = await startServer(db);
    servers.push(chat);
    const annSocket = await chat.connect(user('ann'));
    const conversationId = await directBetween(annSocket, user('bob'));
    await send(annSocket, conversationId, 'no webhook for this');
    const sql = sqlAccessOf(chat.storage);
    if (!sql) throw new Error('expected the built-in storage');
    const triggers = await sql.query(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '${sql.schema}.messages'::regclass AND NOT tgisinternal`,
    );
    expect(triggers).toEqual([]);
    const events = await sql.query(`SELECT id FROM ${sql.schema}.webhook_events`);
    expect(events).toEqual([]);
    await expect(chat.banter.replayWebhooks({ fromEventId: '1' })).rejects.toThrow(/not enabled/);
  });

  it('refuses options it cannot use, at createBanter', async () => {
    const chat = await startServer(db);
    servers.push(chat);
    const make = (webhooks: WebhookOptions, storage = chat.storage) =>
      createBanter({ storage, authenticate: testAuthenticator(), webhooks });
    expect(() => make({ url: 'ftp://127.0.0.1/x', secret })).toThrow(TypeError);
    expect(() => make({ url: receiver.url, secret: [] })).toThrow(TypeError);
    expect(() => make({ url: receiver.url, secret, concurrency: 0 })).toThrow(RangeError);
    expect(() => make({ url: receiver.url, secret, busyPollIntervalMs: -1 })).toThrow(RangeError);
    expect(() => make({ url: receiver.url, secret }, { ...chat.storage })).toThrow(
      /built-in storage/,
    );
  });
});
