import { ChatError, type Message } from '@banter/core/protocol';
import { describe, expect, it } from 'vitest';
import {
  collect,
  nextEvent,
  ok,
  openSocket,
  restCall,
  settle,
  signToken,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';
import type { OnMessageContext } from '../hooks';
import { botSenderId, systemSenderId } from './host-senders';

const notified: OnMessageContext[] = [];
const server = useTestServer({
  hooks: {
    onMessage: (context) => {
      notified.push(context);
    },
    getUsers: (ids) =>
      ids.map((id) =>
        id === botSenderId('helper')
          ? { id, name: 'Helper bot', avatarUrl: 'https://example.test/helper.png' }
          : { id, name: id.toUpperCase() },
      ),
  },
});
const user = uniqueUsers();
const admin = () => server.banter.admin;

/** The ChatError a call is refused with (fails the test when it resolves). */
async function refusal(call: Promise<unknown>): Promise<ChatError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ChatError)) throw new Error(`expected a ChatError, got ${String(error)}`);
  return error;
}

describe('banter.admin.createConversation', () => {
  it('creates a group for the given users, who hear of it, and the same key returns it again', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const [annSocket, bobSocket] = [await server.connect(ann), await server.connect(bob)];
    const bobHears = nextEvent(bobSocket, 'conversation:updated');
    const request = {
      kind: 'group' as const,
      userIds: [ann, bob, cat],
      createdBy: ann,
      title: '  Listing 42  ',
      metadata: { listingId: 42, price: { amount: 1200, currency: 'EUR' } },
      idempotencyKey: `listing-42-${ann}`,
    };
    const first = await admin().createConversation(request);
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({ kind: 'group', title: 'Listing 42' });
    expect(first.conversation.participants.map((p) => [p.userId, p.role])).toEqual([
      [ann, 'owner'],
      [bob, 'member'],
      [cat, 'member'],
    ]);
    expect((await bobHears).id).toBe(first.conversation.id);

    // The members' sockets joined its room at once.
    const bobGets = nextEvent(bobSocket, 'message:new');
    await ok(annSocket, 'message:send', {
      conversationId: first.conversation.id,
      clientId: 'c1',
      body: 'hello',
    });
    expect((await bobGets).body).toBe('hello');

    const quiet = collect(bobSocket, 'conversation:updated');
    const again = await admin().createConversation({
      ...request,
      userIds: [cat, bob, ann, bob],
      metadata: { price: { currency: 'EUR', amount: 1200 }, listingId: 42 },
    });
    expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
    await settle();
    expect(quiet).toEqual([]);
  });

  it('refuses a key reused for a different request with conflict, creating nothing', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const key = `order-${ann}`;
    await admin().createConversation({ kind: 'group', userIds: [ann, bob], idempotencyKey: key });
    const error = await refusal(
      admin().createConversation({ kind: 'group', userIds: [ann, cat], idempotencyKey: key }),
    );
    expect(error.code).toBe('conflict');
    expect(await server.storage.listConversationIds(cat)).toEqual([]);
  });

  it('creates a direct conversation once per pair, also when a user started it', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const mine = await ok(annSocket, 'conversation:create', { kind: 'direct', userId: bob });
    const hosts = await admin().createConversation({
      kind: 'direct',
      userIds: [bob, ann],
      metadata: { listingId: 7 },
      idempotencyKey: `listing-7-${bob}`,
    });
    expect(hosts).toMatchObject({ created: false, conversation: { id: mine.conversation.id } });
    // The key now names that conversation.
    const again = await admin().createConversation({
      kind: 'direct',
      userIds: [bob, ann],
      metadata: { listingId: 7 },
      idempotencyKey: `listing-7-${bob}`,
    });
    expect(again.conversation.id).toBe(mine.conversation.id);
  });

  it('refuses bad input with bad_request and writes nothing', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const cases: [string, Parameters<ReturnType<typeof admin>['createConversation']>[0]][] = [
      ['kind', { kind: 'channel' as 'group', userIds: [ann, bob] }],
      ['userIds', { kind: 'group', userIds: [] }],
      ['userIds.1', { kind: 'group', userIds: [ann, ' bob'] }],
      ['userIds.1', { kind: 'group', userIds: [ann, 'banter:system'] }],
      ['userIds', { kind: 'direct', userIds: [ann, bob, cat] }],
      ['title', { kind: 'direct', userIds: [ann, bob], title: 'no' }],
      ['metadata', { kind: 'group', userIds: [ann, bob], metadata: { big: 'x'.repeat(5_000) } }],
      ['metadata', { kind: 'group', userIds: [ann], metadata: JSON.parse('{"__proto__":{}}') }],
      ['metadata', { kind: 'direct', userIds: [ann, bob], metadata: [] as never }],
      ['title', { kind: 'group', userIds: [ann], title: 't'.repeat(201) }],
      ['idempotencyKey', { kind: 'group', userIds: [ann], idempotencyKey: 'k'.repeat(65) }],
    ];
    for (const [path, input] of cases) {
      const error = await refusal(admin().createConversation(input));
      expect(error.code, path).toBe('bad_request');
      expect(
        error.issues?.some((issue) => issue.path.startsWith(path)),
        path,
      ).toBe(true);
      expect(error.message).toMatch(/^unable to create conversation: /);
    }
    for (const id of [ann, bob, cat]) {
      expect(await server.storage.listConversationIds(id)).toEqual([]);
    }
  });
});

