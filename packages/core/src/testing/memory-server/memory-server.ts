import {
  admitPayload,
  ChatError,
  type Conversation,
  defaultPayloadBytes,
  isRequestName,
  type Message,
  type PayloadLimits,
  type Presence,
  parseRequest,
  protocolLimits,
  type Receipt,
  type RequestName,
  type RequestResult,
  type ServerLimits,
  type ServerToClientEvents,
  type UserProfile,
} from '../../protocol';
import { type MemoryLinkOptions, MemoryTransport } from './memory-transport';
import { checkNotBanned } from './moderation';
import { type Caller, operations } from './operations';
import { copy, MemoryState, type NewConversation, type StoredConversation } from './state';

/** How `createMemoryServer` sets up a server: its users, auth, limits and clock. */
export interface MemoryServerOptions {
  /** Profiles `user:get` and `user:search` answer from. */
  users?: UserProfile[];
  /** Who a token names. Default: the token is the user id. Throw a ChatError to refuse it. */
  authenticate?: (token: string) => string;
  /** Overrides for the limits; the rest keep server-kit's defaults. */
  limits?: Partial<MemoryServerLimits>;
  /** The server's clock, for timestamps and last-seen times. Default: the real time. */
  now?: () => Date;
}

export interface MemoryServerLimits extends ServerLimits {
  /** How long a client shows someone typing without a fresh signal. Default 6,000. */
  typingExpiryMs: number;
}

/** The server end of one connected socket. */
export interface ServerSocket {
  readonly id: string;
  readonly userId: string;
  deliver<E extends keyof ServerToClientEvents>(
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** The server closes the socket (`io server disconnect`). */
  end(): void;
}

/**
 * A Banter server in memory: the protocol (seq, clientId dedup, receipts,
 * typing, presence, paging, typed errors) without a database or a network.
 * Clients reach it through `transport()`, so a test or a story runs the real
 * client (its outbox, store and gap-fill) against it. The protocol suite in
 * packages/integration runs the same cases against it and against server-kit.
 *
 * @example
 * const server = createMemoryServer({ users: [{ id: 'bob', name: 'Bob' }] });
 * const link = server.transport();
 * const client = createChatClient({ userId: 'ann', token: 'ann', transport: link });
 * const { id } = server.addConversation({ createdBy: 'ann', participantIds: ['bob'] });
 * server.post(id, { senderId: 'bob', body: 'Hi Ann!' });
 */
export class MemoryServer {
  /** Everything the server holds (users, conversations, messages), for tests to inspect. */
  readonly state: MemoryState;
  /** The limits in force, defaults filled in. */
  readonly limits: MemoryServerLimits;
  readonly #authenticate: (token: string) => string;
  readonly #sockets = new Map<string, ServerSocket>();
  /** Users shown online without a socket of their own (the other side of a story). */
  readonly #onlineWithoutSocket = new Set<string>();

  constructor(options: MemoryServerOptions = {}) {
    this.state = new MemoryState(options.now ?? (() => new Date()));
    for (const user of options.users ?? []) this.state.users.set(user.id, copy(user));
    // server-kit's defaults.
    const given = options.limits ?? {};
    this.limits = {
      maxTextLength: given.maxTextLength ?? 4_000,
      maxGroupSize: given.maxGroupSize ?? 100,
      maxPayloadBytes: given.maxPayloadBytes ?? defaultPayloadBytes,
      maxPayloadDepth: given.maxPayloadDepth ?? protocolLimits.payloadDepth,
      typingExpiryMs: given.typingExpiryMs ?? 6_000,
    };
    this.#authenticate = options.authenticate ?? ((token) => token);
  }

  /** The size and depth every request payload is checked against. */
  get payloadLimits(): PayloadLimits {
    return { maxBytes: this.limits.maxPayloadBytes, maxDepth: this.limits.maxPayloadDepth };
  }

  /** What the `session` event tells clients, as server-kit does. */
  get sessionLimits(): ServerLimits {
    const { maxTextLength, maxPayloadBytes, maxPayloadDepth, maxGroupSize } = this.limits;
    return { maxTextLength, maxPayloadBytes, maxPayloadDepth, maxGroupSize };
  }

  /** A client's link to this server, with its own network controls. */
  transport(options: MemoryLinkOptions = {}): MemoryTransport {
    return new MemoryTransport(this, options);
  }

