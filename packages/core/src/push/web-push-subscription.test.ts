import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../protocol';
import { isPushSupported, subscribeToPush, unsubscribeFromPush } from './web-push-subscription';

// The helper's decisions, with the browser's objects stood in for (Node has none of them);
// the real browser and server run in server-kit's push-in-chromium.test.ts.
const publicKey = Buffer.alloc(65, 4).toString('base64url');
const subscriptionJson = {
  endpoint: 'https://push.example/abc',
  keys: { p256dh: 'p', auth: 'a' },
};

function fakeBrowser(permission: NotificationPermission) {
  vi.stubGlobal('navigator', { serviceWorker: {} });
  vi.stubGlobal('PushManager', class {});
  vi.stubGlobal('Notification', { permission });
}

function fakeServer(configKey: string | null, failWith?: { code: string; message: string }) {
  const calls: { method: string; url: string; body: unknown; auth: string | null }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({
      method: init.method ?? 'GET',
      url,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      auth: new Headers(init.headers).get('authorization'),
    });
    if (failWith && init.method === 'POST') {
      return new Response(JSON.stringify({ ok: false, error: { ...failWith, retryable: false } }), {
        status: 400,
      });
    }
    const data = url.endsWith('/push/config') ? { publicKey: configKey } : { ok: 1 };
    return new Response(JSON.stringify({ ok: true, data }));
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function registration(existing: { key: Uint8Array } | null = null) {
  const unsubscribe = vi.fn(async () => true);
  const made = {
    endpoint: subscriptionJson.endpoint,
    options: { applicationServerKey: existing?.key.buffer ?? null },
    toJSON: () => subscriptionJson,
    unsubscribe,
  };
  const pushManager = {
    getSubscription: vi.fn(async () => (existing ? made : null)),
    subscribe: vi.fn(async (_options: PushSubscriptionOptionsInit) => made),
  };
  return {
    registration: { pushManager } as unknown as ServiceWorkerRegistration,
    pushManager,
    unsubscribe,
  };
}

beforeEach(() => fakeBrowser('default'));
afterEach(() => vi.unstubAllGlobals());

describe('subscribeToPush', () => {
  it('subscribes with the server key and registers the subscription with the token', async () => {
    const server = fakeServer(publicKey);
    const { registration: reg, pushManager } = registration();
    const result = await subscribeToPush({
      restUrl: 'https://api.example/chat/',
      getToken: () => 't1',
      registration: reg,
      fetch: server.fetch,
    });
    expect(result.status).toBe('subscribed');
    const options = pushManager.subscribe.mock.calls[0]?.[0] as PushSubscriptionOptionsInit;
    expect(options.userVisibleOnly).toBe(true);
    expect(Buffer.from(options.applicationServerKey as Uint8Array).toString('base64url')).toBe(
      publicKey,
    );
    expect(server.calls.map((c) => [c.method, c.url, c.auth])).toEqual([
      ['GET', 'https://api.example/chat/push/config', 'Bearer t1'],
      ['POST', 'https://api.example/chat/push/subscriptions', 'Bearer t1'],
    ]);
    expect(server.calls[1]?.body).toEqual(subscriptionJson);
  });

  it('replaces a subscription made for another server key', async () => {
    const server = fakeServer(publicKey);
    const {
      registration: reg,
      pushManager,
      unsubscribe,
    } = registration({
      key: new Uint8Array(65).fill(9),
    });
    await subscribeToPush({
      restUrl: 'https://a/chat',
      getToken: () => 't',
      registration: reg,
      fetch: server.fetch,
    });
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(pushManager.subscribe).toHaveBeenCalledTimes(1);
  });

  it('answers unsupported, disabled and denied without asking the browser', async () => {
    const { registration: reg, pushManager } = registration();
    const options = { restUrl: 'https://a/chat', getToken: () => 't', registration: reg };
    expect((await subscribeToPush({ ...options, fetch: fakeServer(null).fetch })).status).toBe(
      'disabled',
    );
    fakeBrowser('denied');
    expect((await subscribeToPush({ ...options, fetch: fakeServer(publicKey).fetch })).status).toBe(
      'denied',
    );
    vi.stubGlobal('navigator', {});
    expect(isPushSupported()).toBe(false);
    expect((await subscribeToPush({ ...options, fetch: fakeServer(publicKey).fetch })).status).toBe(
      'unsupported',
    );
    expect(pushManager.subscribe).not.toHaveBeenCalled();
  });

  it("rejects with the server's typed error", async () => {
    const server = fakeServer(publicKey, { code: 'limit_reached', message: 'at most 10 browsers' });
    const { registration: reg } = registration();
    const failure = subscribeToPush({
      restUrl: 'https://a/chat',
      getToken: () => 't',
      registration: reg,
      fetch: server.fetch,
    });
    await expect(failure).rejects.toBeInstanceOf(ChatError);
    await expect(failure).rejects.toMatchObject({ code: 'limit_reached' });
  });
});

describe('unsubscribeFromPush', () => {
  it('removes the browser from the server, then unsubscribes it', async () => {
    const server = fakeServer(publicKey);
    const { registration: reg, unsubscribe } = registration({ key: new Uint8Array(65) });
    const removed = await unsubscribeFromPush({
      restUrl: 'https://a/chat',
      getToken: () => 't',
      registration: reg,
      fetch: server.fetch,
    });
    expect(removed).toBe(true);
    expect(server.calls.map((c) => [c.method, c.body])).toEqual([
      ['DELETE', { endpoint: subscriptionJson.endpoint }],
    ]);
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});
