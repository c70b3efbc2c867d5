import type { ChatClient, Message, UserProfile } from '@banter/core';
import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';

/** Who is signed in, in every story. */
export const me = 'ann';

export const people: UserProfile[] = [
  { id: 'ann', name: 'Ann Lee' },
  { id: 'bob', name: 'Bob Marley' },
  { id: 'cat', name: 'Cat Stevens' },
  { id: 'dan', name: 'Dan Brown' },
  { id: 'eve', name: 'Eve Online' },
  { id: 'jose', name: 'José Álvarez' },
];

/** The conversation with Bob most ChatWindow stories open. */
export const bobChat = 'c-bob';

/**
 * What `parameters.client` holds: a factory, so every render gets a fresh
 * client. The loader in .storybook/preview.tsx awaits it before rendering.
 */
export type ClientFactory = () => ChatClient | Promise<ChatClient>;

/**
 * The real client signed in as Ann, over an in-memory server and network:
 * no server, no network. Returned at once, while it connects.
 */
export function fakeClient(options: { latencyMs?: number } = {}): FakeChatClient {
  return createFakeChatClient({ userId: me, users: people, ...options });
}

/** As `fakeClient`, once connected: what the story seeds then reaches it live. */
async function connectedClient(options: { latencyMs?: number } = {}): Promise<FakeChatClient> {
  const client = fakeClient(options);
  await client.fake.until((state) => state.connection.status === 'connected');
  return client;
}

/**
 * A factory for a fake client with a direct conversation with Bob, after
 * `setup` has played its part of the server (and of Ann) on it.
 */
export function withBobChat(
  setup: (client: FakeChatClient, conversationId: string) => void | Promise<void> = () => {},
  options: { latencyMs?: number } = {},
): () => Promise<FakeChatClient> {
  return async () => {
    const client = await connectedClient(options);
    client.fake.addConversation({ id: bobChat, participantIds: [me, 'bob'] });
    await setup(client, bobChat);
    return client;
  };
}

/** A factory for a fake client whose conversation with Bob holds `count` messages. */
export function seededBobChat(count: number, intervalMs = 60_000): () => Promise<FakeChatClient> {
  return withBobChat((client, id) => {
    client.fake.seedHistory(id, count, { intervalMs });
    // Read history: an unread conversation would open at its first unread message.
    client.fake.read(id, me, count);
  });
}

/** A few conversations: direct ones with each person, and a group. */
export function withConversations(
  setup: (client: FakeChatClient) => void = () => {},
): () => Promise<FakeChatClient> {
  return async () => {
    const client = await connectedClient();
    const { fake } = client;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    fake.addConversation({ id: 'c-bob', participantIds: [me, 'bob'] });
    fake.receive('c-bob', { senderId: 'bob', body: 'See you at the harbour at six?' });
    fake.addConversation({ id: 'c-cat', participantIds: [me, 'cat'] });
    fake.receive('c-cat', {
      senderId: me,
      body: 'Thanks for the photos!',
      createdAt: minutesAgo(50),
    });
    fake.addConversation({ id: 'c-jose', participantIds: [me, 'jose'] });
    fake.receive('c-jose', { senderId: 'jose', body: 'Hola', createdAt: minutesAgo(60 * 26) });
    fake.addConversation({
      id: 'c-trip',
      title: 'Weekend trip',
      participantIds: [me, 'bob', 'cat', 'dan'],
    });
    fake.receive('c-trip', {
      senderId: 'dan',
      body: 'Who brings the tent?',
      createdAt: minutesAgo(5),
    });
    setup(client);
    return client;
  };
}

/** A URL served from .storybook/public, so images load without any network. */
export function fixtureUrl(file: string): string {
  const origin = typeof window === 'undefined' ? 'http://localhost:6006' : window.location.origin;
  return `${origin}/fixtures/${file}`;
}

/** `count` direct conversations, for long-list stories. */
export function manyConversations(count: number): () => Promise<FakeChatClient> {
  return async () => {
    const client = await connectedClient();
    for (let i = 1; i <= count; i++) {
      const id = `c-${i}`;
      client.fake.addConversation({ id, participantIds: [me, `user-${i}`] });
      client.fake.receive(id, { senderId: `user-${i}`, body: `Hello from person ${i}` });
    }
    return client;
  };
}

/** Other people's clients on a story's server, one per user: their reactions are real ones. */
const peers = new WeakMap<object, Map<string, Promise<FakeChatClient>>>();

/**
 * Someone else reacts to a message, through their own client on the same
 * in-memory server, so the story shows what the server would send.
 */
export async function reactAs(
  client: FakeChatClient,
  userId: string,
  conversationId: string,
  messageId: string,
  emoji: string,
): Promise<void> {
  const byUser = peers.get(client.fake.server) ?? new Map<string, Promise<FakeChatClient>>();
  peers.set(client.fake.server, byUser);
  let peer = byUser.get(userId);
  if (!peer) {
    peer = (async () => {
      const other = createFakeChatClient({ userId, users: people, server: client.fake.server });
      await other.fake.until((state) => state.connection.status === 'connected');
      return other;
    })();
    byUser.set(userId, peer);
  }
  const other = await peer;
  other.addReaction(conversationId, messageId, emoji);
  // Their client has no timeline open to watch: wait for the server to hold the reaction.
  await serverHas(client, conversationId, (messages) =>
    messages.some((m) => m.id === messageId && m.reactions.some((r) => r.userIds.includes(userId))),
  );
}

/** Resolves once the server's messages of a conversation pass `check` (polled: the server has no events to watch). */
export async function serverHas(
  client: FakeChatClient,
  conversationId: string,
  check: (messages: Message[]) => boolean,
): Promise<void> {
  for (let i = 0; i < 400 && !check(client.fake.stored(conversationId)); i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
}
