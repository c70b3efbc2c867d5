import { describe, expect, it } from 'vitest';
import {
  collect,
  directBetween,
  nextEvent,
  ok,
  settle,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';

const server = useTestServer({ limits: { typingThrottleMs: 200, typingExpiryMs: 400 } });
const user = uniqueUsers();

describe('typing', () => {
  it('relays a start at most once per throttle window, then a stop', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const seen = collect(bobSocket, 'typing');
    for (let i = 0; i < 5; i++) await ok(annSocket, 'typing:set', { conversationId, typing: true });
    await ok(annSocket, 'typing:set', { conversationId, typing: false });
    await settle();
    expect(seen).toEqual([
      { conversationId, userId: ann, typing: true, expiresInMs: 400 },
      { conversationId, userId: ann, typing: false, expiresInMs: 0 },
    ]);
  });

  it('does not let stop-and-start pairs get around the throttle', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const seen = collect(bobSocket, 'typing');
    for (let i = 0; i < 10; i++) {
      await ok(annSocket, 'typing:set', { conversationId, typing: true });
      await ok(annSocket, 'typing:set', { conversationId, typing: false });
    }
    await settle();
    // One start and its stop: the stops of starts the throttle held back are not relayed either.
    expect(seen.map((update) => update.typing)).toEqual([true, false]);
  });

  it('expires on the server when no stop arrives', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const stop = nextEvent(bobSocket, 'typing', (u) => !u.typing);
    await ok(annSocket, 'typing:set', { conversationId, typing: true });
    expect(await stop).toMatchObject({ userId: ann, typing: false });
  });

  it('stops when the typing socket disconnects', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    await ok(annSocket, 'typing:set', { conversationId, typing: true });
    const stop = nextEvent(bobSocket, 'typing', (u) => !u.typing, 300);
    annSocket.disconnect();
    expect(await stop).toMatchObject({ userId: ann, typing: false });
  });
});

describe('presence', () => {
  it('is online while any socket is open, and offline with a last-seen time after the last one closes', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annPhone = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    await directBetween(annPhone, bob);
    const annLaptop = await server.connect(ann);
    expect(await ok(bobSocket, 'presence:get', { userIds: [ann] })).toEqual([
      { userId: ann, online: true, lastSeenAt: null },
    ]);

    const updates = collect(bobSocket, 'presence');
    annPhone.disconnect();
    await settle(150);
    expect(updates).toEqual([]);
    expect((await ok(bobSocket, 'presence:get', { userIds: [ann] }))[0]?.online).toBe(true);

    const offline = nextEvent(bobSocket, 'presence', (p) => p.userId === ann && !p.online);
    annLaptop.disconnect();
    const update = await offline;
    expect(update.lastSeenAt).not.toBeNull();
    expect(await ok(bobSocket, 'presence:get', { userIds: [ann] })).toEqual([update]);

    const online = nextEvent(bobSocket, 'presence', (p) => p.userId === ann && p.online);
    await server.connect(ann);
    expect(await online).toEqual({ userId: ann, online: true, lastSeenAt: null });
  });

  it('shows presence only of people who share a conversation', async () => {
    const [ann, stranger] = [user('ann'), user('stranger')];
    const annSocket = await server.connect(ann);
    await server.connect(stranger);
    expect(await ok(annSocket, 'presence:get', { userIds: [stranger] })).toEqual([]);
  });
});

describe('receipts', () => {
  it('broadcasts delivered and read watermarks to the conversation, moving forward only', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    for (let i = 1; i <= 3; i++)
      await ok(annSocket, 'message:send', { conversationId, clientId: `${i}`, body: `${i}` });

    const delivered = nextEvent(
      annSocket,
      'receipt',
      (r) => r.userId === bob && r.lastDeliveredSeq === 3,
    );
    await ok(bobSocket, 'receipt:delivered', { conversationId, seq: 3 });
    expect(await delivered).toEqual({
      conversationId,
      userId: bob,
      lastDeliveredSeq: 3,
      lastReadSeq: 0,
    });

    const read = nextEvent(annSocket, 'receipt', (r) => r.userId === bob && r.lastReadSeq === 2);
    await ok(bobSocket, 'receipt:read', { conversationId, seq: 2 });
    expect(await read).toEqual({
      conversationId,
      userId: bob,
      lastDeliveredSeq: 3,
      lastReadSeq: 2,
    });

    expect(await ok(bobSocket, 'receipt:read', { conversationId, seq: 1 })).toMatchObject({
      lastReadSeq: 2,
    });
    expect(await ok(bobSocket, 'receipt:read', { conversationId, seq: 1e9 })).toMatchObject({
      lastReadSeq: 3,
    });
  });
});
