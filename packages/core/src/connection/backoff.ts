/** Reconnect delays: exponential with full jitter. */
export interface BackoffOptions {
  /** First delay ceiling in ms. */
  minMs: number;
  /** Largest delay in ms. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
}

/** 500 ms, doubling, capped at 30 s. */
export const defaultBackoff: BackoffOptions = { minMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Exponential backoff with full jitter: a uniform delay between 0 and the
 * capped exponential. Full jitter spreads a crowd of clients that lost the
 * same server, so they do not all come back in the same instant.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
) {
  const ceiling = Math.min(options.maxMs, options.minMs * options.factor ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}
