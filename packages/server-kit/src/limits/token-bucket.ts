/** A token bucket: a steady rate, and a burst allowed after a quiet spell. */
export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many may come at once after a quiet spell. */
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A token bucket per key (a user, a socket). Buckets live in this process:
 * with several nodes a user's limit applies per node, which is fine for abuse
 * protection since one user's sockets are few.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #sweptAt = 0;

  constructor(limit: RateLimit, now: () => number = Date.now) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('a rate limit needs perSecond > 0 and burst >= 1');
    }
    this.#limit = limit;
    this.#now = now;
  }

  take(key: string): RateDecision {
    const now = this.#now();
    const { perSecond, burst } = this.#limit;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    // Sweep at most once a second, so a crowd of busy keys does not make every call scan them all.
    if (this.#buckets.size > 10_000 && now - this.#sweptAt > 1_000) {
      this.#sweptAt = now;
      this.#sweep(now);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / perSecond) * 1000) };
  }

  /** Gives back a token taken for something that turned out not to count (a resend). */
  refund(key: string) {
    const bucket = this.#buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.#limit.burst, bucket.tokens + 1);
  }

  /** Forgets a key (a closed socket). */
  forget(key: string) {
    this.#buckets.delete(key);
  }

  /** Full buckets carry no information: drop them so memory stays bounded. */
  #sweep(now: number) {
    const { perSecond, burst } = this.#limit;
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst)
        this.#buckets.delete(key);
    }
  }
}
