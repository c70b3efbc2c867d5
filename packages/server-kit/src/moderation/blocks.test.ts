import { describe, expect, it } from 'vitest';
import {
  collect,
  directBetween,
  disconnection,
  nextEvent,
  ok,
  request,
  restCall,
  startExtraServer,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';

const server = useTestServer();
const user = uniqueUsers();

/** Ann and Bob with a direct conversation, each connected; Ann will block Bob. */
async function pair() {
  const [ann, bob] = [user('ann'), user('bob')];
  const annSocket = await server.connect(ann);
  const bobSocket = await server.connect(bob);
  const conversationId = await directBetween(annSocket, bob);
  return { ann, bob, annSocket, bobSocket, conversationId };
}

const forbidden = (message: string) => ({
  ok: false,
  error: { code: 'forbidden', message, retryable: false },
});

describe('user:block and user:unblock', () => {
  it('are idempotent, listed by user:blocks oldest first, and refuse blocking yourself', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const socket = await server.connect(ann);
    expect(await ok(socket, 'user:block', { userId: cat })).toEqual({ userId: cat, blocked: true });
    expect(await ok(socket, 'user:block', { userId: bob })).toEqual({ userId: bob, blocked: true });
    expect(await ok(socket, 'user:block', { userId: cat })).toEqual({ userId: cat, blocked: true });
    expect(await ok(socket, 'user:blocks', {})).toEqual({ userIds: [cat, bob] });
    expect(await ok(socket, 'user:unblock', { userId: cat })).toEqual({
      userId: cat,
      blocked: false,
    });
    expect(await ok(socket, 'user:unblock', { userId: cat })).toEqual({
      userId: cat,
      blocked: false,
    });
    expect((await restCall(server.url, ann, 'GET', '/blocks')).body).toEqual({
      ok: true,
      data: { userIds: [bob] },
    });
    for (const name of ['user:block', 'user:unblock'] as const) {
      expect(await request(socket, name, { userId: ann })).toMatchObject({
        ok: false,
        error: { code: 'bad_request', issues: [{ path: 'userId' }] },
      });
    }
    expect((await restCall(server.url, ann, 'POST', `/blocks/${ann}`)).status).toBe(400);
  });

  it('work over REST as over the socket', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    expect(await restCall(server.url, ann, 'POST', `/blocks/${bob}`)).toEqual({
      status: 200,
      body: { ok: true, data: { userId: bob, blocked: true } },
    });
    expect(await restCall(server.url, ann, 'DELETE', `/blocks/${bob}`)).toEqual({
      status: 200,
      body: { ok: true, data: { userId: bob, blocked: false } },
    });
  });
});

