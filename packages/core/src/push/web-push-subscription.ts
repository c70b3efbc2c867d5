import { ChatError, type ErrorPayload } from '../protocol';

/** Where a browser's push subscription is registered: the server's REST API, as the signed-in user. */
export interface PushSubscriptionOptions {
  /** The REST base: your server's URL and Banter's mount, e.g. `https://api.example/chat`. */
  restUrl: string;
  /** The same token source the chat client uses. */
  getToken: () => string | Promise<string>;
  /**
   * The registration of Banter's service worker (`@banter/core/service-worker.js`):
   * `await navigator.serviceWorker.register('/banter-sw.js')`.
   */
  registration: ServiceWorkerRegistration;
  /** For tests: the fetch to use. Default the global one. */
  fetch?: typeof fetch;
}

/**
 * What came of `subscribeToPush`: subscribed; the browser has no Web Push (`unsupported`);
 * the person said no to notifications (`denied`); or the server has push turned off (`disabled`).
 */
export type PushSubscribeResult =
  | {
      /** This browser now gets pushes for the signed-in user. */
      status: 'subscribed';
      /** The browser's subscription (its `endpoint` identifies it). */
      subscription: PushSubscription;
    }
  | {
      /** Why nothing was subscribed. */
      status: 'unsupported' | 'denied' | 'disabled';
    };

/** Whether this browser can receive Web Push at all (service workers, PushManager, Notification). */
export function isPushSupported(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof PushManager !== 'undefined' &&
    typeof Notification !== 'undefined'
  );
}

/**
 * Subscribes this browser to Web Push and registers it with the server for the signed-in user.
 * Call it from a user gesture (a click): the browser asks for notification permission if it has
 * not been given. Subscribing again is harmless (the server keeps one row per browser).
 *
 * @example
 * button.onclick = async () => {
 *   const registration = await navigator.serviceWorker.register('/banter-sw.js?open=/inbox');
 *   await subscribeToPush({ restUrl: 'https://api.example/chat', getToken, registration });
 * };
 */
export async function subscribeToPush(
  options: PushSubscriptionOptions,
): Promise<PushSubscribeResult> {
  if (!isPushSupported()) return { status: 'unsupported' };
  const { publicKey } = await call<{ publicKey: string | null }>(options, 'GET', '/push/config');
  if (!publicKey) return { status: 'disabled' };
  const { pushManager } = options.registration;
  let subscription = await pushManager.getSubscription();
  // A subscription made for another server key cannot carry this server's pushes: replace it.
  if (subscription && !sameKey(subscription.options.applicationServerKey, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  if (!subscription) {
    if (Notification.permission === 'denied') return { status: 'denied' };
    try {
      subscription = await pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: fromBase64url(publicKey),
      });
    } catch (error) {
      // The person may have said no in the prompt this call opened.
      if (permissionNow() === 'denied') return { status: 'denied' };
      throw ChatError.from(error, 'unavailable');
    }
  }
  await call(options, 'POST', '/push/subscriptions', subscription.toJSON());
  return { status: 'subscribed', subscription };
}

/**
 * Stops pushes to this browser: removes it from the server and unsubscribes it. Resolves with
 * whether there was a subscription. Call it at sign-out, before the token is gone.
 */
export async function unsubscribeFromPush(options: PushSubscriptionOptions): Promise<boolean> {
  if (!isPushSupported()) return false;
  const subscription = await options.registration.pushManager.getSubscription();
  if (!subscription) return false;
  await call(options, 'DELETE', '/push/subscriptions', { endpoint: subscription.endpoint });
  await subscription.unsubscribe();
  return true;
}

async function call<T>(
  options: PushSubscriptionOptions,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const send = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    authorization: `Bearer ${await options.getToken()}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await send(`${options.restUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw ChatError.from(error, 'unavailable');
  }
  const answer = (await response.json().catch(() => null)) as
    | { ok: true; data: T }
    | { ok: false; error: ErrorPayload }
    | null;
  if (answer?.ok === true) return answer.data;
  if (answer?.ok === false) throw ChatError.fromPayload(answer.error);
  throw new ChatError('unavailable', `unable to reach push routes: HTTP ${response.status}`);
}

/** Read afresh (TypeScript narrows `Notification.permission` across awaits otherwise). */
const permissionNow = (): NotificationPermission => Notification.permission;

function fromBase64url(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(key: ArrayBuffer | null, publicKey: string): boolean {
  if (!key) return false;
  const mine = new Uint8Array(key);
  const theirs = fromBase64url(publicKey);
  return mine.length === theirs.length && mine.every((byte, i) => byte === theirs[i]);
}
