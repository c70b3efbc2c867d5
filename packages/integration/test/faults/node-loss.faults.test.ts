import type { ChatClient } from '@banter/core';
import { createTestDatabase } from '@banter/server-kit/test/postgres-database';
import { testRedisStream, testRedisUrl } from '@banter/server-kit/test/redis-stream';
import { type ServerProcess, startServerProcess } from '@banter/server-kit/test/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected } from '../../src/clients';
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy';
import { expectShownOnce, expectStoredOnce, seededRandom, sleep } from './invariants';
import { formGroups, type Member, sendSpread } from './traffic';

const stream = testRedisStream('nodes');
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nodes: ServerProcess[] = [];
let balancer: TcpProxy;

beforeAll(async () => {
  database = await createTestDatabase('faults_nodes');
  nodes = await Promise.all(
    [0, 1, 2].map(() =>
      startServerProcess({ pgUrl: database.url, redisUrl: testRedisUrl, redisStream: stream.name }),
    ),
  );
  // One address in front of the three nodes, as a load balancer would give.
  balancer = await startTcpProxy(nodes.map((node) => node.port));
});
afterAll(async () => {
  await closeClients();
  await balancer?.close();
  await Promise.all(nodes.map((node) => node.stop()));
  await database?.drop();
  await stream.drop();
});

/** Whether the client has lost its connection since this was called: it was on the node that died. */
function watchDrop(client: ChatClient) {
  let dropped = false;
  client.subscribe(() => {
    if (client.getSnapshot().connection.status !== 'connected') dropped = true;
  });
  return () => dropped;
}

describe('5. one of three nodes killed during traffic', () => {
  it('moves its clients to the other nodes and loses nothing that was acknowledged', async () => {
    const random = seededRandom(Date.now() % 1_000_000);
    const members: Member[] = Array.from({ length: 12 }, (_, i) => {
      const userId = `node-user-${i}`;
      return { userId, client: clientFor(balancer, userId) };
    });
    await Promise.all(members.map((m) => connected(m.client)));
    // Groups of 4 across the round-robin: every group has members on several nodes.
    const logs = await formGroups(members, 4, 'Across nodes');
    const drops = members.map((m) => watchDrop(m.client));

    const victim = Math.floor(random.next() * nodes.length);
    const killAfterMs = Math.round(random.between(2_000, 5_000));
    const killing = (async () => {
      await sleep(killAfterMs);
      await (nodes[victim] as ServerProcess).kill();
    })();
    const total = 1_500;
    await sendSpread(logs, members, total, 10_000, 'n');
    await killing;

    const moved = drops.filter((dropped) => dropped()).length;
    for (const m of members) await connected(m.client);
    for (const log of logs) {
      await expectShownOnce(log, 60_000);
      await expectStoredOnce(database.url, log);
    }
    const survivors = nodes.filter((_, i) => i !== victim);
    for (const node of survivors) expect(node.child.exitCode ?? node.child.signalCode).toBeNull();
    // Someone was on the node that died, and everyone is connected again through the others.
    expect(moved).toBeGreaterThan(0);
    console.log(
      `[5 node loss] seed ${random.seed}: node ${victim + 1} of 3 SIGKILLed at ${killAfterMs} ms; ${moved} of 12 clients reconnected to the other nodes; ${total} messages in 3 groups spanning the nodes, each stored once and shown once on all 4 members; both other nodes still up`,
    );
  }, 180_000);
});
