import { createHmac } from 'node:crypto';

/** The headers of every webhook request (lower case, as Node reads them). */
export const webhookHeaders = {
  /** The ids of the events the request carries, in order, separated by commas. */
  id: 'banter-webhook-id',
  /** When this attempt was signed, in whole seconds since the Unix epoch. */
  timestamp: 'banter-webhook-timestamp',
  /** `v1=<hex HMAC-SHA256>`, one per signing secret, separated by spaces. */
  signature: 'banter-webhook-signature',
} as const;

/**
 * The signature scheme, version 1: HMAC-SHA256, keyed with the shared secret's UTF-8 bytes,
 * over `${timestamp}.${body}` (the timestamp header's digits, a dot, the raw request body),
 * as lower-case hex. The timestamp is signed so that a captured request cannot be replayed
 * later than the receiver's tolerance.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The signature header's value: one `v1=` entry per secret, so a rotation needs no downtime. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string) {
  return secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`).join(' ');
}
