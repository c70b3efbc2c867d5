import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ChatError } from '@banter/core/protocol';

/** What a signed server route lets its holder do with one upload. */
export type SignedAction = 'content' | 'file' | 'thumbnail';

/**
 * Signs and checks the server's own upload routes
 * (`/uploads/:id/{content,file,thumbnail}?expires=…&signature=…`): an HMAC-SHA256
 * over the action, the id and the expiry, under a key only the servers hold.
 * A URL cannot be guessed (ids are random, and the signature depends on the
 * key), widened to another upload or action, or used after it expires.
 */
export class UrlSigner {
  readonly #key: Buffer;

  /** `secret`: shared by every node serving the same uploads; random when absent (one node only). */
  constructor(secret?: string | Uint8Array) {
    this.#key =
      secret === undefined
        ? randomBytes(32)
        : Buffer.from(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
    if (this.#key.length < 16) throw new RangeError('uploads.secret must be at least 16 bytes');
  }

  /** The route's path (relative to the REST prefix) and its query, signed until `expiresAt`. */
  sign(action: SignedAction, uploadId: string, expiresAt: Date): string {
    const expires = expiresAt.getTime();
    const signature = this.#mac(action, uploadId, expires).toString('hex');
    return `/uploads/${encodeURIComponent(uploadId)}/${action}?expires=${expires}&signature=${signature}`;
  }

  /**
   * Checks a request's query; throws `forbidden` for a missing or wrong
   * signature and `url_expired` for a right one past its time. The signature
   * is compared in constant time, before the expiry is looked at, so an
   * attacker learns nothing from how a forgery is refused.
   */
  verify(action: SignedAction, uploadId: string, query: unknown, now: Date): void {
    const { expires, signature } = (query ?? {}) as Record<string, unknown>;
    const expiresAt =
      typeof expires === 'string' && /^\d{1,15}$/.test(expires) ? Number(expires) : NaN;
    const given =
      typeof signature === 'string' && /^[0-9a-f]{64}$/.test(signature)
        ? Buffer.from(signature, 'hex')
        : null;
    const expected = this.#mac(action, uploadId, Number.isNaN(expiresAt) ? -1 : expiresAt);
    if (given === null || Number.isNaN(expiresAt) || !timingSafeEqual(given, expected)) {
      throw new ChatError('forbidden', 'unable to use this link: the signature is not valid');
    }
    if (expiresAt <= now.getTime()) {
      throw new ChatError(
        'url_expired',
        'unable to use this link: it has expired, ask for a new one',
      );
    }
  }

  #mac(action: SignedAction, uploadId: string, expires: number): Buffer {
    return createHmac('sha256', this.#key).update(`${action}\n${uploadId}\n${expires}`).digest();
  }
}
