import type { ChatClient, CreateGroupInput, SendInput } from '../client/chat-client';
import { pendingMessage } from '../client/pending-message';
import {
  ChatError,
  type Conversation,
  type ErrorCode,
  type Message,
  type Presence,
  type UserProfile,
} from '../protocol';
import type { ConnectionStatus, PendingMessage } from '../store/state';
import { initialState } from '../store/state';
import { createStore } from '../store/store';

export interface FakeClientOptions {
  userId: string;
  /** Profiles `fetchUsers` and `searchUsers` answer from. */
  users?: UserProfile[];
  /** Simulated server round trip for every call. Default 0 (next tick). */
  latencyMs?: number;
  connection?: ConnectionStatus;
}

/** What a test or a story does to the fake's simulated server and network. */
export interface FakeControls {
  /** Adds a conversation as the server would list it; returns it. */
  addConversation(input: Partial<Conversation> & { participantIds: string[] }): Conversation;
  /** Stores `count` messages in a conversation's history (alternating senders), oldest first. */
  seedHistory(
    conversationId: string,
    count: number,
    options?: { startAt?: Date; intervalMs?: number },
  ): void;
  /** A message from someone else arriving live. */
  receive(
    conversationId: string,
    message: { senderId: string; body?: string } & Partial<Message>,
  ): Message;
  typing(conversationId: string, userId: string, typing: boolean): void;
  presence(userId: string, online: boolean, lastSeenAt?: string): void;
  /** Another participant's read (and so delivered) watermark. */
  read(conversationId: string, userId: string, seq: number): void;
  delivered(conversationId: string, userId: string, seq: number): void;
  /** Sends wait while the status is not `connected`, and go out when it returns. */
  connection(status: ConnectionStatus, reason?: string): void;
  /** The next send is refused with this code; a retry then succeeds. */
  failNextSend(code: ErrorCode, message?: string): void;
  /** Every message the simulated server holds for a conversation. */
  stored(conversationId: string): Message[];
}

export interface FakeChatClient extends ChatClient {
  readonly fake: FakeControls;
}

/**
 * A `ChatClient` whose server lives in memory: for component tests, stories
 * and demos without a network. It uses the real store and reducer, so what a
 * UI renders is what it would render against a server; sends wait while the
 * simulated connection is down and are acknowledged once, in order.
 *
 * @example
 * const client = createFakeChatClient({ userId: 'ann' });
 * const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
 * client.fake.receive(id, { senderId: 'bob', body: 'Hi!' });
 */
