import {
  ChatError,
  defaultPageSize,
  type Mention,
  type Message,
  mentionParticipantIssues,
  type ParsedRequest,
  type RequestName,
  type RequestResult,
  type SessionInfo,
} from '../../protocol';
import type { MemoryServer } from './memory-server';
import { checkNotBlocked, moderationOperations } from './moderation';
import { addRecord, removeRecord, summarize } from './reactions';
import { searchOperations } from './search';
import { copy, type StoredConversation } from './state';
import { uploadBookOf } from './upload-book';
import { uploadOperations } from './uploads';

/** Who asks: the authenticated user, and the socket when the request came over one. */
export interface Caller {
  userId: string;
  /** Absent over the stateless (REST-like) path. */
  socketId?: string;
}

/** A handler for every request, typed by the protocol table. */
export type Operations = {
  [E in RequestName]: (
    server: MemoryServer,
    caller: Caller,
    input: ParsedRequest<E>,
  ) => RequestResult<E>;
};

/** Requests that only make sense on a live socket: REST has no route for them either. */
export const socketOnly: ReadonlySet<RequestName> = new Set(['typing:set', 'auth:refresh']);

/**
 * Every request the in-memory server answers, with the rules server-kit's
 * ChatService applies (the shared protocol suite keeps the two in step).
 */
