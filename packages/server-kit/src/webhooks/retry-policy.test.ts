import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  it('grows exponentially up to the cap, within the jittered window', () => {
    const highest = (attempt: number) => retryDelayMs(defaultRetryPolicy, attempt, () => 1);
    const lowest = (attempt: number) => retryDelayMs(defaultRetryPolicy, attempt, () => 0);
    expect([1, 2, 3, 4].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(lowest(3)).toBe(400);
    expect(highest(40)).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('keeps retrying for the 24 hours the default gives an event, then stops', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < defaultRetryPolicy.giveUpAfterMs) {
      attempts += 1;
      elapsed += retryDelayMs(defaultRetryPolicy, attempts, () => 1);
    }
    // Twelve doublings reach the hour cap; the remaining ~22.9 hours go at one an hour.
    expect(attempts).toBeGreaterThan(30);
    expect(attempts).toBeLessThan(40);
  });
});
