import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientSocket, nextEvent, ok, openSocket, signToken } from './harness';
import { createTestDatabase } from './postgres-database';
import { testRedisStream, testRedisUrl } from './redis-stream';
import { type ServerProcess, startServerProcess } from './server-process';

const stream = testRedisStream('multi-node');
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nodes: ServerProcess[] = [];
const sockets: ClientSocket[] = [];

/**
 * Signs in on a node, retrying a handshake refused as retryable (`unavailable`, when a
 * cluster request times out on a loaded machine) as a client does. Any other refusal fails
 * the test.
 */
async function connect(node: ServerProcess, userId: string, attempts = 5): Promise<ClientSocket> {
  const socket = openSocket(node.url, await signToken(userId));
  const refusal = await new Promise<(Error & { data?: { retryable?: boolean } }) | null>(
    (resolve) => {
      socket.once('session', () => resolve(null));
      socket.once('connect_error', resolve);
    },
  );
  if (!refusal) {
    sockets.push(socket);
    return socket;
  }
  socket.disconnect();
  if (attempts <= 1 || refusal.data?.retryable !== true) throw refusal;
  return connect(node, userId, attempts - 1);
}

beforeAll(async () => {
  database = await createTestDatabase('multi_node');
  nodes = await Promise.all(
    [0, 1, 2].map(() =>
      startServerProcess({ pgUrl: database.url, redisUrl: testRedisUrl, redisStream: stream.name }),
    ),
  );
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all(nodes.map((node) => node.stop()));
  await database?.drop();
  await stream.drop();
});

describe('three server processes sharing PostgreSQL and a Redis adapter', () => {
  it('delivers messages, typing, presence and new members across nodes', async () => {
    const [node1, node2, node3] = nodes as [ServerProcess, ServerProcess, ServerProcess];
    const ann = await connect(node1, 'ann');
    const bob = await connect(node2, 'bob');
    const cat = await connect(node3, 'cat');
    const { conversation } = await ok(ann, 'conversation:create', {
      kind: 'group',
      participantIds: ['bob', 'cat'],
      title: 'Across nodes',
    });
    const conversationId = conversation.id;

    // A message sent on node 1 reaches sockets on nodes 2 and 3.
    const toBob = nextEvent(bob, 'message:new', (m) => m.conversationId === conversationId, 5_000);
    const toCat = nextEvent(cat, 'message:new', (m) => m.conversationId === conversationId, 5_000);
    await ok(ann, 'message:send', { conversationId, clientId: 'x1', body: 'hello from node 1' });
    expect((await toBob).body).toBe('hello from node 1');
    expect((await toCat).body).toBe('hello from node 1');

    // Typing on node 2 is relayed to node 1; presence on node 3 is seen from node 1.
    const typing = nextEvent(ann, 'typing', (u) => u.userId === 'bob' && u.typing, 5_000);
    await ok(bob, 'typing:set', { conversationId, typing: true });
    expect(await typing).toMatchObject({ conversationId, userId: 'bob', typing: true });
    expect(await ok(ann, 'presence:get', { userIds: ['cat'] })).toEqual([
      { userId: 'cat', online: true, lastSeenAt: null },
    ]);

    // Someone added on node 1 while connected to node 3 joins the room there at once.
    const dan = await connect(node3, 'dan');
    await ok(ann, 'conversation:addParticipants', { conversationId, userIds: ['dan'] });
    const toDan = nextEvent(dan, 'message:new', (m) => m.conversationId === conversationId, 5_000);
    await ok(bob, 'message:send', { conversationId, clientId: 'x2', body: 'welcome, from node 2' });
    expect((await toDan).body).toBe('welcome, from node 2');

    // Going offline on node 2 is announced to node 1.
    // Asking the cluster who is left waits for every node's answer: give a loaded machine time.
    const offline = nextEvent(ann, 'presence', (p) => p.userId === 'bob' && !p.online, 15_000);
    bob.disconnect();
    expect((await offline).lastSeenAt).not.toBeNull();
  });
});