export const operations: Operations = {
  'conversation:list'(server, { userId }, input) {
    const limit = input.limit ?? defaultPageSize;
    const all = server.state
      .conversationsOf(userId)
      .filter((c) => server.state.participant(c, userId).archived === (input.archived ?? false));
    const start = input.cursor ? Number(input.cursor) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw new ChatError('bad_request', 'invalid conversation:list payload: cursor: not a cursor');
    }
    const page = all.slice(start, start + limit);
    const end = start + page.length;
    return {
      conversations: page.map((c) => server.state.view(c, userId)),
      nextCursor: page.length === limit && end < all.length ? String(end) : null,
    };
  },

  'conversation:get'(server, { userId }, input) {
    return server.state.view(server.state.require(input.conversationId, userId), userId);
  },

  'conversation:create'(server, { userId }, input) {
    const { state } = server;
    if (input.kind === 'direct') {
      if (input.userId === userId) {
        throw new ChatError(
          'bad_request',
          'unable to create conversation: a direct conversation needs another user',
          { issues: [{ path: 'userId', message: 'must be someone other than you' }] },
        );
      }
      checkNotBlocked(server, userId, input.userId, 'create conversation');
      const existing = state
        .conversationsOf(userId)
        .find((c) => c.kind === 'direct' && c.participants.some((p) => p.userId === input.userId));
      if (existing) return { conversation: state.view(existing, userId), created: false };
      const created = state.addConversation({
        kind: 'direct',
        createdBy: userId,
        participantIds: [input.userId],
        metadata: input.metadata ?? null,
      });
      server.announce(created);
      return { conversation: state.view(created, userId), created: true };
    }
    checkGroupSize(server, new Set([userId, ...input.participantIds]).size, 'create conversation');
    const keyed =
      input.idempotencyKey === undefined ? null : JSON.stringify([userId, input.idempotencyKey]);
    const request = groupRequestOf(userId, input);
    const earlier = keyed === null ? undefined : state.groupKeys.get(keyed);
    if (earlier) {
      if (earlier.request !== request) {
        throw new ChatError(
          'conflict',
          'unable to create conversation: this idempotencyKey was used for a different group',
          {
            issues: [
              {
                path: 'idempotencyKey',
                message: 'was used with other participants, title or metadata',
              },
            ],
          },
        );
      }
      const conversation = state.require(earlier.conversationId, userId);
      return { conversation: state.view(conversation, userId), created: false };
    }
    const created = state.addConversation({
      kind: 'group',
      createdBy: userId,
      participantIds: input.participantIds,
      title: input.title || null,
      metadata: input.metadata ?? null,
    });
    if (keyed !== null) state.groupKeys.set(keyed, { conversationId: created.id, request });
    server.announce(created);
    return { conversation: state.view(created, userId), created: true };
  },

  'conversation:addParticipants'(server, { userId }, input) {
    const group = requireOwnerOfGroup(server, userId, input.conversationId, 'add participants');
    const members = new Set([...group.participants.map((p) => p.userId), ...input.userIds]);
    checkGroupSize(server, members.size, 'add participants');
    const added = input.userIds.filter((id) => server.state.addParticipant(group, id));
    if (added.length > 0) server.announce(group);
    return server.state.view(group, userId);
  },

  'conversation:removeParticipant'(server, { userId }, input) {
    if (input.userId === userId) {
      throw new ChatError(
        'bad_request',
        'unable to remove participant: to remove yourself, leave the conversation',
        { issues: [{ path: 'userId', message: 'use conversation:leave for yourself' }] },
      );
    }
    const group = requireOwnerOfGroup(server, userId, input.conversationId, 'remove participants');
    if (!server.state.removeParticipant(group, input.userId)) {
      throw new ChatError(
        'not_found',
        'unable to remove participant: not a participant of this conversation',
      );
    }
    server.removed(group, input.userId, 'removed');
    return server.state.view(group, userId);
  },

  'conversation:leave'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    if (conversation.kind === 'direct') {
      throw new ChatError('forbidden', 'unable to leave a direct conversation: archive it instead');
    }
    server.state.removeParticipant(conversation, userId);
    server.removed(conversation, userId, 'left');
    return { conversationId: conversation.id };
  },

  'conversation:archive'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    server.state.participant(conversation, userId).archived = input.archived;
    return server.refreshOwnDevices(conversation, userId);
  },

  'conversation:mute'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    server.state.participant(conversation, userId).muted = input.muted;
    return server.refreshOwnDevices(conversation, userId);
  },

  'message:send'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    const earlier = conversation.messages.find(
      (m) => m.senderId === userId && m.clientId === input.clientId,
    );
    if (earlier) {
      return { message: server.state.messageFor(conversation, earlier, userId), created: false };
    }
    checkTextLength(server, input.body, 'send');
    const other = conversation.participants.find((p) => p.userId !== userId);
    if (conversation.kind === 'direct' && other) {
      checkNotBlocked(server, userId, other.userId, 'send message');
    }
    checkMentions(conversation, input.mentions, 'send');
    if (input.replyTo && !conversation.messages.some((m) => m.id === input.replyTo)) {
      throw new ChatError(
        'bad_request',
        'unable to send message: replyTo is not a message of this conversation',
        { issues: [{ path: 'replyTo', message: 'no such message in this conversation' }] },
      );
    }
    const message = server.state.append(conversation, {
      senderId: userId,
      clientId: input.clientId,
      kind: input.kind,
      body: input.body,
      attachments: [
        ...input.attachments,
        ...uploadBookOf(server).attach(userId, conversation.id, input.clientId, input.uploadIds),
      ],
      replyTo: input.replyTo ?? null,
      mentions: inOrder(input.mentions),
    });
    server.toConversation(conversation, 'message:new', message);
    return { message: server.state.messageFor(conversation, message, userId), created: true };
  },

  'message:edit'(server, { userId }, input) {
    checkTextLength(server, input.body, 'edit');
    const { conversation, message } = requireOwnMessage(server, userId, input, 'edit');
    checkMentions(conversation, input.mentions, 'edit');
    server.state.change(conversation, message, {
      body: input.body,
      mentions: inOrder(input.mentions),
      editedAt: server.state.now().toISOString(),
    });
    server.toConversation(conversation, 'message:updated', message);
    return server.state.messageFor(conversation, message, userId);
  },

  'message:delete'(server, { userId }, input) {
    const { conversation, message } = requireOwnMessage(server, userId, input, 'delete', true);
    // Deleting twice is not an error: the second call answers with the deleted message.
    if (message.deletedAt !== null) return server.state.messageFor(conversation, message, userId);
    conversation.reactions.delete(message.id);
    server.state.change(conversation, message, {
      body: '',
      attachments: [],
      mentions: [],
      reactions: [],
      deletedAt: server.state.now().toISOString(),
    });
    server.toConversation(conversation, 'message:updated', message);
    return server.state.messageFor(conversation, message, userId);
  },

  'message:list'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    const { messages } = conversation;
    const limit = input.limit ?? defaultPageSize;
    const view = (page: Message[]) =>
      page.map((m) => server.state.messageFor(conversation, m, userId));
    if (input.after !== undefined) {
      const newer = messages.filter((m) => m.seq > (input.after as number));
      return { messages: view(newer.slice(0, limit)), hasMore: newer.length > limit };
    }
    if (input.around !== undefined) {
      // About half before the seq, the rest from it on; index i holds seq i + 1.
      const at = Math.min(Math.max(input.around - 1, 0), messages.length);
      const start = Math.max(0, Math.min(at - Math.floor(limit / 2), messages.length - limit));
      const end = Math.min(messages.length, start + limit);
      return {
        messages: view(messages.slice(start, end)),
        hasMore: start > 0,
        hasMoreAfter: end < messages.length,
      };
    }
    const older =
      input.before === undefined
        ? messages
        : messages.filter((m) => m.seq < (input.before as number));
    return { messages: view(older.slice(-limit)), hasMore: older.length > limit };
  },

  'message:changes'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    const { messages } = conversation;
    const limit = input.limit ?? defaultPageSize;
    // Each message once, at its latest change: a message changed twice is listed by the second.
    const changed = messages
      .filter((m) => m.change > input.after)
      .sort((a, b) => a.change - b.change);
    const page = changed.slice(0, limit);
    return {
      messages: page.map((m) => server.state.messageFor(conversation, m, userId)),
      lastChange: page.at(-1)?.change ?? input.after,
      hasMore: changed.length > limit,
    };
  },

  'reaction:add': (server, { userId }, input) => react(server, userId, input, true),
  'reaction:remove': (server, { userId }, input) => react(server, userId, input, false),

  'receipt:read': (server, { userId }, input) => server.advance(input, userId, 'read'),
  'receipt:delivered': (server, { userId }, input) => server.advance(input, userId, 'delivered'),

  'typing:set'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    server.toConversation(conversation, 'typing', {
      conversationId: conversation.id,
      userId,
      typing: input.typing,
      expiresInMs: input.typing ? server.limits.typingExpiryMs : 0,
    });
    return null;
  },

  'presence:get'(server, { userId }, input) {
    const contacts = server.state.contactsOf(userId);
    contacts.add(userId);
    // Someone who blocks the caller is left out, as a stranger is.
    return [...new Set(input.userIds)]
      .filter((id) => contacts.has(id) && !server.state.isBlocking(id, userId))
      .map((id) => server.presenceOf(id));
  },

  'user:get'(server, _caller, input) {
    return [...new Set(input.userIds)].map((id) =>
      copy(server.state.users.get(id) ?? { id, name: id }),
    );
  },

  'user:search'(server, { userId }, input) {
    const query = input.query.toLowerCase();
    return [...server.state.users.values()]
      .filter((u) => u.id !== userId && u.name.toLowerCase().includes(query))
      .slice(0, input.limit ?? 20)
      .map((u) => copy(u));
  },

  ...moderationOperations,
  ...uploadOperations,
  ...searchOperations,

  'auth:refresh'(server, { userId }, input): SessionInfo {
    const renewed = server.authenticate(input.token);
    if (renewed !== userId) {
      throw new ChatError('unauthenticated', 'unable to refresh: the token is for another user');
    }
    return { userId, expiresAt: null };
  },
};

