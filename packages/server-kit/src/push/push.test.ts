import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import webpush from 'web-push';
import { ok, restCall, startExtraServer, type TestServer, uniqueUsers } from '../../test/harness';
import { type PushEndpoint, startPushEndpoint, type TestBrowser } from '../../test/push-endpoint';
import { knownPushService, type PushPreview } from './push-options';
import { pushTopic } from './push-payload';

// End to end: REST subscription, a message over the socket, the push encrypted by web-push,
// received by a local https push service that decrypts it as a browser would (RFC 8291).
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' };
const user = uniqueUsers();
const hooks = {
  getUsers: (ids: string[]) => ids.map((id) => ({ id, name: `Name of ${id}` })),
};

let endpoint: PushEndpoint;
const servers = new Map<PushPreview, TestServer>();
const server = (preview: PushPreview) => servers.get(preview) as TestServer;

beforeAll(async () => {
  endpoint = await startPushEndpoint(vapid.publicKey);
  for (const preview of ['text', 'sender', 'none'] as const) {
    servers.set(
      preview,
      await startExtraServer({
        hooks,
        push: {
          vapid,
          preview,
          agent: endpoint.agent,
          retryDelayMs: 5,
          maxSubscriptionsPerUser: 2,
          // The local push service; other hosts keep being refused (see the bad-input test).
          endpointAllowed: (url) => url.hostname === '127.0.0.1',
        },
      }),
    );
  }
}, 120_000);

afterAll(async () => {
  for (const s of servers.values()) await s.close();
  await endpoint?.close();
}, 120_000);

async function subscribe(on: TestServer, userId: string, browser: TestBrowser) {
  const answer = await restCall(
    on.url,
    userId,
    'POST',
    '/push/subscriptions',
    browser.subscription,
  );
  expect(answer.status).toBe(201);
}

/** A group of Ann (sender, connected) and the given others; returns its id and Ann's socket. */
async function groupOf(on: TestServer, others: string[], title = 'Team') {
  const ann = user('ann');
  const socket = await on.connect(ann);
  const { conversation } = await ok(socket, 'conversation:create', {
    kind: 'group',
    participantIds: others,
    title,
  });
  return { ann, socket, conversationId: conversation.id };
}

const send = (socket: Parameters<typeof ok>[0], conversationId: string, body: string) =>
  ok(socket, 'message:send', { conversationId, clientId: crypto.randomUUID(), body });

