import { requestNames } from '@banter/core/protocol';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directBetween,
  nextEvent,
  ok,
  request,
  startServer,
  type TestServer,
} from '../../test/harness';

let db: PGlite;
let server: TestServer;

beforeAll(async () => {
  db = await PGlite.create();
  server = await startServer(db, {
    limits: {
      sendRate: { perSecond: 10_000, burst: 10_000 },
      requestRate: { perSecond: 100_000, burst: 100_000 },
    },
  });
});
afterAll(async () => {
  await server.close();
  await db.close();
});

/** A seeded generator, so a failure can be replayed with the seed the test prints. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const strings = [
    '',
    ' ',
    'a',
    'x'.repeat(300),
    'null',
    '__proto__',
    'constructor',
    '\u0000',
    '💥',
    'javascript:alert(1)',
    'c1',
  ];
  const value = (depth: number): unknown => {
    const kind = Math.floor(next() * (depth > 3 ? 6 : 8));
    switch (kind) {
      case 0:
        return null;
      case 1:
        return next() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, Number.NaN, 1e308]);
      case 3:
      case 4:
        return pick(strings);
      case 5:
        return undefined;
      case 6:
        return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      default: {
        const keys = [
          'conversationId',
          'clientId',
          'body',
          'kind',
          'attachments',
          'seq',
          'userIds',
          'typing',
          'limit',
          'cursor',
          'metadata',
          'senderId',
          'token',
          'x',
        ];
        return Object.fromEntries(
          Array.from({ length: Math.floor(next() * 5) }, () => [pick(keys), value(depth + 1)]),
        );
      }
    }
  };
  const eventName = () =>
    next() < 0.8
      ? pick(requestNames)
      : pick(['', 'admin', 'message:sendd', '__proto__', 'x'.repeat(200)]);
  return { next, value, eventName };
}

describe('10,000 random and malformed events', () => {
  it('are all answered with a typed result, crash nothing, write only what was accepted, and leak nothing', async () => {
    const seed = Date.now() % 100_000;
    const random = generator(seed);
    const fuzzers = await Promise.all(['fz1', 'fz2', 'fz3', 'fz4'].map((id) => server.connect(id)));
    const baselineListeners = server.namespace.listeners('connection').length;
    let acks = 0;
    let accepted = 0;
    let storedByAcks = 0;
    const codes = new Map<string, number>();
    for (let batch = 0; batch < 100; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const socket = fuzzers[i % fuzzers.length] as (typeof fuzzers)[number];
          const event = random.eventName();
          const payload = random.value(0);
          if (random.next() < 0.1) {
            // No ack at all: the server must cope without one.
            (socket.emit as (event: string, ...args: unknown[]) => void)(event, payload);
            return;
          }
          const result = await request(socket, event as never, payload);
          acks += 1;
          expect(typeof result.ok, `seed ${seed}: ${event} ${JSON.stringify(payload)}`).toBe(
            'boolean',
          );
          if (result.ok) {
            accepted += 1;
            const data = result.data as { created?: boolean } | null;
            if (event === 'message:send' && data?.created) storedByAcks += 1;
          } else {
            codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
          }
        }),
      );
    }
    console.log(
      `[fuzz] seed ${seed}: ${acks} acks, ${accepted} accepted; refusals: ${JSON.stringify(Object.fromEntries(codes))}`,
    );

    // Nothing was stored that was not acknowledged as stored.
    const stored = await Promise.all(
      ['fz1', 'fz2', 'fz3', 'fz4'].map(async (userId) => {
        const ids = await server.storage.listConversationIds(userId);
        const pages = await Promise.all(
          ids.map((id) => server.storage.listMessages(id, { after: 0, limit: 100 })),
        );
        return pages.flatMap((page) => page.messages).filter((m) => m.senderId === userId).length;
      }),
    );
    expect(stored.reduce((a, b) => a + b, 0)).toBe(storedByAcks);
    expect(codes.has('internal')).toBe(false);

    // Still serving, and nothing left behind by the fuzzers once they go.
    for (const socket of fuzzers) socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.namespace.sockets.size).toBe(0);
    expect(server.namespace.listeners('connection').length).toBe(baselineListeners);
    const ann = await server.connect('well-behaved-ann');
    const bob = await server.connect('well-behaved-bob');
    const conversationId = await directBetween(ann, 'well-behaved-bob');
    const arrives = nextEvent(bob, 'message:new');
    await ok(ann, 'message:send', { conversationId, clientId: 'after-fuzz', body: 'still fine' });
    expect((await arrives).body).toBe('still fine');
    expect((await fetch(`${server.url}/chat/health`)).status).toBe(200);
  }, 120_000);
});
