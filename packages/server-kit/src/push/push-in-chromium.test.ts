import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
  type Worker,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.mjs';
import { ok, signToken, startExtraServer, type TestServer } from '../../test/harness';
import { type PushEndpoint, startPushEndpoint } from '../../test/push-endpoint';

/*
 * Banter's service worker and the core subscription helper in real Chromium (Debian's, headless),
 * against a real server and the local push endpoint. Headless Chromium has no push service to
 * reach here, so `pushManager.subscribe` is tried and its refusal recorded; the rest of the chain
 * is real: the helper's REST calls from the page, the server's encrypted push, and the
 * service worker's `push` and `notificationclick` handlers, dispatched inside the worker with
 * the payload the endpoint decrypted.
 */
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' };
const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

/** What the test uses of a service worker's global scope. */
interface WorkerScope {
  registration: { getNotifications(): Promise<Notification[]> };
  clients: object;
  dispatchEvent(event: Event): boolean;
  PushEvent: new (type: string, init: { data: string }) => Event;
  NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
}

let endpoint: PushEndpoint;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  endpoint = await startPushEndpoint(vapid.publicKey);
  server = await startExtraServer({
    push: {
      vapid,
      preview: 'text',
      agent: endpoint.agent,
      endpointAllowed: (url) => url.hostname === '127.0.0.1',
    },
    hooks: { getUsers: (ids) => ids.map((id) => ({ id, name: id.toUpperCase() })) },
  });
  // The host's part: serve the service worker from its origin, and its page.
  server.app.get('/banter-sw.js', (_req, res) => {
    res
      .type('text/javascript')
      .send(readFileSync(root('packages/core/service-worker/banter-sw.js')));
  });
  const helpers = buildSync({
    entryPoints: [root('packages/core/src/push/web-push-subscription.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'banterPush',
    write: false,
  }).outputFiles[0]?.text;
  server.app.get('/push-helpers.js', (_req, res) => res.type('text/javascript').send(helpers));
  server.app.get('/inbox', (_req, res) => {
    res
      .type('html')
      .send(`<!doctype html><title>Inbox</title><script src="/push-helpers.js"></script>
      <script>
        window.openRequests = [];
        navigator.serviceWorker.addEventListener('message', (event) => window.openRequests.push(event.data));
      </script>`);
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: server.url });
  page = await context.newPage();
  await page.goto(`${server.url}/inbox`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await endpoint?.close();
}, 60_000);

async function bannerWorker(): Promise<Worker> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/banter-sw.js?open=/inbox&title=New%20message');
    await navigator.serviceWorker.ready;
  });
  const worker = context.serviceWorkers().find((w) => w.url().includes('/banter-sw.js'));
  return worker ?? context.waitForEvent('serviceworker');
}

describe('Web Push in Chromium', () => {
  it('registers the service worker and tries pushManager.subscribe with the server key', async () => {
    await bannerWorker();
    const token = await signToken('ann');
    const outcome = await page.evaluate(
      async ({ restUrl, token }) => {
        const { isPushSupported, subscribeToPush } = (
          window as never as {
            banterPush: typeof import('../../../core/src/push/web-push-subscription');
          }
        ).banterPush;
        const registration = await navigator.serviceWorker.ready;
        try {
          const result = await subscribeToPush({ restUrl, getToken: () => token, registration });
          return { supported: isPushSupported(), status: result.status, error: null };
        } catch (error) {
          return {
            supported: isPushSupported(),
            status: null,
            error: String((error as Error).message),
          };
        }
      },
      { restUrl: `${server.url}/chat`, token },
    );
    expect(outcome.supported).toBe(true);
    // Either Chromium reached a push service (then the server stored the browser) or it
    // refused for want of one; say which in the test's output.
    console.info('pushManager.subscribe in headless Chromium:', outcome);
    if (outcome.status === 'subscribed') {
      expect(await server.storage.listPushEndpoints('ann')).toHaveLength(1);
    } else {
      expect(outcome.error).toMatch(/push service|Registration failed|AbortError/i);
      expect(await server.storage.listPushEndpoints('ann')).toEqual([]);
    }
  });

  it('subscribes through the helper, and the worker shows the pushed message and opens its conversation on click', async () => {
    const worker = await bannerWorker();
    const fake = endpoint.browser('bob-in-chromium');
    const token = await signToken('bob');
    // The browser's PushManager stands in for a push service Chromium cannot reach; the
    // helper's REST calls (config, then the subscription) are the real ones.
    const status = await page.evaluate(
      async ({ restUrl, token, subscription }) => {
        const { subscribeToPush } = (
          window as never as {
            banterPush: typeof import('../../../core/src/push/web-push-subscription');
          }
        ).banterPush;
        const pushManager = {
          getSubscription: async () => null,
          subscribe: async () => ({ endpoint: subscription.endpoint, toJSON: () => subscription }),
        };
        const registration = { pushManager } as unknown as ServiceWorkerRegistration;
        return (await subscribeToPush({ restUrl, getToken: () => token, registration })).status;
      },
      { restUrl: `${server.url}/chat`, token, subscription: fake.subscription },
    );
    expect(status).toBe('subscribed');
    expect(await server.storage.listPushEndpoints('bob')).toEqual([fake.subscription.endpoint]);

    const ann = await server.connect('ann');
    const { conversation } = await ok(ann, 'conversation:create', {
      kind: 'direct',
      userId: 'bob',
    });
    await ok(ann, 'message:send', {
      conversationId: conversation.id,
      clientId: 'c1',
      body: 'Your order shipped',
    });
    const push = await endpoint.nth(fake, 1);

    // The worker's own handlers, with the payload the push service would have handed it.
    const shown = await worker.evaluate(async (payload) => {
      // The worker's globals, typed here (the test is compiled with the DOM library, not WebWorker).
      const scope = self as unknown as WorkerScope;
      const { PushEvent, NotificationEvent } = scope;
      const dispatch = async (event: Event) => {
        const pending: Promise<unknown>[] = [];
        Object.defineProperty(event, 'waitUntil', {
          value: (p: Promise<unknown>) => pending.push(p),
        });
        scope.dispatchEvent(event);
        await Promise.all(pending);
      };
      await dispatch(new PushEvent('push', { data: JSON.stringify(payload) }));
      await dispatch(new PushEvent('push', { data: JSON.stringify({ not: 'banter' }) }));
      const notifications = await scope.registration.getNotifications();
      const list = notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
      const first = notifications[0];
      if (!first) return { list, opened: [] };
      await dispatch(new NotificationEvent('notificationclick', { notification: first }));
      // No tab of the app open: a new one at the configured page, naming the conversation.
      const opened: string[] = [];
      Object.assign(scope.clients, {
        matchAll: async () => [],
        openWindow: async (url: string) => {
          opened.push(url);
          return null;
        },
      });
      await dispatch(new NotificationEvent('notificationclick', { notification: first }));
      return { list, opened };
    }, push.payload);
    const { conversationId } = push.payload as { conversationId: string };
    expect(shown.list).toEqual([
      { title: 'ANN', body: 'Your order shipped', tag: `banter:${conversationId}` },
    ]);
    expect(shown.opened).toEqual([
      `${server.url}/inbox?banterConversation=${encodeURIComponent(conversationId)}`,
    ]);
    await expect
      .poll(() =>
        page.evaluate(() => (window as never as { openRequests: unknown[] }).openRequests),
      )
      .toEqual([{ type: 'banter:open-conversation', conversationId }]);
  });
});
