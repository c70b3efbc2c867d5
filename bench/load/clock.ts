/**
 * Microseconds on the host's monotonic clock. `process.hrtime` reads
 * CLOCK_MONOTONIC, which every process on the machine shares, so a time taken
 * by a sender in one worker can be subtracted from a time taken by a receiver
 * in another; wall-clock time could jump between the two readings.
 */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