describe('push subscriptions over REST', () => {
  it('give the public key, store a browser, and remove it', async () => {
    const on = server('text');
    const bob = user('bob');
    expect((await restCall(on.url, bob, 'GET', '/push/config')).body).toEqual({
      ok: true,
      data: { publicKey: vapid.publicKey },
    });
    const browser = endpoint.browser(`${bob}-laptop`);
    await subscribe(on, bob, browser);
    expect(await on.storage.listPushEndpoints(bob)).toEqual([browser.subscription.endpoint]);
    const removed = await restCall(on.url, bob, 'DELETE', '/push/subscriptions', {
      endpoint: browser.subscription.endpoint,
    });
    expect(removed.body).toEqual({ ok: true, data: { removed: true } });
    expect(await on.storage.listPushEndpoints(bob)).toEqual([]);
  });

  it('refuse malformed, non-https, wrongly sized and huge subscriptions, and more than the cap', async () => {
    const on = server('text');
    const bob = user('bob');
    const good = endpoint.browser(`${bob}-a`).subscription;
    const bad: [unknown, number][] = [
      [[], 400],
      [{}, 400],
      [{ ...good, endpoint: 'http://127.0.0.1/push/x' }, 400],
      [{ ...good, endpoint: 'https://user:pw@push.example/x' }, 400],
      [{ ...good, endpoint: 'not a url' }, 400],
      [{ ...good, endpoint: `https://push.example/${'x'.repeat(2_000)}` }, 400],
      [{ ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 40) } }, 400],
      [{ ...good, keys: { ...good.keys, auth: Buffer.alloc(32).toString('base64url') } }, 400],
      [{ ...good, keys: { ...good.keys, auth: '***' } }, 400],
      [{ ...good, keys: null }, 400],
      [{ ...good, padding: 'x'.repeat(10_000) }, 413],
      // Not a push service this server sends to: never a request to an arbitrary host.
      [{ ...good, endpoint: 'https://10.0.0.1/admin' }, 400],
    ];
    for (const [body, status] of bad) {
      const answer = await restCall(on.url, bob, 'POST', '/push/subscriptions', body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(answer.body.ok).toBe(false);
    }
    expect(await on.storage.listPushEndpoints(bob)).toEqual([]);
    expect((await restCall(on.url, bob, 'DELETE', '/push/subscriptions', {})).status).toBe(400);

    await subscribe(on, bob, endpoint.browser(`${bob}-1`));
    await subscribe(on, bob, endpoint.browser(`${bob}-2`));
    const third = await restCall(
      on.url,
      bob,
      'POST',
      '/push/subscriptions',
      endpoint.browser(`${bob}-3`).subscription,
    );
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    expect(await on.storage.listPushEndpoints(bob)).toHaveLength(2);
    // Subscribing a browser already held again replaces it, within the cap.
    await subscribe(on, bob, endpoint.browser(`${bob}-1`));
  });

  it('say push is off on a server without the option', async () => {
    const off = await startExtraServer();
    try {
      const bob = user('bob');
      expect((await restCall(off.url, bob, 'GET', '/push/config')).body).toEqual({
        ok: true,
        data: { publicKey: null },
      });
      const body = endpoint.browser(`${bob}-off`).subscription;
      const answer = await restCall(off.url, bob, 'POST', '/push/subscriptions', body);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await off.close();
    }
  });

  it('need a token', async () => {
    const response = await fetch(`${server('text').url}/chat/push/config`);
    expect(response.status).toBe(401);
  });
});

