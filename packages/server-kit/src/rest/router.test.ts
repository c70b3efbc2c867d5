import { protocolLimits } from '@banter/core/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  nextEvent,
  request,
  settle,
  signToken,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';

const server = useTestServer({ limits: { requestRate: { perSecond: 5, burst: 30 } } });
const user = uniqueUsers();

beforeAll(() => {
  // The host's own routes, mounted around Banter's.
  server.app.get('/host/ping', (_req, res) => {
    res.json({ pong: true });
  });
  server.app.use((_req, res) => {
    res.status(404).send('host 404');
  });
});

async function call(
  userId: string | null,
  method: string,
  path: string,
  body?: unknown,
  raw?: string,
) {
  const headers: Record<string, string> = {};
  if (userId) headers.authorization = `Bearer ${await signToken(userId)}`;
  if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}/chat${path}`, {
    method,
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion to show
  }
  // biome-ignore lint/suspicious/noExplicitAny: assertions walk arbitrary response JSON
  return { status: response.status, headers: response.headers, json: json as Record<string, any> };
}

async function direct(a: string, b: string): Promise<string> {
  const created = await call(a, 'POST', '/conversations', { kind: 'direct', userId: b });
  return created.json.data.conversation.id;
}

/** A cursor whose date PostgreSQL cannot hold. */
const outOfRangeCursor = Buffer.from(JSON.stringify(['-200000-01-01T00:00:00.000Z', 'x'])).toString(
  'base64url',
);
/** Metadata nested far deeper than the protocol's depth limit, well under the body size limit. */
const deeplyNested = `{"kind":"direct","userId":"bob-x","metadata":{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}}`;

describe('REST routes', () => {
  it('refuses requests without a valid bearer token with 401 and a typed body', async () => {
    const missing = await call(null, 'GET', '/conversations');
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const expired = await fetch(`${server.url}/chat/conversations`, {
      headers: { authorization: `Bearer ${await signToken('ann', { expiresInSec: -30 })}` },
    });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await expired.json()).toMatchObject({
      error: { code: 'token_expired', retryable: true },
    });
  });

  it('sends with the same idempotency as the socket: 201 first, 200 with the stored message after', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await direct(ann, bob);
    const send = { clientId: 'rest-1', body: 'over REST', senderId: bob };
    const first = await call(ann, 'POST', `/conversations/${conversationId}/messages`, send);
    const retry = await call(ann, 'POST', `/conversations/${conversationId}/messages`, send);
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({ created: true, message: { seq: 1, senderId: ann } });
    expect(retry.status).toBe(200);
    expect(retry.json.data).toEqual({ created: false, message: first.json.data.message });
  });

  it('reaches connected sockets: a REST send arrives as message:new', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await direct(ann, bob);
    const bobSocket = await server.connect(bob);
    const arrives = nextEvent(bobSocket, 'message:new');
    await call(ann, 'POST', `/conversations/${conversationId}/messages`, {
      clientId: 'r',
      body: 'via fallback',
    });
    expect((await arrives).body).toBe('via fallback');
  });

  it('pages history, marks read, edits and deletes', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await direct(ann, bob);
    for (let i = 1; i <= 3; i++) {
      await call(ann, 'POST', `/conversations/${conversationId}/messages`, {
        clientId: `${i}`,
        body: `m${i}`,
      });
    }
    const newest = await call(bob, 'GET', `/conversations/${conversationId}/messages?limit=2`);
    expect(newest.json.data.messages.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
    expect(newest.json.data.hasMore).toBe(true);
    const after = await call(bob, 'GET', `/conversations/${conversationId}/messages?after=1`);
    expect(after.json.data.messages.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);

    const listBefore = await call(bob, 'GET', '/conversations');
    expect(listBefore.json.data.conversations[0]).toMatchObject({
      id: conversationId,
      unreadCount: 3,
    });
    const read = await call(bob, 'POST', `/conversations/${conversationId}/read`, { seq: 3 });
    expect(read.json.data).toMatchObject({ lastReadSeq: 3, lastDeliveredSeq: 3 });
    const listAfter = await call(bob, 'GET', '/conversations');
    expect(listAfter.json.data.conversations[0].unreadCount).toBe(0);

    const messageId = newest.json.data.messages[1].id;
    const edited = await call(
      ann,
      'PATCH',
      `/conversations/${conversationId}/messages/${messageId}`,
      { body: 'm3!' },
    );
    expect(edited.json.data.body).toBe('m3!');
    const notYours = await call(
      bob,
      'DELETE',
      `/conversations/${conversationId}/messages/${messageId}`,
    );
    expect(notYours.status).toBe(403);
    const deleted = await call(
      ann,
      'DELETE',
      `/conversations/${conversationId}/messages/${messageId}`,
    );
    expect(deleted.json.data.deletedAt).not.toBeNull();
  });

  it('answers the change feed like the socket, and 404 to a non-participant', async () => {
    const [ann, bob, eve] = [user('ann'), user('bob'), user('eve')];
    const conversationId = await direct(ann, bob);
    const path = `/conversations/${conversationId}`;
    for (let i = 1; i <= 3; i++) {
      await call(ann, 'POST', `${path}/messages`, { clientId: `${i}`, body: `m${i}` });
    }
    const history = await call(bob, 'GET', `${path}/messages`);
    const [first] = history.json.data.messages;
    await call(ann, 'PATCH', `${path}/messages/${first.id}`, { body: 'm1!' });

    const page = await call(bob, 'GET', `${path}/changes?after=1&limit=2`);
    expect(page.status).toBe(200);
    expect(page.json.data.messages.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
    expect([page.json.data.lastChange, page.json.data.hasMore]).toEqual([3, true]);
    const rest = await call(bob, 'GET', `${path}/changes?after=3`);
    expect(rest.json.data).toMatchObject({ lastChange: 4, hasMore: false });
    expect(rest.json.data.messages).toMatchObject([{ id: first.id, body: 'm1!', change: 4 }]);

    for (const outsider of [`${path}/changes?after=0`, '/conversations/nope/changes?after=0']) {
      const refused = await call(eve, 'GET', outsider);
      expect([refused.status, refused.json.error.code]).toEqual([404, 'not_found']);
    }
    const missingAfter = await call(bob, 'GET', `${path}/changes`);
    expect([missingAfter.status, missingAfter.json.error.code]).toEqual([400, 'bad_request']);
  });

  it('adds and removes reactions, reaching sockets as message:reacted, and pages around a seq', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await direct(ann, bob);
    const path = `/conversations/${conversationId}/messages`;
    for (let i = 1; i <= 3; i++) await call(ann, 'POST', path, { clientId: `${i}`, body: `m${i}` });
    const around = await call(bob, 'GET', `${path}?around=2&limit=1`);
    expect(around.json.data).toMatchObject({ hasMore: true, hasMoreAfter: true });
    const [message] = around.json.data.messages;
    expect(message.seq).toBe(2);

    const bobSocket = await server.connect(bob);
    const hears = nextEvent(bobSocket, 'message:reacted');
    const added = await call(ann, 'POST', `${path}/${message.id}/reactions`, { emoji: '❤️' });
    expect(added.status).toBe(200);
    expect(added.json.data.reactions).toEqual([
      { emoji: '❤', count: 1, userIds: [ann], reacted: true },
    ]);
    expect(await hears).toEqual({
      message: { ...added.json.data, reactions: [{ emoji: '❤', count: 1, userIds: [ann] }] },
      userId: ann,
      emoji: '❤',
      added: true,
    });
    // Either form of the heart in the path names the one reaction.
    const removed = await call(
      ann,
      'DELETE',
      `${path}/${message.id}/reactions/${encodeURIComponent('❤')}`,
    );
    expect([removed.status, removed.json.data.reactions]).toEqual([200, []]);
    const again = await call(
      ann,
      'DELETE',
      `${path}/${message.id}/reactions/${encodeURIComponent('❤️')}`,
    );
    expect(again.json.data).toEqual(removed.json.data);
  });

  it('refuses reactions with the same codes as the socket', async () => {
    const [ann, bob, cat, eve] = [user('ann'), user('bob'), user('cat'), user('eve')];
    const conversationId = await direct(ann, bob);
    const elsewhere = await direct(ann, cat);
    const send = async (id: string, clientId: string) =>
      (await call(ann, 'POST', `/conversations/${id}/messages`, { clientId, body: 'x' })).json.data
        .message.id as string;
    const [live, gone, foreign] = [
      await send(conversationId, 'live'),
      await send(conversationId, 'gone'),
      await send(elsewhere, 'foreign'),
    ];
    await call(ann, 'DELETE', `/conversations/${conversationId}/messages/${gone}`);
    // Ann has reacted with as many different emoji as one user may.
    const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋'];
    for (const each of emoji.slice(0, protocolLimits.reactionsPerUserPerMessage)) {
      await server.storage.addReaction({
        conversationId,
        messageId: live,
        userId: ann,
        emoji: each,
        now: new Date(),
      });
    }
    const cases: [string, { messageId: string; emoji: string }, number, string][] = [
      [eve, { messageId: live, emoji: '👍' }, 404, 'not_found'],
      [bob, { messageId: 'no-such-message', emoji: '👍' }, 404, 'not_found'],
      [bob, { messageId: foreign, emoji: '👍' }, 404, 'not_found'],
      [bob, { messageId: gone, emoji: '👍' }, 404, 'not_found'],
      [ann, { messageId: live, emoji: emoji[10] as string }, 409, 'limit_reached'],
      [bob, { messageId: live, emoji: 'abc' }, 400, 'bad_request'],
      [bob, { messageId: live, emoji: '👍'.repeat(250) }, 400, 'bad_request'],
    ];
    const sockets = new Map<string, Awaited<ReturnType<typeof server.connect>>>();
    for (const [who, target, status, code] of cases) {
      if (!sockets.has(who)) sockets.set(who, await server.connect(who));
      const overRest = await call(
        who,
        'POST',
        `/conversations/${conversationId}/messages/${target.messageId}/reactions`,
        { emoji: target.emoji },
      );
      const overSocket = await request(sockets.get(who) as never, 'reaction:add', {
        conversationId,
        ...target,
      });
      expect([overRest.status, overRest.json.error?.code], code).toEqual([status, code]);
      expect(overSocket, code).toEqual({ ok: false, error: overRest.json.error });
    }
    // Nothing refused was stored: only Ann's own reactions, and the two sends and a delete.
    await settle();
    const view = await call(bob, 'GET', `/conversations/${conversationId}`);
    expect(view.json.data.lastChange).toBe(3 + protocolLimits.reactionsPerUserPerMessage);
  });

  it('archives and mutes, and lists archived conversations', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await direct(ann, bob);
    const archived = await call(ann, 'POST', `/conversations/${conversationId}/archive`, {
      archived: true,
    });
    expect(archived.json.data.archived).toBe(true);
    const muted = await call(ann, 'POST', `/conversations/${conversationId}/mute`, { muted: true });
    expect(muted.json.data.muted).toBe(true);
    const list = await call(ann, 'GET', '/conversations?archived=true');
    expect(list.json.data.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
  });

  it('maps every refusal to a 4xx with a typed body, never a 500 or a stack', async () => {
    const [ann, bob, eve] = [user('ann'), user('bob'), user('eve')];
    const conversationId = await direct(ann, bob);
    const cases: [Promise<Awaited<ReturnType<typeof call>>>, number, string][] = [
      [call(eve, 'GET', `/conversations/${conversationId}/messages`), 404, 'not_found'],
      [call(eve, 'GET', '/conversations/nope/messages'), 404, 'not_found'],
      [
        call(ann, 'POST', `/conversations/${conversationId}/messages`, { body: 'no clientId' }),
        400,
        'bad_request',
      ],
      [
        call(ann, 'POST', `/conversations/${conversationId}/messages`, undefined, '{"clientId": '),
        400,
        'bad_request',
      ],
      [call(ann, 'POST', `/conversations/${conversationId}/messages`, [1, 2]), 400, 'bad_request'],
      [
        call(ann, 'POST', `/conversations/${conversationId}/messages`, {
          clientId: 'x',
          body: 'y'.repeat(4001),
        }),
        400,
        'message_too_long',
      ],
      [
        call(ann, 'POST', `/conversations/${conversationId}/messages`, {
          clientId: 'x',
          body: 'y'.repeat(70_000),
        }),
        413,
        'payload_too_large',
      ],
      [call(ann, 'GET', `/conversations/${conversationId}/messages?limit=abc`), 400, 'bad_request'],
      [call(ann, 'GET', '/conversations?cursor=nonsense'), 400, 'bad_request'],
      [call(ann, 'GET', `/conversations?cursor=${outOfRangeCursor}`), 400, 'bad_request'],
      [call(ann, 'POST', '/conversations', undefined, deeplyNested), 400, 'payload_too_deep'],
      [
        call(ann, 'POST', '/conversations', {
          kind: 'direct',
          userId: bob,
          metadata: { note: '€'.repeat(2_000) },
        }),
        400,
        'bad_request',
      ],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect([response.status, response.json?.error?.code]).toEqual([status, code]);
      expect(JSON.stringify(response.json)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('answers 429 with Retry-After when one user floods', async () => {
    const flooder = user('flood');
    const token = await signToken(flooder);
    const responses = await Promise.all(
      Array.from({ length: 45 }, () =>
        fetch(`${server.url}/chat/conversations`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call(user('calm'), 'GET', '/conversations')).status).toBe(200);
  });

  it('leaves the host’s routes, 404s and headers alone', async () => {
    const ping = await fetch(`${server.url}/host/ping`);
    expect(await ping.json()).toEqual({ pong: true });
    const unknown = await fetch(`${server.url}/chat/not-a-banter-route`);
    expect([unknown.status, await unknown.text()]).toEqual([404, 'host 404']);
    expect(ping.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports storage health without a token', async () => {
    const health = await call(null, 'GET', '/health');
    expect(health).toMatchObject({ status: 200, json: { ok: true, data: { storage: 'up' } } });
  });
});
