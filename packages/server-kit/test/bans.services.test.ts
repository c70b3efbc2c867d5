import { createServer } from 'node:http';
import type { ErrorPayload } from '@banter/core/protocol';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBanter } from '../src/create-banter';
import { silentLogger } from '../src/logger';
import { Bans } from '../src/moderation/bans';
import { socketBroadcaster } from '../src/socket/socket-broadcaster';
import { postgresStorage } from '../src/storage/postgres';
import type { Storage } from '../src/storage/storage';
import {
  type ClientSocket,
  disconnection,
  nextEvent,
  openSocket,
  restCall,
  signToken,
} from './harness';
import { createTestDatabase } from './postgres-database';
import { testRedisStream, testRedisUrl } from './redis-stream';
import { type ServerProcess, startServerProcess } from './server-process';
import { testAuthenticator } from './tokens';

const stream = testRedisStream('bans');
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nodes: ServerProcess[] = [];
const sockets: ClientSocket[] = [];

/** A third node in this process, on the same database and Redis stream: where the host bans from. */
let host: { bans: Bans; storage: Storage; close(): Promise<void> };

async function connect(node: ServerProcess, userId: string) {
  const socket = openSocket(node.url, await signToken(userId));
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

beforeAll(async () => {
  database = await createTestDatabase('bans');
  nodes = await Promise.all(
    [0, 1].map(() =>
      startServerProcess({ pgUrl: database.url, redisUrl: testRedisUrl, redisStream: stream.name }),
    ),
  );
  const storage = await postgresStorage({ connectionString: database.url, schema: 'chat' });
  const banter = createBanter({ storage, authenticate: testAuthenticator(), logger: silentLogger });
  const redis = createClient({ url: testRedisUrl });
  redis.on('error', () => {});
  await redis.connect();
  const http = createServer();
  const io = new Server(http);
  io.adapter(createAdapter(redis, stream.adapterOptions));
  const nsp = banter.attach(io);
  host = {
    storage,
    bans: new Bans({ storage, broadcaster: () => socketBroadcaster(nsp), now: () => new Date() }),
    async close() {
      await banter.close();
      io.close();
      await redis.quit();
      await storage.close();
    },
  };
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await host?.close();
  await Promise.all(nodes.map((node) => node.stop()));
  await database?.drop();
  await stream.drop();
});

describe('a ban across three nodes sharing PostgreSQL and a Redis adapter', () => {
  it('ends the sessions on the other nodes, and their handshake and REST refuse the user', async () => {
    const [node1, node2] = nodes as [ServerProcess, ServerProcess];
    const onNode1 = await connect(node1, 'eve');
    const onNode2 = await connect(node2, 'eve');
    const bystander = await connect(node2, 'bob');
    const ended = [onNode1, onNode2].map((socket) => ({
      event: nextEvent(socket, 'session:ended', () => true, 10_000),
      reason: disconnection(socket),
    }));

    await host.bans.ban('eve', { reason: 'spam' });
    for (const { event, reason } of ended) {
      expect(await event).toEqual({
        code: 'banned',
        message: 'you are banned: spam',
        retryable: false,
      });
      expect(await reason).toBe('io server disconnect');
    }
    expect(bystander.connected).toBe(true);

    const refused = openSocket(node2.url, await signToken('eve'));
    sockets.push(refused);
    const error = await new Promise<ErrorPayload | undefined>((resolve) => {
      refused.once('connect', () => resolve(undefined));
      refused.once('connect_error', (e) => resolve((e as { data?: ErrorPayload }).data));
    });
    expect(error?.code).toBe('banned');
    expect((await restCall(node1.url, 'eve', 'GET', '/conversations')).status).toBe(403);

    await host.bans.unban('eve');
    expect((await restCall(node1.url, 'eve', 'GET', '/conversations')).status).toBe(200);
    await connect(node2, 'eve');
  });
});
