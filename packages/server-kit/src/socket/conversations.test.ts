import { describe, expect, it } from 'vitest';
import {
  collect,
  nextEvent,
  ok,
  request,
  settle,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';

const server = useTestServer();
const user = uniqueUsers();

describe('conversations', () => {
  it('keeps one direct conversation per pair, with host metadata, and tells the other user', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const bobHears = nextEvent(bobSocket, 'conversation:updated');
    const first = await ok(annSocket, 'conversation:create', {
      kind: 'direct',
      userId: bob,
      metadata: { listingId: 'flat-7' },
    });
    const second = await ok(bobSocket, 'conversation:create', { kind: 'direct', userId: ann });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
    expect(first.conversation.metadata).toEqual({ listingId: 'flat-7' });
    expect((await bobHears).id).toBe(first.conversation.id);
    // Bob's socket joined the room at once: he receives messages without reconnecting.
    const bobGets = nextEvent(bobSocket, 'message:new');
    await ok(annSocket, 'message:send', {
      conversationId: first.conversation.id,
      clientId: '1',
      body: 'hi',
    });
    expect((await bobGets).body).toBe('hi');

    const withSelf = await request(annSocket, 'conversation:create', {
      kind: 'direct',
      userId: ann,
    });
    expect(withSelf).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('creates groups, lets the owner add and remove people, and lets members leave', async () => {
    const [ann, bob, cat, dan] = [user('ann'), user('bob'), user('cat'), user('dan')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const danSocket = await server.connect(dan);
    const { conversation } = await ok(annSocket, 'conversation:create', {
      kind: 'group',
      participantIds: [bob, cat],
      title: 'Viewing on Saturday',
    });
    const conversationId = conversation.id;
    expect(conversation.participants.map((p) => [p.userId, p.role]).sort()).toEqual(
      [
        [ann, 'owner'],
        [bob, 'member'],
        [cat, 'member'],
      ].sort(),
    );

    const notOwner = await request(bobSocket, 'conversation:addParticipants', {
      conversationId,
      userIds: [dan],
    });
    expect(notOwner).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const danHears = nextEvent(danSocket, 'conversation:updated');
    const added = await ok(annSocket, 'conversation:addParticipants', {
      conversationId,
      userIds: [dan],
    });
    expect(added.participants).toHaveLength(4);
    expect((await danHears).id).toBe(conversationId);
    const danGets = nextEvent(danSocket, 'message:new');
    await ok(annSocket, 'message:send', { conversationId, clientId: 'w', body: 'welcome' });
    expect((await danGets).body).toBe('welcome');

    const removedNotice = nextEvent(danSocket, 'conversation:removed');
    await ok(annSocket, 'conversation:removeParticipant', { conversationId, userId: dan });
    expect(await removedNotice).toEqual({ conversationId, reason: 'removed' });
    const afterRemoval = collect(danSocket, 'message:new');
    await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'x',
      body: 'dan cannot see this',
    });
    await settle();
    expect(afterRemoval).toEqual([]);
    expect(await request(danSocket, 'message:list', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    expect(await ok(bobSocket, 'conversation:leave', { conversationId })).toEqual({
      conversationId,
    });
    expect(await request(bobSocket, 'conversation:get', { conversationId })).toMatchObject({
      ok: false,
    });
    const remaining = await ok(annSocket, 'conversation:get', { conversationId });
    expect(remaining.participants.map((p) => p.userId).sort()).toEqual([ann, cat].sort());
  });

  it('keeps groups within the size limit when creating and adding', async () => {
    const owner = user('owner');
    const socket = await server.connect(owner);
    const crowd = Array.from({ length: 100 }, (_, i) => `${owner}-guest-${i}`);
    const tooBig = await request(socket, 'conversation:create', {
      kind: 'group',
      participantIds: crowd,
    });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const { conversation } = await ok(socket, 'conversation:create', {
      kind: 'group',
      participantIds: crowd.slice(0, 99),
    });
    expect(conversation.participants).toHaveLength(100);
    const oneMore = await request(socket, 'conversation:addParticipants', {
      conversationId: conversation.id,
      userIds: [`${owner}-late`],
    });
    expect(oneMore).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses leaving or adding people to a direct conversation', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const { conversation } = await ok(annSocket, 'conversation:create', {
      kind: 'direct',
      userId: bob,
    });
    const conversationId = conversation.id;
    expect(await request(annSocket, 'conversation:leave', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await request(annSocket, 'conversation:addParticipants', { conversationId, userIds: [cat] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('lists by last activity with the last message and unread counts, and pages with a cursor', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const catSocket = await server.connect(cat);
    const withBob = (await ok(annSocket, 'conversation:create', { kind: 'direct', userId: bob }))
      .conversation.id;
    const withCat = (await ok(annSocket, 'conversation:create', { kind: 'direct', userId: cat }))
      .conversation.id;
    await ok(bobSocket, 'message:send', { conversationId: withBob, clientId: 'b1', body: 'one' });
    await ok(bobSocket, 'message:send', { conversationId: withBob, clientId: 'b2', body: 'two' });
    await ok(catSocket, 'message:send', {
      conversationId: withCat,
      clientId: 'c1',
      body: 'from cat',
    });

    const page = await ok(annSocket, 'conversation:list', {});
    expect(page.conversations.map((c) => [c.id, c.unreadCount, c.lastMessage?.body])).toEqual([
      [withCat, 1, 'from cat'],
      [withBob, 2, 'two'],
    ]);
    const first = await ok(annSocket, 'conversation:list', { limit: 1 });
    expect(first.conversations.map((c) => c.id)).toEqual([withCat]);
    const rest = await ok(annSocket, 'conversation:list', { limit: 1, cursor: first.nextCursor });
    expect(rest.conversations.map((c) => c.id)).toEqual([withBob]);
    const bogus = await request(annSocket, 'conversation:list', { cursor: 'garbage' });
    expect(bogus).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // Reading on one device clears the count for every device.
    const otherDevice = await server.connect(ann);
    const otherHears = nextEvent(
      otherDevice,
      'receipt',
      (r) => r.userId === ann && r.conversationId === withBob,
    );
    await ok(annSocket, 'receipt:read', { conversationId: withBob, seq: 2 });
    expect(await otherHears).toMatchObject({ lastReadSeq: 2 });
    const after = await ok(otherDevice, 'conversation:get', { conversationId: withBob });
    expect(after.unreadCount).toBe(0);
  });

  it('archives and mutes per user, on all of that user’s devices', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const annTablet = await server.connect(ann);
    const conversationId = (
      await ok(annSocket, 'conversation:create', { kind: 'direct', userId: bob })
    ).conversation.id;
    const tabletHears = nextEvent(annTablet, 'conversation:updated', (c) => c.archived);
    const archived = await ok(annSocket, 'conversation:archive', {
      conversationId,
      archived: true,
    });
    expect(archived.archived).toBe(true);
    expect((await tabletHears).id).toBe(conversationId);
    const muted = await ok(annSocket, 'conversation:mute', { conversationId, muted: true });
    expect(muted).toMatchObject({ muted: true, archived: true });

    expect(
      (await ok(annSocket, 'conversation:list', {})).conversations.map((c) => c.id),
    ).not.toContain(conversationId);
    expect(
      (await ok(annSocket, 'conversation:list', { archived: true })).conversations.map((c) => c.id),
    ).toEqual([conversationId]);
    // Bob's view is his own.
    const bobSocket = await server.connect(bob);
    expect(await ok(bobSocket, 'conversation:get', { conversationId })).toMatchObject({
      archived: false,
      muted: false,
    });
  });
});
