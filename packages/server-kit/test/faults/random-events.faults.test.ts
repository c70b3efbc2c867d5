import { requestNames } from '@banter/core/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientSocket, directBetween, request, useTestServer } from '../harness';
import { p50p99, politeSends } from './polite-pair';

// Limits wide open: this case is about what the server does with the events, not rate limits.
const server = useTestServer({
  limits: {
    sendRate: { perSecond: 10_000, burst: 10_000 },
    requestRate: { perSecond: 100_000, burst: 100_000 },
  },
});
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

const fuzzerIds = ['fz1', 'fz2', 'fz3', 'fz4'];

/** Any value at all, and payloads shaped like real ones with every field possibly wrong. */
function payloads(conversationIds: string[]) {
  const nasty = fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    '\u0000',
    '💥'.repeat(3),
    'x'.repeat(5_000),
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
  );
  const field = fc.oneof(nasty, fc.constantFrom(...conversationIds), fc.anything({ maxDepth: 3 }));
  const shaped = fc.record(
    {
      conversationId: fc.oneof(fc.constantFrom(...conversationIds), field),
      clientId: fc.oneof(fc.uuid(), field),
      body: fc.oneof(fc.string({ maxLength: 50 }), field),
      kind: fc.oneof(fc.constantFrom('text', 'image', 'file', 'system', 'direct', 'group'), field),
      userId: fc.oneof(fc.constantFrom(...fuzzerIds), field),
      userIds: fc.oneof(fc.array(fc.constantFrom(...fuzzerIds, 'nobody')), field),
      participantIds: fc.oneof(fc.array(fc.constantFrom(...fuzzerIds)), field),
      typing: fc.oneof(fc.boolean(), field),
      after: fc.oneof(fc.integer({ min: -5, max: 100 }), field),
      before: fc.oneof(fc.integer({ min: -5, max: 100 }), field),
      limit: fc.oneof(fc.integer({ min: -5, max: 500 }), field),
      seq: fc.oneof(fc.integer({ min: -5, max: 100 }), field),
      metadata: fc.oneof(fc.dictionary(fc.string(), fc.anything({ maxDepth: 2 })), field),
      attachments: fc.oneof(fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }), field),
      senderId: field,
      __proto__: field,
    },
    { requiredKeys: [] },
  );
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: fc.anything() });
}

/** Names Socket.IO's client refuses to emit at all: they never reach a server from it. */
const reserved = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

const eventNames = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...requestNames) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.string(), fc.constantFrom('', 'admin', 'message:sendd', '__proto__', 'session'))
      .filter((name) => !reserved.has(name)),
  },
);

/** Every listener the server holds for a socket: a leak would make these grow. */
function listenersOf(socket: {
  eventNames(): (string | symbol)[];
  listenerCount(e: string | symbol): number;
  listenersAny(): unknown[];
}) {
  return (
    socket.eventNames().reduce((sum, name) => sum + socket.listenerCount(name), 0) +
    socket.listenersAny().length
  );
}

