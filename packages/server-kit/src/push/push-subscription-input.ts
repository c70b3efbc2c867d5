import { ChatError } from '@banter/core/protocol';

/** A browser's push subscription as `PushSubscription.toJSON()` gives it, checked. */
export interface PushSubscriptionInput {
  /** The push service URL for this browser: https, at most 1,024 characters. */
  endpoint: string;
  /** The browser's keys, base64url. */
  keys: {
    /** Its P-256 ECDH public key, 65 bytes uncompressed. */
    p256dh: string;
    /** Its authentication secret, 16 bytes. */
    auth: string;
  };
}

const maxEndpointLength = 1_024;
const base64url = /^[A-Za-z0-9_-]+={0,2}$/;

const refuse = (why: string) =>
  new ChatError('bad_request', `unable to save push subscription: ${why}`);

/** The byte length of a base64url string, or -1 when it is not one. */
function decodedLength(value: unknown): number {
  if (typeof value !== 'string' || value.length > 200 || !base64url.test(value)) return -1;
  return Buffer.from(value, 'base64url').length;
}

/** Checks a subscription body; throws `bad_request` naming what is wrong. */
export function parseSubscription(body: unknown): PushSubscriptionInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw refuse('the body must be a JSON object');
  const { endpoint, keys } = body as { endpoint?: unknown; keys?: unknown };
  const url = parseEndpoint(endpoint);
  if (typeof keys !== 'object' || keys === null)
    throw refuse('keys.p256dh and keys.auth are required');
  const { p256dh, auth } = keys as { p256dh?: unknown; auth?: unknown };
  const publicKey = decodedLength(p256dh);
  if (publicKey !== 65 || Buffer.from(p256dh as string, 'base64url')[0] !== 0x04)
    throw refuse('keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)');
  if (decodedLength(auth) !== 16) throw refuse('keys.auth must be 16 bytes, base64url');
  return { endpoint: url, keys: { p256dh: p256dh as string, auth: auth as string } };
}

/** Checks the endpoint alone (unsubscribe takes only it); returns it as given. */
export function parseEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== 'string' || endpoint.length === 0) throw refuse('endpoint must be a URL');
  if (endpoint.length > maxEndpointLength)
    throw refuse(`endpoint is longer than ${maxEndpointLength} characters`);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw refuse('endpoint must be a URL');
  }
  // Push services are https only (RFC 8030); anything else would make the server a request proxy.
  if (url.protocol !== 'https:' || url.username || url.password)
    throw refuse('endpoint must be an https URL without credentials');
  return endpoint;
}
