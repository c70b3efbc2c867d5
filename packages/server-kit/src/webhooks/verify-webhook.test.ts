import { describe, expect, it } from 'vitest';
import {
  type VerifyWebhookOptions,
  verifyWebhook,
  WebhookVerificationError,
} from './verify-webhook';
import { signatureHeader, signPayload, webhookHeaders } from './webhook-signature';

const secret = 'whsec-test-1';
const signedAt = new Date('2026-11-30T12:00:00Z');
const seconds = signedAt.getTime() / 1000;
const body = JSON.stringify({
  events: [
    {
      id: '42',
      type: 'message.created',
      conversationId: 'c1',
      createdAt: signedAt.toISOString(),
      data: { id: 'm1', body: 'hello' },
    },
  ],
});

/** A request as the dispatcher signs it, and `verifyWebhook` run on it at `at`. */
function verify(overrides: Partial<VerifyWebhookOptions> = {}, at = signedAt) {
  return verifyWebhook({
    body,
    headers: {
      [webhookHeaders.id]: '42',
      [webhookHeaders.timestamp]: String(seconds),
      [webhookHeaders.signature]: signatureHeader([secret], seconds, body),
    },
    secret,
    now: () => at,
    ...overrides,
  });
}

function reasonOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).reason;
  }
  throw new Error('expected verifyWebhook to refuse the request');
}

describe('verifyWebhook', () => {
  it('returns the events of a request signed with the shared secret', () => {
    const events = verify();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: '42', type: 'message.created', conversationId: 'c1' });
  });

  it('follows the documented scheme: hex HMAC-SHA256 over "timestamp.body"', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
    expect(signPayload(secret, seconds, body)).toBe(expected);
  });

  it('accepts a Fetch Headers object and a Buffer body', () => {
    const headers = new Headers({
      [webhookHeaders.id]: '42',
      [webhookHeaders.timestamp]: String(seconds),
      [webhookHeaders.signature]: `v1=${signPayload(secret, seconds, body)}`,
    });
    expect(verify({ headers, body: Buffer.from(body) })[0]?.id).toBe('42');
  });

  it('refuses a forged signature', () => {
    const forged = signatureHeader(['a guess'], seconds, body);
    expect(
      reasonOf(() =>
        verify({
          headers: {
            [webhookHeaders.id]: '42',
            [webhookHeaders.timestamp]: String(seconds),
            [webhookHeaders.signature]: forged,
          },
        }),
      ),
    ).toBe('signature_mismatch');
  });

  it('refuses a request checked with the wrong secret', () => {
    expect(reasonOf(() => verify({ secret: 'another-secret' }))).toBe('signature_mismatch');
  });

  it('refuses an altered body', () => {
    expect(reasonOf(() => verify({ body: body.replace('hello', 'HELLO') }))).toBe(
      'signature_mismatch',
    );
  });

  it('refuses a timestamp moved forward to pass the age check (it is signed)', () => {
    const later = seconds + 3_600;
    expect(
      reasonOf(() =>
        verify(
          {
            headers: {
              [webhookHeaders.id]: '42',
              [webhookHeaders.timestamp]: String(later),
              [webhookHeaders.signature]: signatureHeader([secret], seconds, body),
            },
          },
          new Date(later * 1000),
        ),
      ),
    ).toBe('signature_mismatch');
  });

  it('refuses a request replayed after the tolerance, and takes one inside it', () => {
    const at = (offsetSeconds: number) => new Date(signedAt.getTime() + offsetSeconds * 1000);
    expect(verify({}, at(299))[0]?.id).toBe('42');
    expect(reasonOf(() => verify({}, at(301)))).toBe('timestamp_too_old');
    expect(verify({ toleranceSeconds: 3_600 }, at(3_000))[0]?.id).toBe('42');
    expect(reasonOf(() => verify({}, at(-301)))).toBe('timestamp_in_future');
  });

  it('lets a replay inside the tolerance through with the same event id: de-duplication is the receiver’s', () => {
    expect(verify()[0]?.id).toBe('42');
    expect(verify()[0]?.id).toBe('42');
  });

  it('accepts any secret of a rotation, and a request signed with old and new secrets', () => {
    const rotating = signatureHeader(['new-secret', secret], seconds, body);
    const headers = {
      [webhookHeaders.id]: '42',
      [webhookHeaders.timestamp]: String(seconds),
      [webhookHeaders.signature]: rotating,
    };
    expect(verify({ headers })[0]?.id).toBe('42');
    expect(verify({ headers, secret: ['new-secret'] })[0]?.id).toBe('42');
    expect(verify({ secret: ['new-secret', secret] })[0]?.id).toBe('42');
  });

  it('names a missing or malformed header', () => {
    expect(reasonOf(() => verify({ headers: {} }))).toBe('missing_header');
    expect(
      reasonOf(() =>
        verify({
          headers: {
            [webhookHeaders.id]: '42',
            [webhookHeaders.timestamp]: 'yesterday',
            [webhookHeaders.signature]: signatureHeader([secret], seconds, body),
          },
        }),
      ),
    ).toBe('malformed_header');
    expect(
      reasonOf(() =>
        verify({
          headers: {
            [webhookHeaders.id]: '42',
            [webhookHeaders.timestamp]: String(seconds),
            [webhookHeaders.signature]: 'sha1=abc',
          },
        }),
      ),
    ).toBe('malformed_header');
  });

  it('refuses a signed body whose ids are not the id header', () => {
    expect(
      reasonOf(() =>
        verify({
          headers: {
            [webhookHeaders.id]: '43',
            [webhookHeaders.timestamp]: String(seconds),
            [webhookHeaders.signature]: signatureHeader([secret], seconds, body),
          },
        }),
      ),
    ).toBe('malformed_body');
  });
});
