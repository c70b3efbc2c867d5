import {
  type ChatClient,
  type ChatClientOptions,
  type ChatState,
  createChatClient,
} from '@banter/core';
import { signToken } from '@banter/server-kit/test/harness';
import { expect, vi } from 'vitest';

/** Where a client connects: a test server, a server process, or a proxy in front of one. */
export type Endpoint = { url: string };

/** Clients made by `clientFor` are closed by `closeClients`. */
const clients: ChatClient[] = [];

/** A real client for `userId` against a test server, with timings shortened for tests. */
export function clientFor(
  server: Endpoint,
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
  server: Endpoint,
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