describe('a block between two users', () => {
  it('stops sends in their direct conversation both ways, telling only the blocker why', async () => {
    const { bob, annSocket, bobSocket, conversationId } = await pair();
    await ok(annSocket, 'user:block', { userId: bob });
    const send = (clientId: string) => ({ conversationId, clientId, body: 'hello?' });
    expect(await request(annSocket, 'message:send', send('a1'))).toEqual(
      forbidden('unable to send message: you blocked this user'),
    );
    expect(await request(bobSocket, 'message:send', send('b1'))).toEqual(
      forbidden('unable to send message: you may not message this user'),
    );
    const page = await ok(annSocket, 'message:list', { conversationId });
    expect(page.messages).toEqual([]);
  });

  it('refuses the blocked user over REST with the same answer as over the socket', async () => {
    const { ann, bob, annSocket, conversationId } = await pair();
    await ok(annSocket, 'user:block', { userId: bob });
    const viaRest = await restCall(
      server.url,
      bob,
      'POST',
      `/conversations/${conversationId}/messages`,
      {
        clientId: 'rest-1',
        body: 'over REST then',
      },
    );
    expect(viaRest).toEqual({
      status: 403,
      body: forbidden('unable to send message: you may not message this user'),
    });
    const create = await restCall(server.url, bob, 'POST', '/conversations', {
      kind: 'direct',
      userId: ann,
    });
    expect(create).toEqual({
      status: 403,
      body: forbidden('unable to create conversation: you may not contact this user'),
    });
  });

  it('refuses a new direct conversation with the answer a host refusal gives, either way', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    await ok(annSocket, 'user:block', { userId: bob });
    const refusal = forbidden('unable to create conversation: you may not contact this user');
    expect(
      await request(bobSocket, 'conversation:create', { kind: 'direct', userId: ann }),
    ).toEqual(refusal);
    expect(
      await request(annSocket, 'conversation:create', { kind: 'direct', userId: bob }),
    ).toEqual(refusal);
    expect((await ok(bobSocket, 'conversation:list', {})).conversations).toEqual([]);
  });

  it('hides the blocker’s presence from the blocked user, asked and announced, but not the other way', async () => {
    const { ann, bob, annSocket, bobSocket } = await pair();
    const shownOffline = nextEvent(bobSocket, 'presence', (p) => p.userId === ann);
    await ok(annSocket, 'user:block', { userId: bob });
    // Bob's devices are told Ann is offline, which is all they see of her from now on.
    expect(await shownOffline).toEqual({ userId: ann, online: false, lastSeenAt: null });
    expect(await ok(bobSocket, 'presence:get', { userIds: [ann] })).toEqual([]);
    expect(await ok(annSocket, 'presence:get', { userIds: [bob] })).toEqual([
      { userId: bob, online: true, lastSeenAt: null },
    ]);
    expect((await restCall(server.url, bob, 'GET', `/presence?userIds=${ann}`)).body).toEqual({
      ok: true,
      data: [],
    });

    // Ann's next connect is announced to everyone who may see it: Cat, not Bob.
    const cat = user('cat');
    const catSocket = await server.connect(cat);
    await ok(catSocket, 'conversation:create', { kind: 'group', participantIds: [ann, bob] });
    const toBob = collect(bobSocket, 'presence');
    const toCat = nextEvent(catSocket, 'presence', (p) => p.userId === ann && p.online);
    const annLaptop = await server.connect(ann);
    await toCat;
    // One broadcast made both: a round trip on Bob's socket now comes after anything it carried.
    await ok(bobSocket, 'user:blocks', {});
    expect(toBob.filter((p) => p.userId === ann)).toEqual([]);
    annLaptop.close();
  });

  it('refuses nothing in a group, and refuses putting the blocker in a new group naming nobody', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const { conversation } = await ok(annSocket, 'conversation:create', {
      kind: 'group',
      participantIds: [bob, cat],
    });
    await ok(annSocket, 'user:block', { userId: bob });
    const toAnn = nextEvent(annSocket, 'message:new', (m) => m.senderId === bob);
    await ok(bobSocket, 'message:send', {
      conversationId: conversation.id,
      clientId: 'g1',
      body: 'still here',
    });
    expect((await toAnn).body).toBe('still here');
    await ok(annSocket, 'message:send', {
      conversationId: conversation.id,
      clientId: 'g2',
      body: 'me too',
    });

    const before = (await ok(bobSocket, 'conversation:list', {})).conversations.length;
    const refusal = forbidden('unable to create conversation: you may not contact everyone listed');
    expect(
      await request(bobSocket, 'conversation:create', {
        kind: 'group',
        participantIds: [cat, ann],
        idempotencyKey: 'with-ann',
      }),
    ).toEqual(refusal);
    expect((await ok(bobSocket, 'conversation:list', {})).conversations).toHaveLength(before);
  });

  it('refuses adding the blocker to a group, naming nobody and adding nobody', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const { conversation } = await ok(bobSocket, 'conversation:create', {
      kind: 'group',
      participantIds: [],
    });
    await ok(annSocket, 'user:block', { userId: bob });
    expect(
      await request(bobSocket, 'conversation:addParticipants', {
        conversationId: conversation.id,
        userIds: [cat, ann],
      }),
    ).toEqual(forbidden('unable to add participants: you may not contact everyone listed'));
    const view = await ok(bobSocket, 'conversation:get', { conversationId: conversation.id });
    expect(view.participants.map((p) => p.userId)).toEqual([bob]);
  });

  it('is lifted by user:unblock: sends, new conversations and presence work again', async () => {
    const { ann, bob, annSocket, bobSocket, conversationId } = await pair();
    await ok(annSocket, 'user:block', { userId: bob });
    const shownOnline = nextEvent(bobSocket, 'presence', (p) => p.userId === ann && p.online);
    await ok(annSocket, 'user:unblock', { userId: bob });
    expect(await shownOnline).toEqual({ userId: ann, online: true, lastSeenAt: null });
    await ok(bobSocket, 'message:send', { conversationId, clientId: 'u1', body: 'hi again' });
    await ok(annSocket, 'message:send', { conversationId, clientId: 'u2', body: 'hello' });
    expect(await ok(bobSocket, 'presence:get', { userIds: [ann] })).toEqual([
      { userId: ann, online: true, lastSeenAt: null },
    ]);
    const again = await ok(bobSocket, 'conversation:create', { kind: 'direct', userId: ann });
    expect(again.conversation.id).toBe(conversationId);
    // Ann going offline reaches Bob again.
    const offline = nextEvent(bobSocket, 'presence', (p) => p.userId === ann && !p.online);
    const closed = disconnection(annSocket);
    annSocket.disconnect();
    await closed;
    expect((await offline).lastSeenAt).not.toBeNull();
  });

  it('still acknowledges the retry of a message stored before the block', async () => {
    const { bob, annSocket, bobSocket, conversationId } = await pair();
    const payload = { conversationId, clientId: 'sent-before', body: 'made it' };
    const first = await ok(bobSocket, 'message:send', payload);
    await ok(annSocket, 'user:block', { userId: bob });
    expect(await ok(bobSocket, 'message:send', payload)).toEqual({
      message: first.message,
      created: false,
    });
  });
});

describe('typing between two users where one blocks the other', () => {
  it('is shown to neither in their direct conversation, and again once unblocked', async () => {
    // No throttle, so the start after the unblock is relayed however soon it comes.
    const extra = await startExtraServer({ limits: { typingThrottleMs: 0 } });
    try {
      const [ann, bob] = [user('ann'), user('bob')];
      const annSocket = await extra.connect(ann);
      const bobSocket = await extra.connect(bob);
      const conversationId = await directBetween(annSocket, bob);
      const toAnn = collect(annSocket, 'typing');
      const toBob = collect(bobSocket, 'typing');
      await ok(annSocket, 'user:block', { userId: bob });
      // Each start is stopped before the next step: a start shown despite the block would be
      // followed by its stop, and both would be seen.
      for (const socket of [bobSocket, annSocket]) {
        await ok(socket, 'typing:set', { conversationId, typing: true });
        await ok(socket, 'typing:set', { conversationId, typing: false });
      }
      await ok(annSocket, 'user:unblock', { userId: bob });
      const shown = nextEvent(annSocket, 'typing', (update) => update.typing);
      await ok(bobSocket, 'typing:set', { conversationId, typing: true });
      expect(await shown).toMatchObject({ conversationId, userId: bob, typing: true });
      expect(toAnn.map((update) => update.typing)).toEqual([true]);
      expect(toBob).toEqual([]);
    } finally {
      await extra.close();
    }
  });
});
