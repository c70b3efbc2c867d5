/**
 * When a failed delivery is tried again. The delay grows exponentially from `minDelayMs` up to
 * `maxDelayMs`, with "full jitter" (a random point in the window), so that receivers coming
 * back after an outage are not hit by every node's retries at the same instant.
 */
export interface RetryPolicy {
  /** The first retry's delay window. Default 1,000 ms. */
  minDelayMs: number;
  /** The longest delay. Default 1 hour. */
  maxDelayMs: number;
  /** How much the window grows per attempt. Default 2. */
  factor: number;
  /** How long an event is retried after its first failure before it is marked failed. Default 24 hours. */
  giveUpAfterMs: number;
}

/**
 * Doubling from 1 s to the one-hour cap in the first two hours (about 12 retries), then about
 * one an hour: some 35 attempts before the event is given up, 24 hours after its first failure.
 */
export const defaultRetryPolicy: RetryPolicy = {
  minDelayMs: 1_000,
  maxDelayMs: 60 * 60 * 1_000,
  factor: 2,
  giveUpAfterMs: 24 * 60 * 60 * 1_000,
};

/**
 * The delay before retry number `attempt` (1 for the first retry): full jitter over an
 * exponentially growing window, never below a tenth of it (so a retry is never instant).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const window = Math.min(
    policy.maxDelayMs,
    policy.minDelayMs * policy.factor ** Math.max(0, attempt - 1),
  );
  return Math.round(window * (0.1 + 0.9 * random()));
}
