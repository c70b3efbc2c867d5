import { defaultBackoff } from '../connection/backoff';
import { Connection } from '../connection/connection';
import { platformEnvironment } from '../connection/environment';
import { GapFiller } from '../features/gap-fill';
import { History } from '../features/history';
import { Poller } from '../features/poller';
import { Receipts } from '../features/receipts';
import { defaultTypingTimings, TypingReceiver, TypingSender } from '../features/typing';
import { Outbox, type ReadyAction } from '../outbox/outbox';
import { memoryOutboxStorage } from '../outbox/outbox-storage';
import {
  ChatError,
  type Conversation,
  defaultNamespace,
  type Message,
  protocolLimits,
  type SendMessageInput,
} from '../protocol';
import type { PendingAction, PendingMessage } from '../store/state';
import { initialState } from '../store/state';
import { createStore } from '../store/store';
import type { ChatTransport } from '../transport/chat-transport';
import type { RealtimeSocket } from '../transport/realtime-socket';
import { createRequester } from '../transport/requester';
import { socketIoTransport } from '../transport/socket-io-transport';
import { TokenSource } from '../transport/token-source';
import { clientUploads } from '../uploads/client-uploads';
import { withFiles } from '../uploads/with-files';
import type { ChatClient } from './chat-client';
import { newClientId } from './client-id';
import type { ChatClientOptions } from './options';
import { type ActionTarget, pendingAction } from './pending-action';
import { pendingMessage } from './pending-message';
import { searchMessages } from './search-messages';