/** Adds or removes one reaction; only a real change advances the feed and is announced. */
function react(
  server: MemoryServer,
  userId: string,
  input: { conversationId: string; messageId: string; emoji: string },
  added: boolean,
): Message {
  const conversation = server.state.require(input.conversationId, userId);
  const message = conversation.messages.find((m) => m.id === input.messageId);
  if (!message || message.deletedAt !== null) {
    throw new ChatError('not_found', 'unable to react: no such message');
  }
  const records = conversation.reactions.get(message.id) ?? [];
  const changed = added
    ? addRecord(records, userId, input.emoji)
    : removeRecord(records, userId, input.emoji);
  if (changed) {
    conversation.reactions.set(message.id, records);
    server.state.change(conversation, message, { reactions: summarize(records) });
    server.toConversation(conversation, 'message:reacted', {
      message,
      userId,
      emoji: input.emoji,
      added,
    });
  }
  return server.state.messageFor(conversation, message, userId);
}

function checkGroupSize(server: MemoryServer, size: number, action: string) {
  const max = server.limits.maxGroupSize;
  if (size > max) {
    throw new ChatError('bad_request', `unable to ${action}: a group holds at most ${max} people`, {
      issues: [{ path: 'participantIds', message: `at most ${max} people, the creator included` }],
    });
  }
}

