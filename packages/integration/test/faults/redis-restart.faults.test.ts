import { nextEvent, ok, openSocket, signToken } from '@banter/server-kit/test/harness';
import { createTestDatabase } from '@banter/server-kit/test/postgres-database';
import { type ServerProcess, startServerProcess } from '@banter/server-kit/test/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected } from '../../src/clients';
import { type RedisProcess, startRedisProcess } from '../../src/redis-process';
import { expectShownOnce, expectStoredOnce, sleep } from './invariants';
import { formGroups, type Member, sendSpread } from './traffic';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: RedisProcess;
let nodes: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase('faults_redis');
  redis = await startRedisProcess();
  nodes = await Promise.all(
    [0, 1].map(() =>
      startServerProcess({ pgUrl: database.url, redisUrl: redis.url, redisStream: 'banter' }),
    ),
  );
});
afterAll(async () => {
  await closeClients();
  await Promise.all(nodes.map((node) => node.stop()));
  await redis?.stop();
  await database?.drop();
});

/** Sends a message from node A and says whether a socket on node B hears it live within `ms`. */
async function crossNodeLive(conversationId: string, label: string, ms: number) {
  const [nodeA, nodeB] = nodes as [ServerProcess, ServerProcess];
  const sender = openSocket(nodeA.url, await signToken('probe-a'));
  const listener = openSocket(nodeB.url, await signToken('probe-b'));
  try {
    await Promise.all([
      nextEvent(sender, 'session', () => true, 5_000),
      nextEvent(listener, 'session', () => true, 5_000),
    ]);
    const heard = nextEvent(listener, 'message:new', (m) => m.body === label, ms).then(
      () => true,
      () => false,
    );
    await ok(sender, 'message:send', { conversationId, clientId: label, body: label });
    return await heard;
  } finally {
    sender.disconnect();
    listener.disconnect();
  }
}

describe('6. Redis killed and restarted during cross-node traffic', () => {
  it('crashes no node, resumes cross-node delivery, and brings what was committed meanwhile to everyone', async () => {
    const members: Member[] = Array.from({ length: 8 }, (_, i) => {
      const userId = `redis-user-${i}`;
      // Alternate nodes, so every group spans both.
      return { userId, client: clientFor(nodes[i % 2] as ServerProcess, userId) };
    });
    await Promise.all(members.map((m) => connected(m.client)));
    const logs = await formGroups(members, 4, 'Redis');
    const probe = await (async () => {
      const owner = openSocket((nodes[0] as ServerProcess).url, await signToken('probe-a'));
      await nextEvent(owner, 'session', () => true, 5_000);
      const { conversation } = await ok(owner, 'conversation:create', {
        kind: 'direct',
        userId: 'probe-b',
      });
      owner.disconnect();
      return conversation.id;
    })();
    expect(await crossNodeLive(probe, 'before', 5_000)).toBe(true);

    const total = 1_200;
    const outage = (async () => {
      await sleep(3_000);
      await redis.kill();
      await sleep(4_000);
      await redis.restart();
    })();
    await sendSpread(logs, members, total, 12_000, 'r');
    await outage;

    // Cross-node delivery comes back once the nodes' Redis clients reconnect.
    let resumed = false;
    for (let attempt = 0; attempt < 20 && !resumed; attempt++)
      resumed = await crossNodeLive(probe, `after-${attempt}`, 1_000);
    expect(resumed).toBe(true);

    for (const log of logs) {
      await expectShownOnce(log, 60_000);
      await expectStoredOnce(database.url, log);
    }
    for (const node of nodes) expect(node.child.exitCode ?? node.child.signalCode).toBeNull();
    console.log(
      `[6 redis restart] Redis SIGKILLed 3 s into 12 s of traffic and restarted empty 4 s later: both nodes stayed up, cross-node delivery resumed, ${total} messages in 2 groups spanning both nodes, each stored once and shown once on all 4 members`,
    );
  }, 180_000);
});
