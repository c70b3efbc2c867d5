import { describe, expect, it } from 'vitest';
import { rowAt } from './row-offsets';

/** Three rows of 40, 64 and 40 pixels. */
const offsets = Float64Array.from([0, 40, 104, 144]);

describe('rowAt', () => {
  it('finds the row whose span contains a point, a boundary belonging to the row below it', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 39.5)).toBe(0);
    expect(rowAt(offsets, 40)).toBe(1);
    expect(rowAt(offsets, 103)).toBe(1);
    expect(rowAt(offsets, 104)).toBe(2);
  });

  it('clamps to the first row above the list and to the last row past its end', () => {
    expect(rowAt(offsets, -500)).toBe(0);
    expect(rowAt(offsets, 144)).toBe(2);
    expect(rowAt(offsets, 10_000)).toBe(2);
  });

  it('is 0 for a list with no rows', () => {
    expect(rowAt(Float64Array.from([0]), 50)).toBe(0);
    expect(rowAt(new Float64Array(0), 50)).toBe(0);
  });
});
