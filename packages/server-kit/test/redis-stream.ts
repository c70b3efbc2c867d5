import { createClient } from 'redis';

/** The machine's Redis, as `npm run test:services` and `test:faults` expect it. */
export const testRedisUrl = process.env.BANTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A Redis stream of the test's own for the nodes' adapter, so runs never read each
 * other's traffic; `drop()` deletes it afterwards.
 */
export function testRedisStream(label: string) {
  const name = `banter-test-${label}-${process.pid}-${Date.now()}`;
  return {
    name,
    async drop() {
      const redis = createClient({ url: testRedisUrl });
      await redis.connect();
      await redis.del(name);
      await redis.quit();
    },
  };
}