describe('banter.admin.postMessage', () => {
  async function groupOf(...userIds: string[]) {
    const { conversation } = await admin().createConversation({ kind: 'group', userIds });
    return conversation.id;
  }

  it('posts a system notice that reaches members, the change feed and onMessage, once per clientId', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await groupOf(ann, bob);
    const bobSocket = await server.connect(bob);
    const bobGets = nextEvent(bobSocket, 'message:new');
    const posted = await admin().postMessage({
      conversationId,
      as: 'system',
      body: 'Offer accepted',
      clientId: 'offer-accepted',
    });
    expect(posted.created).toBe(true);
    expect(posted.message).toMatchObject({
      kind: 'system',
      senderId: systemSenderId,
      body: 'Offer accepted',
      seq: 1,
    });
    expect(await bobGets).toEqual(posted.message);

    const retry = await admin().postMessage({
      conversationId,
      as: 'system',
      body: 'Offer accepted',
      clientId: 'offer-accepted',
    });
    expect(retry).toEqual({ message: posted.message, created: false });
    const feed = await ok(bobSocket, 'message:changes', { conversationId, after: 0 });
    expect(feed.messages.map((m) => m.id)).toEqual([posted.message.id]);
    const view = await ok(bobSocket, 'conversation:get', { conversationId });
    expect(view).toMatchObject({ lastSeq: 1, unreadCount: 1, lastMessage: { kind: 'system' } });
    await expect.poll(() => notified.some((n) => n.message.id === posted.message.id)).toBe(true);
    const context = notified.find((n) => n.message.id === posted.message.id);
    expect(context?.recipients.map((r) => r.userId).sort()).toEqual([ann, bob]);
  });

  it('posts as a bot that is no participant, named by the getUsers hook', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await groupOf(ann, bob);
    const annSocket = await server.connect(ann);
    const annGets = nextEvent(annSocket, 'message:new');
    const { message } = await admin().postMessage({
      conversationId,
      as: { botId: 'helper' },
      body: 'How can I help?',
    });
    expect(message).toMatchObject({ kind: 'text', senderId: 'banter:bot:helper' });
    expect((await annGets).id).toBe(message.id);
    const [profile] = await ok(annSocket, 'user:get', { userIds: [message.senderId] });
    expect(profile).toEqual({
      id: 'banter:bot:helper',
      name: 'Helper bot',
      avatarUrl: 'https://example.test/helper.png',
    });
    // Users cannot act on it as if it were theirs.
    const edit = await ok(annSocket, 'conversation:get', { conversationId });
    expect(edit.participants.map((p) => p.userId)).not.toContain(message.senderId);
  });

  it('posts as a participant, moving their read mark like their own send', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await groupOf(ann, bob);
    const bobSocket = await server.connect(bob);
    const bobGets = nextEvent(bobSocket, 'message:new');
    const { message } = await admin().postMessage({
      conversationId,
      as: { userId: ann },
      body: 'Sent for Ann',
    });
    expect(message.senderId).toBe(ann);
    expect((await bobGets).id).toBe(message.id);
    const annView = await server.storage.getConversation(conversationId, ann);
    expect(annView?.unreadCount).toBe(0);
  });

  it('refuses a non-participant, an unknown conversation and bad content, storing nothing', async () => {
    const [ann, bob, eve] = [user('ann'), user('bob'), user('eve')];
    const conversationId = await groupOf(ann, bob);
    const notMember = await refusal(
      admin().postMessage({ conversationId, as: { userId: eve }, body: 'hi' }),
    );
    expect(notMember.code).toBe('not_found');
    const unknown = await refusal(
      admin().postMessage({ conversationId: 'no-such-conversation', as: 'system', body: 'hi' }),
    );
    expect(unknown.code).toBe('not_found');
    const bad: [string, Parameters<ReturnType<typeof admin>['postMessage']>[0]][] = [
      ['body', { conversationId, as: 'system', body: '   ' }],
      ['body', { conversationId, as: { botId: 'helper' }, body: 'x'.repeat(4_001) }],
      ['as', { conversationId, as: 'root' as 'system', body: 'hi' }],
      ['as.botId', { conversationId, as: { botId: '' }, body: 'hi' }],
      ['as.userId', { conversationId, as: { userId: 'banter:erased' }, body: 'hi' }],
      [
        'attachments.0.url',
        { conversationId, as: 'system', body: 'hi', attachments: [{ url: 'ftp://x' }] },
      ],
    ];
    for (const [path, input] of bad) {
      const error = await refusal(admin().postMessage(input));
      expect(['bad_request', 'message_too_long'], path).toContain(error.code);
      expect(error.issues?.map((issue) => issue.path)).toContain(path);
    }
    const page = await server.storage.listMessages(conversationId, { limit: 10 });
    expect(page.messages).toEqual([]);
  });
});