describe('pushes after a message', () => {
  it('reach offline, unmuted recipients only, decrypted with the text preview, collapsed per conversation', async () => {
    const on = server('text');
    const [bob, cat, dan] = [user('bob'), user('cat'), user('dan')];
    const [bobs, cats, dans] = [bob, cat, dan].map((id) => endpoint.browser(`${id}-phone`)) as [
      TestBrowser,
      TestBrowser,
      TestBrowser,
    ];
    await subscribe(on, bob, bobs);
    await subscribe(on, cat, cats);
    await subscribe(on, dan, dans);
    const { ann, socket, conversationId } = await groupOf(on, [bob, cat, dan]);
    await on.connect(bob); // Bob is online: the socket tells him, no push.
    await restCall(on.url, dan, 'POST', `/conversations/${conversationId}/mute`, { muted: true });

    const { message } = await send(socket, conversationId, 'Lunch at noon? 🍕');
    const push = await endpoint.nth(cats, 1);
    expect(push.payload).toEqual({
      v: 1,
      tag: `banter:${conversationId}`,
      conversationId,
      messageId: message.id,
      seq: message.seq,
      sender: { id: ann, name: `Name of ${ann}` },
      conversationTitle: 'Team',
      text: 'Lunch at noon? 🍕',
    });
    expect(push.topic).toBe(pushTopic(conversationId));
    expect(push.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(push.ttl).toBe('86400');
    expect(push.vapidClaims.sub).toBe('mailto:ops@example.com');
    // Bob and Dan were left out in the same step that chose Cat.
    expect(endpoint.hits(bobs)).toBe(0);
    expect(endpoint.hits(dans)).toBe(0);

    const second = await send(socket, conversationId, 'x'.repeat(500));
    const next = await endpoint.nth(cats, 2);
    expect(next.topic).toBe(push.topic);
    expect(next.payload).toMatchObject({ tag: push.payload && `banter:${conversationId}` });
    expect((next.payload as { text: string }).text).toBe(`${'x'.repeat(199)}…`);
    expect((next.payload as { seq: number }).seq).toBe(second.message.seq);
    expect(endpoint.hits(bobs) + endpoint.hits(dans)).toBe(0);
  });

  it("show the sender but no text with preview 'sender', and only ids with 'none'", async () => {
    for (const preview of ['sender', 'none'] as const) {
      const on = server(preview);
      const bob = user('bob');
      const browser = endpoint.browser(`${bob}-${preview}`);
      await subscribe(on, bob, browser);
      const { ann, socket, conversationId } = await groupOf(on, [bob], 'Secret plans');
      const { message } = await send(socket, conversationId, 'the password is swordfish');
      const { payload } = await endpoint.nth(browser, 1);
      const ids = { v: 1, tag: `banter:${conversationId}`, conversationId, messageId: message.id };
      if (preview === 'sender') {
        expect(payload).toEqual({
          ...ids,
          seq: message.seq,
          sender: { id: ann, name: `Name of ${ann}` },
          conversationTitle: 'Secret plans',
        });
      } else {
        expect(payload).toEqual({ ...ids, seq: message.seq });
      }
    }
  });

  it('remove subscriptions the push service answers 404 or 410 for, and retry other failures', async () => {
    const on = server('none');
    const [bob, cat, dan] = [user('bob'), user('cat'), user('dan')];
    const gone = endpoint.browser(`${bob}-gone`);
    const missing = endpoint.browser(`${cat}-missing`);
    const flaky = endpoint.browser(`${dan}-flaky`);
    await subscribe(on, bob, gone);
    await subscribe(on, cat, missing);
    await subscribe(on, dan, flaky);
    endpoint.answer(gone, [410]);
    endpoint.answer(missing, [404]);
    endpoint.answer(flaky, [500, 503]);
    const { socket, conversationId } = await groupOf(on, [bob, cat, dan]);
    await send(socket, conversationId, 'hello');

    await endpoint.nth(flaky, 1);
    expect(endpoint.hits(flaky)).toBe(3);
    await vi.waitFor(async () => {
      expect(await on.storage.listPushEndpoints(bob)).toEqual([]);
      expect(await on.storage.listPushEndpoints(cat)).toEqual([]);
    });
    expect(await on.storage.listPushEndpoints(dan)).toEqual([flaky.subscription.endpoint]);
  });

  it("never hold the sender's ack: it comes while the push service has not answered", async () => {
    const on = server('none');
    const bob = user('bob');
    const browser = endpoint.browser(`${bob}-slow`);
    await subscribe(on, bob, browser);
    const release = endpoint.hold(browser);
    const { socket, conversationId } = await groupOf(on, [bob]);
    const { message } = await send(socket, conversationId, 'hi');
    expect(endpoint.received.filter((p) => p.browser === browser.name)).toEqual([]);
    release();
    expect((await endpoint.nth(browser, 1)).payload).toMatchObject({ messageId: message.id });
  });
});

describe('knownPushService', () => {
  it('allows the push services of the major browsers and nothing else', () => {
    const allowed = [
      'https://fcm.googleapis.com/fcm/send/abc',
      'https://updates.push.services.mozilla.com/wpush/v2/abc',
      'https://wns2-par02p.notify.windows.com/w/?token=abc',
      'https://web.push.apple.com/abc',
    ];
    const refused = [
      'https://127.0.0.1/push',
      'https://fcm.googleapis.com.evil.example/x',
      'https://notify.windows.com.evil.example/x',
      'https://metadata.internal/x',
    ];
    expect(allowed.map((u) => knownPushService(new URL(u)))).toEqual(allowed.map(() => true));
    expect(refused.map((u) => knownPushService(new URL(u)))).toEqual(refused.map(() => false));
  });
});
