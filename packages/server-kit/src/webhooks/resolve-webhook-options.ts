import { defaultRetryPolicy } from './retry-policy';
import type { ResolvedWebhookOptions, WebhookOptions } from './webhook-options';

/** Checks the options once, at `createBanter`, and fills in the defaults. */
export function resolveWebhookOptions(options: WebhookOptions): ResolvedWebhookOptions {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(`webhooks.url is not a URL: "${options.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('webhooks.url must be an http: or https: URL');
  }
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || !secret)) {
    throw new TypeError('webhooks.secret must be a non-empty string (or a list of them)');
  }
  const positive = (name: string, value: number) => {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`webhooks.${name} must be a positive number`);
    }
    return value;
  };
  const requestTimeoutMs = positive('requestTimeoutMs', options.requestTimeoutMs ?? 10_000);
  const batchSize = Math.floor(positive('batchSize', options.batchSize ?? 50));
  return {
    url,
    secrets,
    concurrency: Math.floor(positive('concurrency', options.concurrency ?? 8)),
    maxEventsPerRequest: Math.floor(
      positive('maxEventsPerRequest', options.maxEventsPerRequest ?? 100),
    ),
    requestTimeoutMs,
    pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs ?? 1_000),
    busyPollIntervalMs: positive('busyPollIntervalMs', options.busyPollIntervalMs ?? 1_000),
    batchSize,
    retentionMs: positive('retentionMs', options.retentionMs ?? 7 * 24 * 60 * 60 * 1_000),
    retry: { ...defaultRetryPolicy, ...options.retry },
    // A request is sent only while two request timeouts of its claim's lease are left, so this
    // leaves room for requests that waited for a free slot.
    leaseMs: Math.max(60_000, requestTimeoutMs * 6),
  };
}
