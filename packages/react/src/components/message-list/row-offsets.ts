/**
 * Row offsets of a virtual list: `offsets[i]` is where row `i` starts and
 * `offsets[rows]` the total height, so row `i` spans `[offsets[i], offsets[i + 1])`.
 */
export type RowOffsets = Float64Array;

/**
 * The row whose span contains `y`: binary search over the offsets. Above the
 * first row it is the first, past the end the last, and 0 for no rows, so
 * the answer is always a valid place to start or stop a walk over the rows.
 */
export function rowAt(offsets: RowOffsets, y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  if (high < 0) return 0;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((offsets[mid] as number) <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}