/** As the server stores them: in body order. */
const inOrder = (mentions: Mention[] = []) => [...mentions].sort((a, b) => a.start - b.start);

/** As the server does: a mention of someone outside the conversation refuses the whole request. */
function checkMentions(
  conversation: StoredConversation,
  mentions: Mention[] | undefined,
  action: 'send' | 'edit',
) {
  const members = new Set(conversation.participants.map((p) => p.userId));
  const issues = mentionParticipantIssues(mentions ?? [], members);
  if (issues.length > 0) {
    throw new ChatError(
      'bad_request',
      `unable to ${action} message: a mention names someone who is not a participant`,
      { issues },
    );
  }
}

function checkTextLength(server: MemoryServer, body: string, action: string) {
  const length = [...body].length;
  const max = server.limits.maxTextLength;
  if (length > max) {
    throw new ChatError(
      'message_too_long',
      `unable to ${action} message: ${length} characters, the limit is ${max}`,
      { issues: [{ path: 'body', message: `at most ${max} characters` }] },
    );
  }
}

function requireOwnerOfGroup(
  server: MemoryServer,
  userId: string,
  conversationId: string,
  action: string,
): StoredConversation {
  const conversation = server.state.require(conversationId, userId);
  if (conversation.kind !== 'group') {
    throw new ChatError(
      'forbidden',
      `unable to ${action}: a direct conversation has exactly two participants`,
    );
  }
  if (server.state.participant(conversation, userId).role !== 'owner') {
    throw new ChatError('forbidden', `unable to ${action}: only an owner of the group may`);
  }
  return conversation;
}

function requireOwnMessage(
  server: MemoryServer,
  userId: string,
  input: { conversationId: string; messageId: string },
  action: string,
  allowDeleted = false,
): { conversation: StoredConversation; message: Message } {
  const conversation = server.state.require(input.conversationId, userId);
  const message = conversation.messages.find((m) => m.id === input.messageId);
  if (!message || (message.deletedAt !== null && !allowDeleted)) {
    throw new ChatError('not_found', `unable to ${action} message: no such message`);
  }
  if (message.senderId !== userId || message.kind === 'system') {
    throw new ChatError('forbidden', `unable to ${action} message: only its sender may`);
  }
  return { conversation, message };
}

/** A group create as kept with its idempotency key: the same as server-kit's `groupRequestOf`. */
function groupRequestOf(
  createdBy: string,
  input: { participantIds: string[]; title?: string; metadata?: Record<string, unknown> },
): string {
  const others = [...new Set(input.participantIds)].filter((id) => id !== createdBy).sort();
  return JSON.stringify(
    { participantIds: others, title: input.title || null, metadata: input.metadata ?? null },
    (_key, field: unknown) =>
      field !== null && typeof field === 'object' && !Array.isArray(field)
        ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : field,
  );
}