/** Creates a client and, unless `autoConnect: false`, starts connecting. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  if (!options.userId) throw new TypeError('createChatClient needs the signed-in userId');
  const userId = options.userId;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const backoff = { ...defaultBackoff, ...options.backoff };
  const report = (error: unknown) => {
    const chatError = ChatError.from(error);
    store.dispatch({ type: 'failed', error: chatError.toPayload() });
    try {
      options.onError?.(chatError);
    } catch {
      // A throwing onError must not break the client.
    }
  };
  const store = createStore(initialState(userId), report);
  const logger = options.logger === undefined ? globalThis.console : options.logger;
  const tokens = new TokenSource(options);
  const transport = transportOf(options);
  const rest = transport.createRest?.(tokens) ?? null;

  const watched = new Map<string, number>();
  let closed = false;

  const connection: Connection = new Connection({
    socket: transport.createSocket(),
    tokens,
    backoff,
    fallbackAfterAttempts: options.fallbackAfterAttempts ?? 2,
    stableAfterMs: 10_000,
    requestTimeoutMs: timeoutMs,
    environment: options.environment ?? platformEnvironment(),
    onStatus(change) {
      const { status, attempt } = change;
      store.dispatch({ type: 'connectionChanged', ...change });
      // A misconfiguration must not pass for an outage: said once where developers look.
      if (status === 'refused') logger?.error(`[banter] ${change.reason}`);
      // Whenever the socket is not live, REST carries sends and polling finds what others sent:
      // a socket that hangs while connecting must not leave the chat silent meanwhile.
      const socketDown =
        status === 'connecting' || status === 'reconnecting' || status === 'offline';
      if (socketDown && rest && attempt > 0) {
        poller.start();
        outbox.kick(undefined, { now: status === 'offline' });
      } else if (!socketDown) {
        poller.stop();
      }
      if (status === 'connected') presenceRefresh.start();
      else presenceRefresh.stop();
      // Banned: what waits in the outbox fails with the server's reason instead of waiting.
      if (status === 'refused') outbox.kick();
    },
    onSession() {
      outbox.kick(undefined, { now: true });
      // Also on the first session: messages may have landed between a REST load and the socket joining its rooms.
      catchUp().catch(reportUnlessOutage);
    },
    bind: (socket) => bindEvents(socket),
    onError: report,
  });
  const { request, available } = createRequester(connection, rest, timeoutMs);

  // One summary request per conversation at a time, and one more after it if asked meanwhile.
  const refreshing = new Map<string, boolean>();
  const refreshSummary = (conversationId: string) => {
    if (refreshing.has(conversationId)) return void refreshing.set(conversationId, true);
    refreshing.set(conversationId, false);
    request('conversation:get', { conversationId })
      .then((conversation) => store.dispatch({ type: 'conversationUpserted', conversation }))
      .catch(reportUnlessOutage)
      .finally(() => {
        const again = refreshing.get(conversationId);
        refreshing.delete(conversationId);
        if (again) refreshSummary(conversationId);
      });
  };
  const receipts = new Receipts(store, request, report, undefined, refreshSummary);
  const deliveredFrom = (conversationId: string, messages: Message[]) => {
    let newest = 0;
    for (const message of messages)
      if (message.senderId !== userId && message.seq > newest) newest = message.seq;
    if (newest > 0) receipts.noteDelivered(conversationId, newest);
  };
  const history = new History(store, request, deliveredFrom);
  const gapFiller = new GapFiller(
    store,
    request,
    deliveredFrom,
    report,
    protocolLimits.pageSize,
    backoff,
  );
  const typingSender = new TypingSender(request, () => connection.connected, {
    ...defaultTypingTimings,
    ...options.typing,
  });
  const typingReceiver = new TypingReceiver(store);
  const uploads = clientUploads(options, transport, request);
  const outbox = new Outbox({
    store,
    storage: options.outboxStorage ?? memoryOutboxStorage(),
    send: (message, uploadIds) =>
      request('message:send', {
        ...sendPayload(message),
        ...(uploadIds.length ? { uploadIds } : {}),
      }),
    uploads: uploads.outbox,
    act: (action) => applyAction(action),
    block: ({ userId: other, blocked }) =>
      blocked
        ? request('user:block', { userId: other })
        : request('user:unblock', { userId: other }),
    canSend: () => available('message:send'),
    refusal: () => connection.refusal,
    backoff,
    onError: report,
    onAcknowledged: (message) => gapFiller.noticeLive(message),
  });
  const poller = new Poller(
    options.pollIntervalMs ?? 5_000,
    async () => {
      await Promise.all([...watched.keys()].map((id) => gapFiller.fill(id)));
      if (store.getSnapshot().conversationsStatus !== 'idle') await refreshConversations();
      // Never connected yet (REST only): the block list still has to arrive once.
      if (store.getSnapshot().blocks.status === 'idle') await refreshBlocks();
    },
    reportUnlessOutage,
  );

  // A background refresh that fails is simply tried again next round.
  const presenceRefresh = new Poller(
    options.presenceRefreshMs ?? 60_000,
    refreshPresence,
    reportUnlessOutage,
  );

  /**
   * Background rounds fail all through an outage, which the connection state
   * already shows: only a failure of another kind is worth an `onError`.
   */
  function reportUnlessOutage(error: unknown) {
    const chatError = ChatError.from(error);
    if (!chatError.retryable && chatError.code !== 'closed') report(chatError);
  }

  function bindEvents(socket: RealtimeSocket) {
    socket.on('message:new', (message) => {
      gapFiller.noticeLive(message);
      store.dispatch({ type: 'received', message });
      if (message.senderId !== userId) {
        typingReceiver.clear(message.conversationId, message.senderId);
        receipts.noteDelivered(message.conversationId, message.seq);
      }
    });
    socket.on('message:updated', (message) => store.dispatch({ type: 'received', message }));
    socket.on('message:reacted', (event) => store.dispatch({ type: 'reacted', event }));
    socket.on('receipt', (receipt) => store.dispatch({ type: 'receipt', receipt }));
    socket.on('typing', (update) => typingReceiver.update(update));
    socket.on('presence', (presence) => store.dispatch({ type: 'presence', presence: [presence] }));
    socket.on('conversation:updated', (conversation) =>
      store.dispatch({ type: 'conversationUpserted', conversation }),
    );
    socket.on('conversation:removed', ({ conversationId }) =>
      store.dispatch({ type: 'conversationRemoved', conversationId }),
    );
  }

  /** After any break: fill every loaded conversation, refresh the list and presence. */
  async function catchUp() {
    const tasks: Promise<unknown>[] = [gapFiller.fillAll()];
    if (store.getSnapshot().conversationsStatus !== 'idle') tasks.push(refreshConversations());
    tasks.push(refreshPresence().catch(report));
    tasks.push(refreshBlocks().catch(reportUnlessOutage));
    await Promise.all(tasks);
  }

  /** Whom the viewer blocks, as the server holds it; changes still queued are applied over it. */
  async function refreshBlocks() {
    const { userIds } = await request('user:blocks', {});
    store.dispatch({ type: 'blocksLoaded', userIds });
  }

  async function refreshPresence() {
    const contacts = contactIds();
    if (contacts.length === 0) return;
    const presence = await request('presence:get', { userIds: contacts });
    store.dispatch({ type: 'presence', presence });
  }

  async function refreshConversations(archived = false) {
    const page = await request('conversation:list', { archived, limit: protocolLimits.pageSize });
    store.dispatch({ type: 'conversationsLoaded', conversations: page.conversations });
  }

  function contactIds(): string[] {
    const ids = new Set<string>();
    for (const conversation of Object.values(store.getSnapshot().conversations)) {
      for (const participant of conversation.participants)
        if (participant.userId !== userId) ids.add(participant.userId);
    }
    return [...ids].slice(0, protocolLimits.userIdsPerRequest);
  }

  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    if (closed) throw new ChatError('closed', 'the client is closed');
    try {
      return await run();
    } catch (error) {
      const chatError = ChatError.from(error);
      report(chatError);
      throw chatError;
    }
  }

  const client: ChatClient = {
    userId,
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    connect() {
      if (!closed) connection.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      poller.stop();
      presenceRefresh.stop();
      outbox.close();
      gapFiller.close();
      receipts.close();
      typingSender.close();
      typingReceiver.close();
      connection.close();
      await outbox.flushed();
    },

    async loadConversations({ archived = false } = {}) {
      if (closed) return;
      store.dispatch({ type: 'conversationsLoading' });
      try {
        await refreshConversations(archived);
      } catch (error) {
        const chatError = ChatError.from(error);
        store.dispatch({ type: 'conversationsFailed', error: chatError.toPayload() });
      }
    },
    openConversation(conversationId) {
      watched.set(conversationId, (watched.get(conversationId) ?? 0) + 1);
      const state = store.getSnapshot();
      if (!state.timelines[conversationId]?.loaded) void history.loadNewest(conversationId);
      // A host may open a conversation its own backend named (a "Message the seller" button)
      // before any list was loaded: the header needs its participants and title.
      if (!state.conversations[conversationId]) {
        void request('conversation:get', { conversationId })
          .then((conversation) => store.dispatch({ type: 'conversationUpserted', conversation }))
          .catch(report);
      }
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        const count = (watched.get(conversationId) ?? 1) - 1;
        if (count <= 0) watched.delete(conversationId);
        else watched.set(conversationId, count);
      };
    },
    loadOlderMessages: (conversationId) => history.loadOlder(conversationId),
    loadNewerMessages: (conversationId) => history.loadNewer(conversationId),
    loadLatestMessages: (conversationId) => history.loadNewest(conversationId),

    sendMessage(conversationId, input) {
      const message = withFiles(pendingMessage(conversationId, userId, input), input, uploads);
      typingSender.stop(conversationId);
      // Sending from a window away from the present returns to it, where the message will be.
      if (store.getSnapshot().timelines[conversationId]?.hasMoreAfter)
        void history.loadNewest(conversationId);
      outbox.enqueue(message);
      return message.clientId;
    },
    retryMessage: (clientId) => outbox.retry(clientId),
    discardMessage: (clientId) => outbox.discard(clientId),
    getUploadUrls: (conversationId, uploadId) => uploads.urls(conversationId, uploadId),
    getQueuedFile: (uploadClientId) => uploads.blob(uploadClientId),
    editMessage: (conversationId, messageId, body, mentions) =>
      queueAction(
        pendingAction(conversationId, targetOf(conversationId, messageId), 'edit', {
          body,
          mentions,
        }),
      ),
    deleteMessage: (conversationId, messageId) =>
      queueAction(pendingAction(conversationId, targetOf(conversationId, messageId), 'delete')),
    addReaction: (conversationId, messageId, emoji) =>
      queueAction(
        pendingAction(conversationId, targetOf(conversationId, messageId), 'react', { emoji }),
      ),
    removeReaction: (conversationId, messageId, emoji) =>
      queueAction(
        pendingAction(conversationId, targetOf(conversationId, messageId), 'unreact', { emoji }),
      ),
    retryAction: (actionId) => outbox.retryAction(actionId),
    discardAction: (actionId) => outbox.discardAction(actionId),
    loadAround: (conversationId, seq) => history.loadAround(conversationId, seq),
    markRead: (conversationId, seq) => receipts.markRead(conversationId, seq),

    typing: (conversationId) => typingSender.typing(conversationId),
    stopTyping: (conversationId) => typingSender.stop(conversationId),

    createDirectConversation: (otherUserId, metadata) =>
      guarded(() =>
        upserting(
          request('conversation:create', { kind: 'direct', userId: otherUserId, metadata }).then(
            (result) => result.conversation,
          ),
        ),
      ),
    createGroupConversation: (input) =>
      guarded(async () => {
        // One key for every attempt: a retry after a lost ack returns the group the first made.
        const payload = { ...input, kind: 'group' as const, idempotencyKey: newClientId() };
        for (let attempt = 1; ; attempt++) {
          try {
            const created = request('conversation:create', payload);
            return await upserting(created.then((result) => result.conversation));
          } catch (error) {
            const failure = ChatError.from(error);
            if (closed || attempt === 3 || !failure.retryable) throw failure;
            const wait = failure.retryAfterMs ?? 1_000 * attempt;
            await new Promise((resolve) => setTimeout(resolve, wait));
          }
        }
      }),
    addParticipants: (conversationId, userIds) =>
      guarded(() =>
        upserting(request('conversation:addParticipants', { conversationId, userIds })),
      ),
    removeParticipant: (conversationId, otherUserId) =>
      guarded(() =>
        upserting(
          request('conversation:removeParticipant', { conversationId, userId: otherUserId }),
        ),
      ),
    leaveConversation: (conversationId) =>
      guarded(async () => {
        await request('conversation:leave', { conversationId });
        store.dispatch({ type: 'conversationRemoved', conversationId });
      }),
    archiveConversation: (conversationId, archived = true) =>
      guarded(() => upserting(request('conversation:archive', { conversationId, archived }))),
    muteConversation: (conversationId, muted = true) =>
      guarded(() => upserting(request('conversation:mute', { conversationId, muted }))),

    blockUser: (otherUserId) => queueBlock(otherUserId, true),
    unblockUser: (otherUserId) => queueBlock(otherUserId, false),
    // The server checks the reason (1 to 500 characters once trimmed) and answers `bad_request`.
    reportMessage: (conversationId, messageId, reason) =>
      guarded(async () => {
        await request('message:report', { conversationId, messageId, reason });
      }),

    fetchPresence: (userIds) =>
      guarded(async () => {
        const presence = await request('presence:get', { userIds });
        store.dispatch({ type: 'presence', presence });
        return presence;
      }),
    fetchUsers: (userIds) =>
      guarded(async () => {
        const users = await request('user:get', { userIds });
        store.dispatch({ type: 'users', users });
        return users;
      }),
    searchUsers: (query) =>
      guarded(async () => {
        const users = await request('user:search', { query });
        store.dispatch({ type: 'users', users });
        return users;
      }),
    searchMessages: (query, options) => guarded(() => searchMessages(request, query, options)),
  };

  /** The request that applies an action: each is idempotent on the server, so a retry is safe. */
  function applyAction(action: ReadyAction): Promise<Message> {
    const { conversationId, messageId } = action;
    switch (action.kind) {
      case 'edit':
        return request('message:edit', {
          conversationId,
          messageId,
          body: action.body ?? '',
          // Absent when the edit names nobody: dropped on the wire, which clears the old ones.
          mentions: action.mentions,
        });
      case 'delete':
        return request('message:delete', { conversationId, messageId });
      case 'react':
        return request('reaction:add', { conversationId, messageId, emoji: action.emoji ?? '' });
      case 'unreact':
        return request('reaction:remove', { conversationId, messageId, emoji: action.emoji ?? '' });
    }
  }

  /**
   * A message id, or the clientId of an own send: one still in the outbox
   * makes the action wait for it; one already acknowledged is its message.
   */
  function targetOf(conversationId: string, messageId: string): ActionTarget {
    const timeline = store.getSnapshot().timelines[conversationId];
    if (!timeline || timeline.messages.some((m) => m.id === messageId)) return { messageId };
    if (timeline.pending.some((p) => p.clientId === messageId)) return { sendClientId: messageId };
    const sent = timeline.messages.find((m) => m.senderId === userId && m.clientId === messageId);
    return { messageId: sent ? sent.id : messageId };
  }

  function queueBlock(otherUserId: string, blocked: boolean): string {
    if (!otherUserId || otherUserId === userId) {
      throw new ChatError(
        'bad_request',
        `unable to ${blocked ? 'block' : 'unblock'} user: not someone else`,
      );
    }
    const change = {
      id: newClientId(),
      userId: otherUserId,
      blocked,
      createdAt: new Date().toISOString(),
    };
    outbox.enqueueBlock(change);
    return change.id;
  }

  function queueAction(action: PendingAction): string {
    outbox.enqueueAction(action);
    return action.id;
  }

  async function upserting(pending: Promise<Conversation>) {
    const conversation = await pending;
    store.dispatch({ type: 'conversationUpserted', conversation });
    return conversation;
  }

  void outbox.restore().catch(report);
  if (options.autoConnect !== false) connection.start();
  return client;
}

/** The transport the options ask for: the host's own, or Socket.IO and HTTP to `url`. */
function transportOf(options: ChatClientOptions): ChatTransport {
  if (options.transport) return options.transport;
  if (!options.url) throw new TypeError('createChatClient needs the server url (or a transport)');
  return socketIoTransport({
    url: options.url,
    namespace: options.namespace ?? defaultNamespace,
    path: options.socketPath,
    transports: options.transports,
    restPath: options.restPath === undefined ? '/chat' : options.restPath,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    fetch: options.fetch,
  });
}

function sendPayload(message: PendingMessage): SendMessageInput {
  return {
    conversationId: message.conversationId,
    clientId: message.clientId,
    kind: message.kind,
    body: message.body,
    attachments: message.attachments,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    mentions: message.mentions,
  };
}