  /** The user a token names, or `unauthenticated`. */
  authenticate(token: string): string {
    let userId: string;
    try {
      userId = this.#authenticate(token);
    } catch (error) {
      if (error instanceof ChatError) throw error;
      throw new ChatError('unauthenticated', 'unable to authenticate: token refused');
    }
    if (typeof userId !== 'string' || userId === '') {
      throw new ChatError('unauthenticated', 'unable to authenticate: no user for this token');
    }
    checkNotBanned(this, userId, 'connect');
    return userId;
  }

  /** Runs one request as the server would: validated, authorized, answered or refused. */
  handle<E extends RequestName>(name: E, payload: unknown, caller: Caller): RequestResult<E> {
    if (!isRequestName(name)) {
      throw new ChatError('unknown_event', `unknown event ${String(name).slice(0, 64)}`);
    }
    // As on the wire: the payload is admitted (depth, size, every string, its schema), and
    // what the handler gets shares no object with the caller.
    checkNotBanned(this, caller.userId, name);
    admitPayload(payload, this.payloadLimits, name);
    const input = parseRequest(name, copy(payload));
    const operation = operations[name] as (
      server: MemoryServer,
      caller: Caller,
      input: unknown,
    ) => RequestResult<E>;
    return operation(this, caller, input);
  }

  // The server side of the sockets

  /** Registers a socket that finished connecting; its user's contacts hear they came online. */
  connected(socket: ServerSocket) {
    const wasOnline = this.isOnline(socket.userId);
    this.#sockets.set(socket.id, socket);
    if (!wasOnline) this.#announcePresence(socket.userId);
  }

  /** Forgets a socket; if it was the user's last, they are shown offline, last seen now. */
  disconnected(socketId: string) {
    const socket = this.#sockets.get(socketId);
    if (!socket) return;
    this.#sockets.delete(socketId);
    if (!this.isOnline(socket.userId)) {
      this.state.lastSeen.set(socket.userId, this.state.now().toISOString());
      this.#announcePresence(socket.userId);
    }
  }

