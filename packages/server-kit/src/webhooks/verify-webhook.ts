import { createHmac, timingSafeEqual } from 'node:crypto';
import { type WebhookEvent, webhookEventTypes } from './webhook-event';
import { webhookHeaders } from './webhook-signature';

/** Why `verifyWebhook` refused a request. */
export type WebhookVerificationReason =
  /** A Banter header is absent. */
  | 'missing_header'
  /** The timestamp is not whole seconds, or the signature header has no `v1=` entry. */
  | 'malformed_header'
  /** The timestamp is older than the tolerance: a late replay, or clocks far apart. */
  | 'timestamp_too_old'
  /** The timestamp is further ahead than the tolerance. */
  | 'timestamp_in_future'
  /** No signature matches any of the secrets: a forgery, a wrong secret or an altered body. */
  | 'signature_mismatch'
  /** Signed, but not Banter events, or their ids differ from the id header. */
  | 'malformed_body';

/** A webhook request that must not be trusted; `reason` says why. */
export class WebhookVerificationError extends Error {
  /** Always `'WebhookVerificationError'`, so logs and `error.name` checks can tell it apart. */
  override readonly name = 'WebhookVerificationError';
  /** Why the request was refused. */
  readonly reason: WebhookVerificationReason;

  /** Made by `verifyWebhook`; `message` reads "unable to verify webhook: …". */
  constructor(reason: WebhookVerificationReason, detail: string) {
    super(`unable to verify webhook: ${detail}`);
    this.reason = reason;
  }
}

/** What `verifyWebhook` checks a request against. */
export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (parsing and re-serializing JSON changes it). */
  body: string | Uint8Array;
  /** The request's headers: Node's `req.headers`, a Fetch `Headers`, or a plain record. */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The shared secret, or several during a rotation (any one of them may match). */
  secret: string | readonly string[];
  /** How far the timestamp may be from now, either way. Default 300 s. */
  toleranceSeconds?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Checks a webhook request on the receiving side and returns its events, in order: the
 * signature (compared in constant time) against each secret, and the timestamp's age. Throws a
 * `WebhookVerificationError` otherwise. A valid request may still repeat events already
 * processed (a retry, a replay): de-duplicate by `event.id`.
 *
 * @example
 * app.post('/banter-webhooks', express.text({ type: 'application/json' }), (req, res) => {
 *   try {
 *     const events = verifyWebhook({ body: req.body, headers: req.headers, secret: process.env.BANTER_WEBHOOK_SECRET ?? '' });
 *     for (const event of events) if (!seen.has(event.id)) handle(event);
 *     res.sendStatus(204);
 *   } catch (error) {
 *     res.sendStatus(error instanceof WebhookVerificationError ? 400 : 500);
 *   }
 * });
 */
export function verifyWebhook(options: VerifyWebhookOptions): WebhookEvent[] {
  const { toleranceSeconds = 300 } = options;
  const id = header(options.headers, webhookHeaders.id);
  const timestampText = header(options.headers, webhookHeaders.timestamp);
  const signatures = header(options.headers, webhookHeaders.signature)
    .split(' ')
    .filter((entry) => entry.startsWith('v1='))
    .map((entry) => Buffer.from(entry.slice(3), 'hex'));
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError('malformed_header', 'the timestamp is not whole seconds');
  }
  if (signatures.length === 0) {
    throw new WebhookVerificationError('malformed_header', 'the signature has no v1= entry');
  }
  const body =
    typeof options.body === 'string' ? options.body : Buffer.from(options.body).toString('utf8');
  const timestamp = Number(timestampText);
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const signed = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
    // Every entry is compared, in constant time: timing tells nothing of where they differ.
    return signatures.some(
      (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
    );
  });
  // The signature first: an unsigned request learns nothing, not even whether its time was right.
  if (!signed) {
    throw new WebhookVerificationError('signature_mismatch', 'no signature matches the secret');
  }
  const age = (options.now?.() ?? new Date()).getTime() / 1000 - timestamp;
  if (age > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_too_old', `signed ${Math.round(age)} s ago`);
  }
  if (age < -toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_in_future', 'signed in the future');
  }
  return parseEvents(body, id);
}

function header(headers: VerifyWebhookOptions['headers'], name: string): string {
  const value =
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text === '') {
    throw new WebhookVerificationError('missing_header', `the ${name} header is missing`);
  }
  return text;
}

function parseEvents(body: string, ids: string): WebhookEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError('malformed_body', 'the body is not JSON');
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  if (
    !Array.isArray(events) ||
    events.length === 0 ||
    events.map((event) => (event as Partial<WebhookEvent> | null)?.id).join(',') !== ids ||
    !events.every(isEvent)
  ) {
    throw new WebhookVerificationError('malformed_body', 'the body is not these Banter events');
  }
  return events;
}

function isEvent(event: unknown): event is WebhookEvent {
  const candidate = event as Partial<WebhookEvent> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    webhookEventTypes.includes(candidate.type as WebhookEvent['type']) &&
    typeof candidate.conversationId === 'string' &&
    typeof candidate.data === 'object'
  );
}
