import type { Agent } from 'node:https';

/** What a push says about the message: nothing, who sent it, or who and what. */
export type PushPreview = 'none' | 'sender' | 'text';

/** Web Push for participants with no connected device; see the README's Push section. */
export interface PushOptions {
  /**
   * Your VAPID key pair (`npx web-push generate-vapid-keys`, base64url) and a contact for push
   * services: `mailto:` or `https:` URL. Keep the private key secret; clients get the public one.
   */
  vapid: {
    /** The public key, base64url (65 bytes decoded). */
    publicKey: string;
    /** The private key, base64url (32 bytes decoded). */
    privateKey: string;
    /** `mailto:ops@example.com` or an `https:` URL where the push service can reach you. */
    subject: string;
  };
  /**
   * What leaves your server inside the (encrypted) payload. `'none'` (default): only which
   * conversation has news; `'sender'`: also the sender's name and the conversation's title;
   * `'text'`: also the message text, cut to 200 characters.
   */
  preview?: PushPreview;
  /** Subscriptions (browsers) one user may register; the next is refused. Default 10. */
  maxSubscriptionsPerUser?: number;
  /** Pushes in flight at once on this node. Default 8. */
  maxConcurrent?: number;
  /** Tries per push when the push service fails (not 404/410). Default 3. */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each next one. Default 1,000 ms. */
  retryDelayMs?: number;
  /** How long a push service keeps an undelivered push, in seconds. Default 86,400 (a day). */
  ttlSeconds?: number;
  /** The HTTPS agent for requests to push services (a proxy, or a test CA). Default Node's. */
  agent?: Agent;
  /**
   * Which push services a subscription may point at. Your server POSTs to every endpoint, so an
   * arbitrary URL would let any user aim it at hosts of your network. Default
   * `knownPushService`: the services of Chrome, Firefox, Edge and Safari.
   */
  endpointAllowed?: (url: URL) => boolean;
}

const pushServiceHosts = new Set([
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
]);

/** Whether a URL is on the push service of a major browser (the default of `endpointAllowed`). */
export function knownPushService(url: URL): boolean {
  const host = url.hostname;
  return (
    pushServiceHosts.has(host) ||
    host.endsWith('.notify.windows.com') ||
    host.endsWith('.push.apple.com')
  );
}

/** `PushOptions` with every default applied and checked. */
export type ResolvedPush = Required<Omit<PushOptions, 'agent'>> & { agent: Agent | undefined };

const base64url = /^[A-Za-z0-9_-]+$/;

/** Applies the defaults and refuses a configuration that could never push. */
export function resolvePush(options: PushOptions): ResolvedPush {
  const { publicKey, privateKey, subject } = options.vapid ?? {};
  if (!publicKey || !base64url.test(publicKey) || Buffer.from(publicKey, 'base64url').length !== 65)
    throw new TypeError('push.vapid.publicKey must be a base64url P-256 public key (65 bytes)');
  if (
    !privateKey ||
    !base64url.test(privateKey) ||
    Buffer.from(privateKey, 'base64url').length !== 32
  )
    throw new TypeError('push.vapid.privateKey must be a base64url P-256 private key (32 bytes)');
  if (!subject || !/^(mailto:|https:\/\/)/.test(subject))
    throw new TypeError('push.vapid.subject must be a mailto: or https: URL');
  const preview = options.preview ?? 'none';
  if (!['none', 'sender', 'text'].includes(preview))
    throw new TypeError("push.preview must be 'none', 'sender' or 'text'");
  const positive = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`push.${name} must be a positive integer`);
    return value;
  };
  return {
    vapid: { publicKey, privateKey, subject },
    preview,
    maxSubscriptionsPerUser: positive(
      'maxSubscriptionsPerUser',
      options.maxSubscriptionsPerUser ?? 10,
    ),
    maxConcurrent: positive('maxConcurrent', options.maxConcurrent ?? 8),
    maxAttempts: positive('maxAttempts', options.maxAttempts ?? 3),
    retryDelayMs: Math.max(0, options.retryDelayMs ?? 1_000),
    ttlSeconds: positive('ttlSeconds', options.ttlSeconds ?? 86_400),
    agent: options.agent,
    endpointAllowed: options.endpointAllowed ?? knownPushService,
  };
}