  /** Whether a user has a connected socket or was shown online with `setPresence`. */
  isOnline(userId: string): boolean {
    if (this.#onlineWithoutSocket.has(userId)) return true;
    for (const socket of this.#sockets.values()) if (socket.userId === userId) return true;
    return false;
  }

  /** A user's presence as the `presence` event carries it. */
  presenceOf(userId: string): Presence {
    const online = this.isOnline(userId);
    return {
      userId,
      online,
      lastSeenAt: online ? null : (this.state.lastSeen.get(userId) ?? null),
    };
  }

  // Fan-out, as server-kit's rooms do it: computed from the participants at the moment of sending

  /** Sends an event to every connected socket of these users, each getting its own copy. */
  toUsers<E extends keyof ServerToClientEvents>(
    userIds: Iterable<string>,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ) {
    const to = new Set(userIds);
    for (const socket of [...this.#sockets.values()]) {
      if (to.has(socket.userId)) socket.deliver(event, ...(copy(args) as typeof args));
    }
  }

  /** Sends an event to every participant of a conversation as it stands now. */
  toConversation<E extends keyof ServerToClientEvents>(
    conversation: StoredConversation,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ) {
    this.toUsers(
      conversation.participants.map((p) => p.userId),
      event,
      ...args,
    );
  }

  /** Tells each member about the conversation as they see it. */
  announce(conversation: StoredConversation) {
    for (const { userId } of conversation.participants) {
      this.toUsers([userId], 'conversation:updated', this.state.view(conversation, userId));
    }
  }

  /**
   * Tells a user who left or was removed that the conversation is gone for
   * them, and the remaining members that it changed.
   */
  removed(conversation: StoredConversation, userId: string, reason: 'left' | 'removed') {
    this.toUsers([userId], 'conversation:removed', { conversationId: conversation.id, reason });
    this.announce(conversation);
  }

  /** Sends a user's own devices their updated view of a conversation (after an archive or mute). */
  refreshOwnDevices(conversation: StoredConversation, userId: string): Conversation {
    const view = this.state.view(conversation, userId);
    this.toUsers([userId], 'conversation:updated', view);
    return view;
  }

  /**
   * Moves a user's read or delivered watermark forward (never back, never past
   * the last message; read implies delivered) and sends the receipt to the conversation.
   */
  advance(
    input: { conversationId: string; seq: number },
    userId: string,
    watermark: 'read' | 'delivered',
  ): Receipt {
    const conversation = this.state.require(input.conversationId, userId);
    const participant = this.state.participant(conversation, userId);
    const target = Math.min(input.seq, conversation.messages.length);
    if (watermark === 'read') participant.lastReadSeq = Math.max(participant.lastReadSeq, target);
    participant.lastDeliveredSeq = Math.max(
      participant.lastDeliveredSeq,
      participant.lastReadSeq,
      target,
    );
    const receipt: Receipt = {
      conversationId: conversation.id,
      userId,
      lastReadSeq: participant.lastReadSeq,
      lastDeliveredSeq: participant.lastDeliveredSeq,
    };
    this.toConversation(conversation, 'receipt', receipt);
    return receipt;
  }

  #announcePresence(userId: string) {
    // Whom the user blocks does not see their presence.
    const to = [...this.state.contactsOf(userId)].filter(
      (id) => !this.state.isBlocking(userId, id),
    );
    this.toUsers([...to, userId], 'presence', this.presenceOf(userId));
  }

  // Controls: what tests and stories do as "the other side"

  /** Creates a conversation as `createdBy` would, and tells its members. */
  addConversation(input: NewConversation): Conversation {
    const conversation = this.state.addConversation(input);
    this.announce(conversation);
    return this.state.view(conversation, input.createdBy);
  }

  /** A message from a participant, delivered live to everyone in the conversation. */
  post(conversationId: string, draft: Partial<Message> & { senderId: string }): Message {
    const conversation = this.#conversation(conversationId);
    const message = this.state.append(conversation, draft);
    this.toConversation(conversation, 'message:new', message);
    return copy(message);
  }

  /**
   * Stores `count` messages (senders taking turns), oldest first, without
   * live events: history a client finds when it pages or catches up.
   */
  seedHistory(
    conversationId: string,
    count: number,
    { startAt, intervalMs = 60_000 }: { startAt?: Date; intervalMs?: number } = {},
  ) {
    const conversation = this.#conversation(conversationId);
    const senders = conversation.participants.map((p) => p.userId);
    const start = (startAt ?? new Date(this.state.now().getTime() - count * intervalMs)).getTime();
    for (let i = 0; i < count; i++) {
      this.state.append(conversation, {
        senderId: senders[i % senders.length] as string,
        body: `Message ${i + 1}`,
        createdAt: new Date(start + i * intervalMs).toISOString(),
      });
    }
    this.announce(conversation);
  }

  /** Someone starts or stops typing. */
  setTyping(conversationId: string, userId: string, typing: boolean) {
    this.#conversation(conversationId);
    operations['typing:set'](this, { userId }, { conversationId, typing });
  }

  /** Shows a user online (as if a device of theirs were connected) or offline since `lastSeenAt`. */
  setPresence(userId: string, online: boolean, lastSeenAt?: string) {
    if (online) this.#onlineWithoutSocket.add(userId);
    else {
      this.#onlineWithoutSocket.delete(userId);
      this.state.lastSeen.set(userId, lastSeenAt ?? this.state.now().toISOString());
    }
    this.#announcePresence(userId);
  }

  /** A participant's device received (`delivered`) or showed (`read`) messages up to `seq`. */
  markWatermark(
    conversationId: string,
    userId: string,
    watermark: 'read' | 'delivered',
    seq: number,
  ) {
    return this.advance({ conversationId, seq }, userId, watermark);
  }

  /**
   * The host bans a user: every socket of theirs hears `session:ended` and is
   * closed, and their handshakes and requests are refused with `banned`.
   */
  ban(userId: string, message = 'this account may not use chat') {
    this.state.banned.set(userId, message);
    for (const socket of [...this.#sockets.values()]) {
      if (socket.userId !== userId) continue;
      socket.deliver('session:ended', { code: 'banned', message, retryable: false });
      socket.end();
    }
  }

  /** Lifts a ban: the user may connect again. */
  unban(userId: string) {
    this.state.banned.delete(userId);
  }

  /** Every message stored in a conversation, in seq order. */
  messages(conversationId: string): Message[] {
    return copy(this.#conversation(conversationId).messages);
  }

  #conversation(conversationId: string): StoredConversation {
    const conversation = this.state.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId} on the memory server`);
    return conversation;
  }
}

/** A MemoryServer holding no conversations yet; see the class for what it serves. */
export function createMemoryServer(options: MemoryServerOptions = {}): MemoryServer {
  return new MemoryServer(options);
}
