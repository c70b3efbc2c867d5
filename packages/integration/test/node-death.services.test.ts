import { createTestDatabase } from '@banter/server-kit/test/postgres-database';
import { testRedisStream, testRedisUrl } from '@banter/server-kit/test/redis-stream';
import { type ServerProcess, startServerProcess } from '@banter/server-kit/test/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected, until } from '../src/clients';

const stream = testRedisStream('death');
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nodes: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase('node_death');
  nodes = await Promise.all(
    [0, 1].map(() =>
      startServerProcess({ pgUrl: database.url, redisUrl: testRedisUrl, redisStream: stream.name }),
    ),
  );
});
afterAll(async () => {
  await closeClients();
  await Promise.all(nodes.map((node) => node.stop()));
  await database?.drop();
  await stream.drop();
});

describe('a node that dies with its users on it', () => {
  it('does not leave them online or typing for the people on other nodes', async () => {
    const [nodeA, nodeB] = nodes as [ServerProcess, ServerProcess];
    // Bob is on node B only (no REST to fall back on): when it dies, nobody is left to say he went away.
    const ann = clientFor(nodeA, 'ann', { presenceRefreshMs: 300 });
    const bob = clientFor(nodeB, 'bob', { restPath: null });
    await Promise.all([connected(ann), connected(bob)]);
    const { id } = await ann.createDirectConversation('bob');
    ann.openConversation(id);
    expect(await ann.fetchPresence(['bob'])).toMatchObject([{ userId: 'bob', online: true }]);
    bob.typing(id);
    await until(ann, (s) => expect(s.typing[id]).toContain('bob'));

    await nodeB.kill();

    // The typing indicator expires on its own; presence is asked again and the
    // adapter no longer counts the dead node.
    await until(ann, (s) => expect(s.typing[id] ?? []).not.toContain('bob'), 10_000);
    await until(ann, (s) => expect(s.presence.bob?.online).toBe(false), 15_000);
    expect(nodeA.child.exitCode ?? nodeA.child.signalCode).toBeNull();
  }, 40_000);
});
