import type { ChatClient } from '../client/chat-client';
import { createChatClient } from '../client/create-chat-client';
import type { ChatClientOptions } from '../client/options';
import type { Conversation, ErrorCode, Message, UserProfile } from '../protocol';
import type { ChatState, ConnectionStatus } from '../store/state';
import { createMemoryServer, type MemoryServer } from './memory-server/memory-server';
import type { MemoryTransport } from './memory-server/memory-transport';

/** How `createFakeChatClient` sets up the fake client, its server and its network. */
export interface FakeClientOptions {
  /** The signed-in user; also the token, since the memory server takes a token as the user id. */
  userId: string;
  /** Profiles `fetchUsers` and `searchUsers` answer from. */
  users?: UserProfile[];
  /** Each trip between client and server takes this long. Default 0. */
  latencyMs?: number;
  /** Share a server between several fake clients (two people chatting). Default: a new one. */
  server?: MemoryServer;
  /** Anything else for `createChatClient`. */
  clientOptions?: Partial<ChatClientOptions>;
}

/** What a test or a story does to the fake's server and network. */
export interface FakeControls {
  /** The memory server behind the client, for what these shortcuts do not cover. */
  readonly server: MemoryServer;
  /** This client's network link, for finer faults (`hold`, `dropNextAck`, `blockSocket`). */
  readonly link: MemoryTransport;
  /** Adds a conversation as the server would list it (created by the signed-in user unless said). */
  addConversation(input: Partial<Conversation> & { participantIds: string[] }): Conversation;
  /** Stores `count` messages in a conversation's history (senders taking turns), oldest first. */
  seedHistory(
    conversationId: string,
    count: number,
    options?: { startAt?: Date; intervalMs?: number },
  ): void;
  /** A message from a participant, arriving live. */
  receive(
    conversationId: string,
    message: { senderId: string; body?: string } & Partial<Message>,
  ): Message;
  /** Someone starts or stops typing (told to this client once it is connected). */
  typing(conversationId: string, userId: string, typing: boolean): void;
  /** Shows a user online, or offline since `lastSeenAt` (default: now). */
  presence(userId: string, online: boolean, lastSeenAt?: string): void;
  /** Another participant's read (and so delivered) watermark. */
  read(conversationId: string, userId: string, seq: number): void;
  /** Another participant's devices received messages up to `seq` (not yet read). */
  delivered(conversationId: string, userId: string, seq: number): void;
  /**
   * Puts the network in a state that brings the real client to `status`:
   * `offline` takes the network away, `reconnecting` leaves the server
   * unanswering, `connected` restores both. The client gets there through its
   * own state machine, so `connected` is reached asynchronously.
   */
  connection(status: 'connected' | 'reconnecting' | 'offline'): void;
  /** The next send is refused with this code; a retry then succeeds. */
  failNextSend(code: ErrorCode, message?: string): void;
  /** Every message the server holds for a conversation. */
  stored(conversationId: string): Message[];
  /** Resolves once the client's state passes `check`. */
  until(check: (state: ChatState) => boolean): Promise<void>;
}

export interface FakeChatClient extends ChatClient {
  /** Controls for the in-memory server and network under this client. */
  readonly fake: FakeControls;
}

/**
 * The real `ChatClient` (store, outbox, gap-fill, REST fallback) over an
 * in-memory server and network: for component tests, stories and demos
 * without a server. What a UI renders is what it would render in production.
 *
 * @example
 * const client = createFakeChatClient({ userId: 'ann' });
 * const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
 * client.fake.receive(id, { senderId: 'bob', body: 'Hi!' });
 */
export function createFakeChatClient(options: FakeClientOptions): FakeChatClient {
  const me = options.userId;
  const server = options.server ?? createMemoryServer({ users: options.users });
  const link = server.transport({ latencyMs: options.latencyMs });
  const client = createChatClient({
    userId: me,
    token: me,
    transport: link,
    environment: link.environment,
    // In memory, a retry costs nothing: come back fast so stories settle quickly.
    backoff: { minMs: 50, maxMs: 1_000, factor: 2 },
    pollIntervalMs: 1_000,
    ...options.clientOptions,
  });

  const until = (check: (state: ChatState) => boolean) =>
    new Promise<void>((resolve) => {
      if (check(client.getSnapshot())) return resolve();
      const stop = client.subscribe(() => {
        if (!check(client.getSnapshot())) return;
        stop();
        resolve();
      });
    });
  /** Volatile events (typing, presence changes) reach only connected sockets, as on a real server. */
  const whenConnected = (run: () => void) => {
    if (client.getSnapshot().connection.status === 'connected') run();
    else void until((state) => state.connection.status === 'connected').then(run);
  };

  const fake: FakeControls = {
    server,
    link,
    addConversation(input) {
      const { participantIds, createdBy, ...rest } = input;
      return server.addConversation({
        ...rest,
        createdBy: createdBy ?? me,
        participantIds,
      });
    },
    seedHistory: (conversationId, count, seedOptions) =>
      server.seedHistory(conversationId, count, seedOptions),
    receive: (conversationId, message) => server.post(conversationId, message),
    typing: (conversationId, userId, typing) =>
      whenConnected(() => server.setTyping(conversationId, userId, typing)),
    presence(userId, online, lastSeenAt) {
      server.setPresence(userId, online, lastSeenAt);
      // Told again once connected: the client asks only for contacts it knows of.
      whenConnected(() => server.setPresence(userId, online, lastSeenAt));
    },
    read: (conversationId, userId, seq) => {
      server.markWatermark(conversationId, userId, 'read', seq);
    },
    delivered: (conversationId, userId, seq) => {
      server.markWatermark(conversationId, userId, 'delivered', seq);
    },
    connection(status: ConnectionStatus) {
      if (status === 'offline') {
        link.stall(false);
        link.goOffline();
      } else if (status === 'reconnecting') {
        link.stall(true);
      } else if (status === 'connected') {
        link.stall(false);
        link.goOnline();
      } else {
        throw new TypeError(`fake.connection cannot bring a client to ${status}`);
      }
    },
    failNextSend: (code, message = 'refused by the server') =>
      link.failNext('message:send', code, message),
    stored: (conversationId) => server.messages(conversationId),
    until,
  };
  return Object.assign(client, { fake });
}
