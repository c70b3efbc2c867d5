import { createClient } from 'redis';

/** The machine's Redis, as `npm run test:services` and `test:faults` expect it. */
export const testRedisUrl = process.env.BANTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A Redis stream and pub/sub channels of the test's own for the nodes' adapter, so runs
 * never see each other's traffic; `drop()` deletes the stream afterwards.
 *
 * The channel prefix matters as much as the stream: the streams adapter sends cluster
 * requests (`fetchSockets`, which presence and the handshake use) over pub/sub and counts
 * the subscribers of its channel to know how many answers to wait for. With the default
 * prefix, the nodes of every test file running at once would answer each other, and one of
 * them stopping mid-request would leave the asker waiting for an answer that never comes.
 */
export function testRedisStream(label: string) {
  const name = `banter-test-${label}-${process.pid}-${Date.now()}`;
  return {
    name,
    /** Options for `createAdapter` from `@socket.io/redis-streams-adapter`. */
    adapterOptions: { streamName: name, channelPrefix: name },
    async drop() {
      const redis = createClient({ url: testRedisUrl });
      await redis.connect();
      await redis.del(name);
      await redis.quit();
    },
  };
}