describe('banter.admin.updateConversation', () => {
  it('stores title and metadata and tells each member, in their own view', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const { conversation } = await admin().createConversation({
      kind: 'group',
      userIds: [ann, bob],
    });
    const conversationId = conversation.id;
    const [annSocket, bobSocket] = [await server.connect(ann), await server.connect(bob)];
    await ok(annSocket, 'message:send', { conversationId, clientId: 'u1', body: 'hi' });
    const annHears = nextEvent(annSocket, 'conversation:updated', (c) => c.title === 'Sold');
    const bobHears = nextEvent(bobSocket, 'conversation:updated', (c) => c.title === 'Sold');
    await admin().updateConversation({
      conversationId,
      title: 'Sold',
      metadata: { listingId: 42, status: 'sold' },
    });
    const [annView, bobView] = [await annHears, await bobHears];
    expect(annView).toMatchObject({ metadata: { listingId: 42, status: 'sold' }, unreadCount: 0 });
    expect(bobView).toMatchObject({ metadata: { listingId: 42, status: 'sold' }, unreadCount: 1 });

    // A field left out keeps its value; null clears it.
    await admin().updateConversation({ conversationId, metadata: null });
    const stored = await server.storage.getConversation(conversationId, ann);
    expect(stored).toMatchObject({ title: 'Sold', metadata: null });
  });

  it('refuses invalid metadata and an unknown conversation, changing nothing', async () => {
    const [ann] = [user('ann')];
    const { conversation } = await admin().createConversation({
      kind: 'group',
      userIds: [ann],
      title: 'Kept',
      metadata: { kept: true },
    });
    const conversationId = conversation.id;
    const tooBig = await refusal(
      admin().updateConversation({ conversationId, metadata: { big: 'x'.repeat(5_000) } }),
    );
    expect(tooBig.code).toBe('bad_request');
    const deep = await refusal(
      admin().updateConversation({ conversationId, title: 'New', metadata: { bad: 'a\u0000b' } }),
    );
    expect(deep).toMatchObject({ code: 'bad_request' });
    const unknown = await refusal(
      admin().updateConversation({ conversationId: 'nope', title: 'x' }),
    );
    expect(unknown.code).toBe('not_found');
    const stored = await server.storage.getConversation(conversationId, ann);
    expect(stored).toMatchObject({ title: 'Kept', metadata: { kept: true } });
  });
});

