/**
 * A latency histogram in microseconds with log-linear buckets: exact below
 * 128 µs, then 64 buckets per power of two (at most 1.6% apart). Workers send
 * theirs to the parent as sparse [bucket, count] pairs, which merge by
 * addition; keeping every sample instead would mean megabytes per run.
 */
const subBuckets = 64;
const linearLimit = 2 * subBuckets;

export type HistogramData = [bucket: number, count: number][];

export class Histogram {
  readonly #counts = new Map<number, number>();
  #total = 0;

  get count(): number {
    return this.#total;
  }

  record(valueUs: number) {
    const bucket = bucketOf(valueUs);
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + 1);
    this.#total++;
  }

  merge(data: HistogramData) {
    for (const [bucket, count] of data) {
      this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + count);
      this.#total += count;
    }
  }

  toData(): HistogramData {
    return [...this.#counts.entries()];
  }

  /** The value at quantile `q` (0–1) in µs, as the middle of its bucket; NaN when empty. */
  quantile(q: number): number {
    if (this.#total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.#total));
    let seen = 0;
    for (const bucket of [...this.#counts.keys()].sort((a, b) => a - b)) {
      seen += this.#counts.get(bucket) ?? 0;
      if (seen >= rank) return (lowerBound(bucket) + lowerBound(bucket + 1)) / 2;
    }
    return Number.NaN;
  }
}

function bucketOf(valueUs: number): number {
  const v = Math.min(Math.max(0, Math.floor(valueUs)), 0x7fffffff);
  if (v < linearLimit) return v;
  const shift = 31 - Math.clz32(v) - Math.log2(subBuckets);
  return shift * subBuckets + (v >>> shift);
}

function lowerBound(bucket: number): number {
  if (bucket < linearLimit) return bucket;
  const shift = Math.floor(bucket / subBuckets) - 1;
  return (bucket - shift * subBuckets) * 2 ** shift;
}
