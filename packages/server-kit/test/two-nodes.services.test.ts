import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientSocket, connected, ok, openSocket, signToken } from './harness';
import { createTestDatabase } from './postgres-database';
import { type ServerProcess, startServerProcess } from './server-process';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nodes: ServerProcess[] = [];
const sockets: ClientSocket[] = [];

async function connect(url: string, userId: string) {
  const socket = openSocket(url, await signToken(userId));
  sockets.push(socket);
  return connected(socket);
}

beforeAll(async () => {
  database = await createTestDatabase('two_nodes');
  // Migrating from two processes at once is part of what is under test.
  nodes = await Promise.all([
    startServerProcess({ pgUrl: database.url }),
    startServerProcess({ pgUrl: database.url }),
  ]);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all(nodes.map((node) => node.stop()));
  await database?.drop();
});

describe('two server processes sharing one PostgreSQL', () => {
  it('turns 200 concurrent sends, half through each process, into seq 1..200 with no gaps or duplicates', async () => {
    const [nodeA, nodeB] = nodes as [ServerProcess, ServerProcess];
    const users = ['ann', 'bob', 'cat', 'dan'];
    const onA = await Promise.all(users.map((u) => connect(nodeA.url, u)));
    const onB = await Promise.all(users.map((u) => connect(nodeB.url, u)));
    const { conversation } = await ok(onA[0] as ClientSocket, 'conversation:create', {
      kind: 'group',
      participantIds: users.slice(1),
    });
    const conversationId = conversation.id;

    // Each message goes to one node; every fifth is also retried on the other node at the same time.
    const sends = Array.from({ length: 200 }, (_, i) => {
      const sender = i % users.length;
      const home = (i % 2 === 0 ? onA : onB)[sender] as ClientSocket;
      const away = (i % 2 === 0 ? onB : onA)[sender] as ClientSocket;
      const payload = { conversationId, clientId: `send-${i}`, body: `message ${i}` };
      const attempts = [ok(home, 'message:send', payload)];
      if (i % 5 === 0) attempts.push(ok(away, 'message:send', payload));
      return Promise.all(attempts);
    });
    const results = (await Promise.all(sends)).flat();
    console.log(
      `[two nodes] ${results.length} acks for 200 messages, ${results.filter((r) => r.created).length} created`,
    );
    expect(results.filter((r) => r.created)).toHaveLength(200);

    const stored = [];
    let after = 0;
    for (;;) {
      const page = await ok(onB[0] as ClientSocket, 'message:list', {
        conversationId,
        after,
        limit: 100,
      });
      stored.push(...page.messages);
      if (!page.hasMore) break;
      after = page.messages.at(-1)?.seq ?? after;
    }
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(200);
    // Every retry got back the same stored message as its original.
    for (const pair of await Promise.all(sends)) {
      expect(new Set(pair.map((r) => r.message.id)).size).toBe(1);
    }
  });
});
