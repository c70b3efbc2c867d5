import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasedSenderId, systemSenderId } from '../src/admin/host-senders';
import { type Banter, createBanter } from '../src/create-banter';
import { silentLogger } from '../src/logger';
import { postgresStorage } from '../src/storage/postgres';
import type { Storage } from '../src/storage/storage';
import { type ClientSocket, nextEvent, openSocket, signToken } from './harness';
import { createTestDatabase } from './postgres-database';
import { testRedisStream, testRedisUrl } from './redis-stream';
import { type ServerProcess, startServerProcess } from './server-process';
import { testAuthenticator } from './tokens';

/**
 * The host's calls made on one node reach users connected to another: a server process holds
 * the users' sockets, and this process (no sockets of its own) calls `banter.admin`, sharing
 * PostgreSQL and the Redis adapter with it.
 */
const stream = testRedisStream('admin-nodes');
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let node: ServerProcess;
let storage: Storage;
let banter: Banter;
let io: Server;
let redis: ReturnType<typeof createClient>;
const sockets: ClientSocket[] = [];

async function connect(userId: string) {
  const socket = openSocket(node.url, await signToken(userId));
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

beforeAll(async () => {
  database = await createTestDatabase('admin_nodes');
  node = await startServerProcess({
    pgUrl: database.url,
    redisUrl: testRedisUrl,
    redisStream: stream.name,
  });
  storage = await postgresStorage({ connectionString: database.url, schema: 'chat' });
  banter = createBanter({ storage, authenticate: testAuthenticator(), logger: silentLogger });
  redis = createClient({ url: testRedisUrl });
  redis.on('error', () => {});
  await redis.connect();
  io = new Server();
  io.adapter(createAdapter(redis, stream.adapterOptions));
  banter.attach(io);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await banter?.close();
  await redis?.quit();
  await node?.stop();
  await storage?.close();
  await database?.drop();
  await stream.drop();
});

describe('banter.admin across nodes', () => {
  it('creates, posts and erases on one node; users on another hear each', async () => {
    const ann = await connect('ann');
    const bob = await connect('bob');
    const bobHearsGroup = nextEvent(bob, 'conversation:updated', () => true, 10_000);
    const { conversation } = await banter.admin.createConversation({
      kind: 'group',
      userIds: ['ann', 'bob'],
      title: 'Listing 42',
      idempotencyKey: 'listing-42',
    });
    expect((await bobHearsGroup).id).toBe(conversation.id);

    // The other node's sockets joined the new conversation's room through the adapter.
    const bobGets = nextEvent(bob, 'message:new', () => true, 10_000);
    await banter.admin.postMessage({
      conversationId: conversation.id,
      as: 'system',
      body: 'Offer accepted',
    });
    expect(await bobGets).toMatchObject({ senderId: systemSenderId, kind: 'system' });

    const annEnded = nextEvent(ann, 'session:ended', () => true, 10_000);
    const bobSeesMember = nextEvent(
      bob,
      'conversation:updated',
      (c) => c.participants.length === 1,
      10_000,
    );
    await banter.admin.postMessage({
      conversationId: conversation.id,
      as: { userId: 'ann' },
      body: 'hi',
    });
    const bobSeesGone = nextEvent(
      bob,
      'message:updated',
      (m) => m.senderId === erasedSenderId,
      10_000,
    );
    await banter.admin.eraseUser('ann', { messages: 'delete' });
    expect((await annEnded).code).toBe('unauthenticated');
    expect((await bobSeesGone).deletedAt).not.toBeNull();
    expect((await bobSeesMember).participants.map((p) => p.userId)).toEqual(['bob']);
  });
});