describe('banter.admin.deleteMessage and removeParticipant', () => {
  it("deletes anyone's message as its sender's delete would", async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const { conversation } = await admin().createConversation({
      kind: 'group',
      userIds: [ann, bob],
    });
    const conversationId = conversation.id;
    const [annSocket, bobSocket] = [await server.connect(ann), await server.connect(bob)];
    const { message } = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'd1',
      body: 'abusive',
    });
    const bobSees = nextEvent(bobSocket, 'message:updated');
    const deleted = await admin().deleteMessage({ conversationId, messageId: message.id });
    expect(deleted).toMatchObject({ id: message.id, body: '', deletedAt: expect.any(String) });
    expect((await bobSees).deletedAt).not.toBeNull();
    const feed = await ok(bobSocket, 'message:changes', { conversationId, after: message.change });
    expect(feed.messages.map((m: Message) => m.id)).toEqual([message.id]);
    // Twice is no error; an unknown message is not_found.
    expect((await admin().deleteMessage({ conversationId, messageId: message.id })).id).toBe(
      message.id,
    );
    const unknown = await refusal(admin().deleteMessage({ conversationId, messageId: 'nope' }));
    expect(unknown.code).toBe('not_found');
  });

  it('removes anyone from a group, its owner too: they hear removed, the others updated', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const { conversation } = await admin().createConversation({
      kind: 'group',
      userIds: [ann, bob, cat],
    });
    const conversationId = conversation.id;
    const [annSocket, bobSocket] = [await server.connect(ann), await server.connect(bob)];
    const annRemoved = nextEvent(annSocket, 'conversation:removed');
    const bobUpdated = nextEvent(bobSocket, 'conversation:updated');
    await admin().removeParticipant({ conversationId, userId: ann });
    expect(await annRemoved).toEqual({ conversationId, reason: 'removed' });
    const view = await bobUpdated;
    expect(view.participants.map((p) => [p.userId, p.role])).toEqual([
      [bob, 'owner'],
      [cat, 'member'],
    ]);
    const again = await refusal(admin().removeParticipant({ conversationId, userId: ann }));
    expect(again.code).toBe('not_found');
    const direct = await admin().createConversation({ kind: 'direct', userIds: [bob, cat] });
    const fromDirect = await refusal(
      admin().removeParticipant({ conversationId: direct.conversation.id, userId: cat }),
    );
    expect(fromDirect.code).toBe('bad_request');
    expect(await server.storage.listParticipantIds(direct.conversation.id)).toEqual([bob, cat]);
  });
});

describe("Banter's own sender ids", () => {
  it('refuses a token that names one', async () => {
    for (const id of [systemSenderId, botSenderId('helper'), 'banter:erased']) {
      const socket = openSocket(server.url, await signToken(id));
      const error = await new Promise<{ data?: { code?: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      socket.disconnect();
      expect(error.data?.code).toBe('unauthenticated');
      const rest = await restCall(server.url, id, 'GET', '/conversations');
      expect(rest).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    }
  });
});

describe('banter.admin.ban and unban', () => {
  it('ends the user sessions with banned, refuses them until unbanned', async () => {
    const ann = user('ann');
    const socket = await server.connect(ann);
    const ended = nextEvent(socket, 'session:ended');
    expect(await admin().ban(ann, { reason: 'spam' })).toEqual({ banned: true, created: true });
    expect(await ended).toMatchObject({ code: 'banned' });
    await expect(server.connect(ann)).rejects.toMatchObject({ data: { code: 'banned' } });
    expect(await admin().unban(ann)).toEqual({ banned: false, removed: true });
    const again = await server.connect(ann);
    expect(again.connected).toBe(true);
    await expect(admin().ban(' ', {})).rejects.toMatchObject({ code: 'bad_request' });
  });
});