describe('8. 10,000 random and malformed events, unknown names included', () => {
  it('are answered with typed results, crash nothing, leak nothing, write only what was acknowledged, and leave others their latency', async () => {
    const fuzzers = await Promise.all(fuzzerIds.map((id) => server.connect(id)));
    const conversationIds = [
      await directBetween(fuzzers[0] as ClientSocket, 'fz2'),
      await directBetween(fuzzers[2] as ClientSocket, 'fz4'),
      'c1',
      'not-a-conversation',
    ];
    const ann = await server.connect('polite-ann');
    const bob = await server.connect('polite-bob');
    const politeConversation = await directBetween(ann, 'polite-bob');
    let count = 0;
    const baseline = await politeSends(ann, bob, politeConversation, {
      label: 'quiet',
      pauseMs: 20,
      going: () => count++ < 30,
    });

    const serverSockets = () => [...server.namespace.sockets.values()];
    const listenersBefore = serverSockets().map(listenersOf);
    const connectionListeners = server.namespace.listeners('connection').length;
    const seed = Date.now() % 1_000_000;
    const codes = new Map<string, number>();
    let events = 0;
    let acks = 0;
    let storedByAcks = 0;
    /** Sends fired without an ack callback: whether any was valid, and stored, nobody was told. */
    let unacknowledgedSends = 0;
    let fuzzing = true;
    const during = politeSends(ann, bob, politeConversation, {
      label: 'busy',
      pauseMs: 20,
      going: () => fuzzing,
    });

    // Mostly garbage, and one in ten a send that may well be valid: what gets through must be stored once.
    const plausibleSend = fc.record(
      {
        conversationId: fc.constantFrom(...conversationIds.slice(0, 2)),
        clientId: fc.uuid(),
        body: fc.string({ minLength: 1, maxLength: 200 }),
        kind: fc.constantFrom('text', 'file'),
        metadata: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: ['conversationId', 'clientId', 'body'] },
    );
    const call = fc.oneof(
      { weight: 9, arbitrary: fc.tuple(eventNames, payloads(conversationIds), fc.boolean()) },
      {
        weight: 1,
        // Always with an ack, so every stored message can be matched to the answer that said so.
        arbitrary: fc.tuple(fc.constant('message:send'), plausibleSend, fc.constant(false)),
      },
    );
    const batch = fc.array(call, { minLength: 100, maxLength: 100 });
    await fc.assert(
      fc.asyncProperty(batch, async (calls) => {
        await Promise.all(
          calls.map(async ([event, payload, withoutAck], i) => {
            events += 1;
            const socket = fuzzers[i % fuzzers.length] as ClientSocket;
            if (withoutAck && i % 5 === 0) {
              if (event === 'message:send') unacknowledgedSends += 1;
              // No ack at all: the server must cope without one.
              (socket.emit as (event: string, ...args: unknown[]) => void)(event, payload);
              return;
            }
            const result = await request(socket, event as never, payload);
            acks += 1;
            expect(typeof result.ok).toBe('boolean');
            if (result.ok) {
              const data = result.data as { created?: boolean } | null;
              if (event === 'message:send' && data?.created) storedByAcks += 1;
            } else {
              expect(result.error.code).not.toBe('internal');
              codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
            }
          }),
        );
      }),
      { numRuns: 100, seed, endOnFailure: true },
    );
    fuzzing = false;
    const busy = await during;

    // Nothing was stored that was not acknowledged as stored.
    let stored = 0;
    for (const id of conversationIds.slice(0, 2)) {
      const page = await server.storage.listMessages(id, { after: 0, limit: 20_000 });
      stored += page.messages.length;
    }
    expect(stored).toBeGreaterThanOrEqual(storedByAcks);
    expect(stored).toBeLessThanOrEqual(storedByAcks + unacknowledgedSends);
    expect(unhandled).toEqual([]);
    // Same sockets, same listeners: nothing piled up per event.
    expect(serverSockets().map(listenersOf)).toEqual(listenersBefore);
    expect(server.namespace.listeners('connection').length).toBe(connectionListeners);
    for (const socket of fuzzers) socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.namespace.sockets.size).toBe(2);
    expect((await fetch(`${server.url}/chat/health`)).status).toBe(200);

    // The polite pair was served all along; a wedged server would show as seconds here.
    const quiet = p50p99(baseline);
    const loaded = p50p99(busy);
    expect(busy.length).toBeGreaterThan(0);
    expect(loaded.p99).toBeLessThan(1_000);
    console.log(
      `[8 random events] fast-check seed ${seed}: ${events} events (${acks} with an ack), ${storedByAcks} acknowledged as stored and ${stored - storedByAcks} of ${unacknowledgedSends} sends without an ack callback stored, nothing else written, refusals ${JSON.stringify(Object.fromEntries(codes))}, no 'internal', no unhandled rejection, listeners unchanged; a polite sender's ack p50/p99 ${quiet.text} alone, ${loaded.text} during (${busy.length} sends)`,
    );
  }, 180_000);
});
