import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff';

const options = { minMs: 100, maxMs: 1_000, factor: 2 };
const lowest = () => 0;
const highest = () => 1 - Number.EPSILON;

describe('backoffDelay', () => {
  it('picks a delay anywhere from 0 up to the ceiling (full jitter)', () => {
    expect(backoffDelay(2, options, lowest)).toBe(0);
    expect(backoffDelay(2, options, highest)).toBe(400);
    expect(backoffDelay(2, options, () => 0.5)).toBe(200);
  });

  it('doubles the ceiling with each attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, options, highest))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('never waits longer than maxMs', () => {
    expect(backoffDelay(4, options, highest)).toBe(1_000);
    expect(backoffDelay(50, options, highest)).toBe(1_000);
    expect(backoffDelay(50, defaultBackoff, highest)).toBe(defaultBackoff.maxMs);
  });

  it('treats a negative attempt as the first one', () => {
    expect(backoffDelay(-3, options, highest)).toBe(100);
  });

  it('stays within bounds with the real random source', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(1, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(200);
    }
  });
});
