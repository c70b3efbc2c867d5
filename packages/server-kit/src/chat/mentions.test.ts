import { describe, expect, it } from 'vitest';
import { ok, request, restCall, uniqueUsers, useTestServer } from '../../test/harness';

const server = useTestServer();
const user = uniqueUsers();

/** A group of ann (the owner), bob and cat, and ann's socket. */
async function threeOfUs() {
  const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
  const socket = await server.connect(ann);
  const { conversation } = await ok(socket, 'conversation:create', {
    kind: 'group',
    participantIds: [bob, cat],
  });
  return { ann, bob, cat, socket, conversationId: conversation.id as string };
}

describe('mentions', () => {
  it('are stored with the message and counted as the mentioned person’s unread mentions, over socket and REST', async () => {
    const { ann, bob, cat, socket, conversationId } = await threeOfUs();
    const mentions = [{ userId: bob, start: 6, end: 9 }];
    const { message } = await ok(socket, 'message:send', {
      conversationId,
      clientId: 'm1',
      body: 'Hello bob 👋',
      mentions,
    });
    expect(message.mentions).toEqual(mentions);
    const bobSocket = await server.connect(bob);
    const bobView = await ok(bobSocket, 'conversation:get', { conversationId });
    expect([bobView.unreadCount, bobView.unreadMentions]).toEqual([1, 1]);
    const listed = await restCall<{ conversations: { id: string; unreadMentions: number }[] }>(
      server.url,
      cat,
      'GET',
      '/conversations',
    );
    expect(listed.body.ok && listed.body.data.conversations[0]?.unreadMentions).toBe(0);
    const byRest = await restCall<{ message: { mentions: unknown } }>(
      server.url,
      cat,
      'POST',
      `/conversations/${conversationId}/messages`,
      { clientId: 'r1', body: 'and ann', mentions: [{ userId: ann, start: 4, end: 7 }] },
    );
    expect(byRest.status).toBe(201);
    expect((await ok(socket, 'conversation:get', { conversationId })).unreadMentions).toBe(1);
    // Reading resets it.
    await ok(bobSocket, 'receipt:read', { conversationId, seq: 2 });
    expect((await ok(bobSocket, 'conversation:get', { conversationId })).unreadMentions).toBe(0);
  });

  it('naming a non-participant or a range outside the body is refused as bad_request, and nothing is written', async () => {
    const { bob, socket, conversationId } = await threeOfUs();
    const stranger = user('eve');
    const send = (mentions: unknown, body = 'hi bob and eve') =>
      request(socket, 'message:send', { conversationId, clientId: 'x', body, mentions });
    expect(await send([{ userId: stranger, start: 11, end: 14 }])).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        issues: [{ path: 'mentions.0.userId', message: 'not a participant of this conversation' }],
      },
    });
    expect(await send([{ userId: bob, start: 3, end: 99 }])).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'mentions.0' }] },
    });
    expect(await send([{ userId: bob, start: 3, end: 3 }])).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'mentions.0' }] },
    });
    // Cutting an emoji in half.
    expect(await send([{ userId: bob, start: 0, end: 1 }], '👋 bob')).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'mentions.0' }] },
    });
    const byRest = await restCall(
      server.url,
      bob,
      'POST',
      `/conversations/${conversationId}/messages`,
      { clientId: 'y', body: 'eve', mentions: [{ userId: stranger, start: 0, end: 3 }] },
    );
    expect([byRest.status, byRest.body.ok || byRest.body.error.code]).toEqual([400, 'bad_request']);
    const view = await ok(socket, 'conversation:get', { conversationId });
    expect([view.lastSeq, view.lastChange]).toEqual([0, 0]);
  });

  it('an edit replaces the mentions with the new text’s, or clears them, and refuses non-participants', async () => {
    const { bob, cat, socket, conversationId } = await threeOfUs();
    const { message } = await ok(socket, 'message:send', {
      conversationId,
      clientId: 'e1',
      body: 'bob?',
      mentions: [{ userId: bob, start: 0, end: 3 }],
    });
    const edit = (body: string, mentions?: unknown) =>
      request(socket, 'message:edit', { conversationId, messageId: message.id, body, mentions });
    // Given in any order, stored in body order.
    const recast = await edit('cat? bob?', [
      { userId: bob, start: 5, end: 8 },
      { userId: cat, start: 0, end: 3 },
    ]);
    expect(recast.ok && recast.data.mentions).toEqual([
      { userId: cat, start: 0, end: 3 },
      { userId: bob, start: 5, end: 8 },
    ]);
    const catSocket = await server.connect(cat);
    expect((await ok(catSocket, 'conversation:get', { conversationId })).unreadMentions).toBe(1);
    expect(await edit('eve?', [{ userId: user('eve'), start: 0, end: 3 }])).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'mentions.0.userId' }] },
    });
    const cleared = await edit('anyone?');
    expect(cleared.ok && cleared.data.mentions).toEqual([]);
    expect((await ok(catSocket, 'conversation:get', { conversationId })).unreadMentions).toBe(0);
  });
});
