import type { PGlite } from '@electric-sql/pglite';
import type { ServerOptions } from 'socket.io';
import { expect, vi } from 'vitest';
import type { BanterOptions } from '../../server-kit/src/options';
import { signToken, startServer, type TestServer } from '../../server-kit/test/harness';
import type { ChatClient } from '../src/client/chat-client';
import { createChatClient } from '../src/client/create-chat-client';
import type { ChatClientOptions } from '../src/client/options';
import type { ChatState } from '../src/store/state';

export { signToken, startServer, type TestServer };

/** Clients made by `clientFor` are closed by `closeClients`. */
const clients: ChatClient[] = [];

/** A real client for `userId` against a test server, with timings shortened for tests. */
export function clientFor(
  server: TestServer | { url: string },
  userId: string,
  options: Partial<ChatClientOptions> = {},
) {
  const client = createChatClient({
    url: server.url,
    userId,
    getToken: () => signToken(userId),
    transports: ['websocket'],
    requestTimeoutMs: 3_000,
    backoff: { minMs: 50, maxMs: 400, factor: 2 },
    pollIntervalMs: 300,
    ...options,
  });
  clients.push(client);
  return client;
}

export async function closeClients() {
  await Promise.all(clients.splice(0).map((client) => client.close()));
}

/** A test server whose limits stay out of the way of correctness tests. */
export async function startTestServer(
  db: PGlite,
  overrides: Partial<BanterOptions> = {},
  socketOptions: Partial<ServerOptions> = {},
) {
  const limits = {
    sendRate: { perSecond: 1_000, burst: 1_000 },
    requestRate: { perSecond: 1_000, burst: 2_000 },
  };
  return startServer(db, { limits, ...overrides }, socketOptions);
}

/** Waits until `check` passes on the client's state. */
export async function until(
  client: ChatClient,
  check: (state: ChatState) => void,
  timeout = 8_000,
) {
  await vi.waitFor(() => check(client.getSnapshot()), { timeout, interval: 20 });
}

export async function connected(client: ChatClient) {
  await until(client, (state) => expect(state.connection.status).toBe('connected'));
}

/** Bodies of a conversation as the client shows it: confirmed in seq order, then pending. */
export function bodies(client: ChatClient, conversationId: string): string[] {
  const timeline = client.getSnapshot().timelines[conversationId];
  return [
    ...(timeline?.messages ?? []).map((m) => m.body),
    ...(timeline?.pending ?? []).map((p) => p.body),
  ];
}

/** Two people connected, with a direct conversation between them open (and loaded) on both sides. */
export async function chattingPair(
  server: TestServer | { url: string },
  [annId, bobId]: [string, string] = ['ann', 'bob'],
  options: { ann?: Partial<ChatClientOptions>; bob?: Partial<ChatClientOptions> } = {},
) {
  const ann = clientFor(server, annId, options.ann);
  const bob = clientFor(server, bobId, options.bob);
  await Promise.all([connected(ann), connected(bob)]);
  const { id } = await ann.createDirectConversation(bobId);
  ann.openConversation(id);
  bob.openConversation(id);
  await until(ann, (s) => expect(s.timelines[id]?.loaded).toBe(true));
  await until(bob, (s) => expect(s.timelines[id]?.loaded).toBe(true));
  return { ann, bob, id };
}