export function createFakeChatClient(options: FakeClientOptions): FakeChatClient {
  const me = options.userId;
  const store = createStore(initialState(me), (error) => {
    throw error;
  });
  const latency = options.latencyMs ?? 0;
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, Message[]>();
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const outbox: PendingMessage[] = [];
  let failNext: { code: ErrorCode; message: string } | null = null;
  let status: ConnectionStatus = options.connection ?? 'connected';
  let counter = 0;
  const later = <T>(run: () => T): Promise<T> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(run());
        } catch (error) {
          reject(error);
        }
      }, latency),
    );
  store.dispatch({
    type: 'connectionChanged',
    status,
    reason: 'simulated',
    attempt: 0,
    error: null,
  });

  const view = (id: string): Conversation => {
    const conversation = conversations.get(id);
    if (!conversation)
      throw new ChatError('not_found', 'conversation not found, or you are not a participant');
    const held = messages.get(id) ?? [];
    const mine = conversation.participants.find((p) => p.userId === me);
    const unreadCount = held.filter(
      (m) => m.senderId !== me && m.seq > (mine?.lastReadSeq ?? 0) && !m.deletedAt,
    ).length;
    return { ...conversation, lastSeq: held.length, lastMessage: held.at(-1) ?? null, unreadCount };
  };

  const storeMessage = (
    conversationId: string,
    draft: Partial<Message> & { senderId: string },
  ): Message => {
    const held = messages.get(conversationId) ?? [];
    const message: Message = {
      id: `m-${++counter}`,
      conversationId,
      seq: held.length + 1,
      clientId: draft.clientId ?? `fake-${counter}`,
      kind: 'text',
      body: '',
      attachments: [],
      replyTo: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      ...draft,
    };
    messages.set(conversationId, [...held, message]);
    const conversation = conversations.get(conversationId);
    if (conversation)
      conversations.set(conversationId, { ...conversation, lastActivityAt: message.createdAt });
    return message;
  };

  const flushOutbox = () => {
    while (status === 'connected' && outbox.length > 0) {
      const pending = outbox.shift() as PendingMessage;
      void later(() => {
        if (failNext) {
          const { code, message } = failNext;
          failNext = null;
          store.dispatch({
            type: 'sendFailed',
            clientId: pending.clientId,
            error: new ChatError(code, message).toPayload(),
          });
          return;
        }
        const { status: _s, error: _e, ...rest } = pending;
        const stored = storeMessage(pending.conversationId, { ...rest, replyTo: pending.replyTo });
        store.dispatch({ type: 'received', message: stored });
      });
    }
  };

  const fake: FakeControls = {
    addConversation(input) {
      const now = new Date().toISOString();
      const conversation: Conversation = {
        id: input.id ?? `c-${++counter}`,
        kind: input.kind ?? (input.participantIds.length === 2 ? 'direct' : 'group'),
        title: input.title ?? null,
        metadata: input.metadata ?? null,
        createdBy: input.createdBy ?? me,
        createdAt: input.createdAt ?? now,
        lastSeq: 0,
        lastActivityAt: input.lastActivityAt ?? now,
        participants: input.participantIds.map((userId) => ({
          userId,
          role: userId === (input.createdBy ?? me) ? 'owner' : 'member',
          joinedAt: now,
          lastReadSeq: 0,
          lastDeliveredSeq: 0,
        })),
        lastMessage: null,
        unreadCount: 0,
        muted: input.muted ?? false,
        archived: input.archived ?? false,
      };
      conversations.set(conversation.id, conversation);
      messages.set(conversation.id, []);
      store.dispatch({ type: 'conversationUpserted', conversation: view(conversation.id) });
      return conversation;
    },
    seedHistory(conversationId, count, { startAt, intervalMs = 60_000 } = {}) {
      const conversation = conversations.get(conversationId);
      const others = conversation?.participants.map((p) => p.userId) ?? [me];
      const start = (startAt ?? new Date(Date.now() - count * intervalMs)).getTime();
      for (let i = 0; i < count; i++) {
        const senderId = others[i % others.length] as string;
        storeMessage(conversationId, {
          senderId,
          body: `Message ${i + 1}`,
          createdAt: new Date(start + i * intervalMs).toISOString(),
        });
      }
      store.dispatch({ type: 'conversationUpserted', conversation: view(conversationId) });
    },
    receive(conversationId, draft) {
      const message = storeMessage(conversationId, draft);
      store.dispatch({ type: 'received', message });
      return message;
    },
    typing(conversationId, userId, typing) {
      store.dispatch({ type: 'typing', conversationId, userId, typing });
    },
    presence(userId, online, lastSeenAt) {
      store.dispatch({
        type: 'presence',
        presence: [
          { userId, online, lastSeenAt: online ? null : (lastSeenAt ?? new Date().toISOString()) },
        ],
      });
    },
    read(conversationId, userId, seq) {
      setWatermark(conversationId, userId, seq, seq);
    },
    delivered(conversationId, userId, seq) {
      const current = conversations
        .get(conversationId)
        ?.participants.find((p) => p.userId === userId);
      setWatermark(conversationId, userId, current?.lastReadSeq ?? 0, seq);
    },
    connection(next, reason = 'simulated') {
      status = next;
      store.dispatch({ type: 'connectionChanged', status: next, reason, attempt: 0, error: null });
      flushOutbox();
    },
    failNextSend(code, message = 'refused by the server') {
      failNext = { code, message };
    },
    stored: (conversationId) => messages.get(conversationId) ?? [],
  };

  function setWatermark(conversationId: string, userId: string, read: number, delivered: number) {
    const conversation = conversations.get(conversationId);
    if (!conversation) return;
    conversations.set(conversationId, {
      ...conversation,
      participants: conversation.participants.map((p) =>
        p.userId === userId
          ? {
              ...p,
              lastReadSeq: Math.max(p.lastReadSeq, read),
              lastDeliveredSeq: Math.max(p.lastDeliveredSeq, delivered, read),
            }
          : p,
      ),
    });
    store.dispatch({
      type: 'receipt',
      receipt: {
        conversationId,
        userId,
        lastReadSeq: read,
        lastDeliveredSeq: Math.max(delivered, read),
      },
    });
  }

  const page = (conversationId: string, before: number | undefined, limit = 50) => {
    const held = messages.get(conversationId) ?? [];
    const end = before === undefined ? held.length : Math.max(0, before - 1);
    const start = Math.max(0, end - limit);
    return { messages: held.slice(start, end), hasMore: start > 0 };
  };

  const client: FakeChatClient = {
    userId: me,
    fake,
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    connect() {},
    async close() {},
    loadConversations: ({ archived = false } = {}) => {
      store.dispatch({ type: 'conversationsLoading' });
      return later(() => {
        const list = [...conversations.keys()].map(view).filter((c) => c.archived === archived);
        store.dispatch({ type: 'conversationsLoaded', conversations: list });
      });
    },
    openConversation(conversationId) {
      if (!store.getSnapshot().timelines[conversationId]?.loaded) {
        void later(() => {
          const { messages: newest, hasMore } = page(conversationId, undefined);
          store.dispatch({
            type: 'historyLoaded',
            conversationId,
            messages: newest,
            position: 'newest',
            hasMore,
          });
        });
      }
      return () => {};
    },
    loadOlderMessages(conversationId) {
      const first = store.getSnapshot().timelines[conversationId]?.messages[0];
      if (!first) return Promise.resolve();
      store.dispatch({ type: 'historyLoading', conversationId });
      return later(() => {
        const { messages: older, hasMore } = page(conversationId, first.seq);
        store.dispatch({
          type: 'historyLoaded',
          conversationId,
          messages: older,
          position: 'older',
          hasMore,
        });
      });
    },
    sendMessage(conversationId, input: SendInput) {
      const pending = pendingMessage(conversationId, me, input);
      store.dispatch({ type: 'queued', message: pending });
      outbox.push(pending);
      flushOutbox();
      return pending.clientId;
    },
    retryMessage(clientId) {
      const pending = Object.values(store.getSnapshot().timelines)
        .flatMap((t) => t.pending)
        .find((p) => p.clientId === clientId && p.status === 'failed');
      if (!pending) return;
      store.dispatch({ type: 'sendRetried', clientId });
      outbox.push({ ...pending, status: 'sending', error: null });
      flushOutbox();
    },
    discardMessage: (clientId) => store.dispatch({ type: 'sendDiscarded', clientId }),
    editMessage: (conversationId, messageId, body) =>
      later(() => update(conversationId, messageId, { body, editedAt: new Date().toISOString() })),
    deleteMessage: (conversationId, messageId) =>
      later(() =>
        update(conversationId, messageId, {
          body: '',
          attachments: [],
          deletedAt: new Date().toISOString(),
        }),
      ),
    markRead: (conversationId, seq) =>
      later(() => {
        const target = seq ?? messages.get(conversationId)?.length ?? 0;
        setWatermark(conversationId, me, target, target);
      }),
    typing() {},
    stopTyping() {},
    createDirectConversation: (userId) =>
      later(() => {
        const existing = [...conversations.values()].find(
          (c) => c.kind === 'direct' && c.participants.some((p) => p.userId === userId),
        );
        return existing
          ? view(existing.id)
          : view(fake.addConversation({ participantIds: [me, userId] }).id);
      }),
    createGroupConversation: (input: CreateGroupInput) =>
      later(() =>
        view(
          fake.addConversation({
            participantIds: [me, ...input.participantIds],
            title: input.title,
            kind: 'group',
          }).id,
        ),
      ),
    addParticipants: (conversationId) => later(() => view(conversationId)),
    removeParticipant: (conversationId) => later(() => view(conversationId)),
    leaveConversation: (conversationId) =>
      later(() => {
        conversations.delete(conversationId);
        store.dispatch({ type: 'conversationRemoved', conversationId });
      }),
    archiveConversation: (conversationId, archived = true) => setFlag(conversationId, { archived }),
    muteConversation: (conversationId, muted = true) => setFlag(conversationId, { muted }),
    fetchPresence: (userIds) =>
      later(() =>
        userIds
          .map((id) => store.getSnapshot().presence[id])
          .filter((p): p is Presence => p !== undefined),
      ),
    fetchUsers: (userIds) =>
      later(() => {
        const found = userIds.map((id) => users.get(id) ?? { id, name: id });
        store.dispatch({ type: 'users', users: found });
        return found;
      }),
    searchUsers: (query) =>
      later(() => {
        const found = [...users.values()].filter(
          (u) => u.id !== me && u.name.toLowerCase().includes(query.toLowerCase()),
        );
        store.dispatch({ type: 'users', users: found });
        return found;
      }),
  };

  function update(conversationId: string, messageId: string, change: Partial<Message>): Message {
    const held = messages.get(conversationId) ?? [];
    const index = held.findIndex((m) => m.id === messageId);
    if (index === -1) throw new ChatError('not_found', 'no such message');
    const updated = { ...(held[index] as Message), ...change };
    messages.set(
      conversationId,
      held.map((m, i) => (i === index ? updated : m)),
    );
    store.dispatch({ type: 'received', message: updated });
    return updated;
  }

  function setFlag(conversationId: string, change: Partial<Conversation>) {
    return later(() => {
      const conversation = conversations.get(conversationId);
      if (!conversation) throw new ChatError('not_found', 'no such conversation');
      conversations.set(conversationId, { ...conversation, ...change });
      const updated = view(conversationId);
      store.dispatch({ type: 'conversationUpserted', conversation: updated });
      return updated;
    });
  }

  return client;
}
