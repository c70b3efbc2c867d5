import {
  ChatError,
  type Conversation,
  type ConversationKind,
  type Message,
  type Participant,
  type UserProfile,
} from '../../protocol';
import { forViewer, type ReactionRecords } from './reactions';

export const notParticipant = 'conversation not found, or you are not a participant';

interface StoredParticipant extends Participant {
  muted: boolean;
  archived: boolean;
}

export interface StoredConversation {
  id: string;
  kind: ConversationKind;
  title: string | null;
  metadata: Record<string, unknown> | null;
  createdBy: string;
  createdAt: string;
  lastActivityAt: string;
  /** The change counter: every insert, edit and delete of a message advances it. */
  lastChange: number;
  /** In join order, like the SQL stores list them. */
  participants: StoredParticipant[];
  /** Index i holds seq i + 1. */
  messages: Message[];
  /** Reactions per message id, in the order they were made. */
  reactions: Map<string, ReactionRecords>;
}

export interface NewConversation {
  id?: string;
  kind?: ConversationKind;
  title?: string | null;
  metadata?: Record<string, unknown> | null;
  createdBy: string;
  participantIds: string[];
  createdAt?: string;
  lastActivityAt?: string;
  muted?: boolean;
  archived?: boolean;
}

/** A report of a message, as the host's `onReport` hook would get it. */
export interface StoredReport {
  /** Who reported it. */
  reporterId: string;
  conversationId: string;
  messageId: string;
  reason: string;
}

/**
 * What the in-memory server holds: the same data model as server-kit's SQL
 * schema (docs/protocol.md §4), kept in maps. Every read returns copies, so
 * nothing a client holds shares an object with the server.
 */
export class MemoryState {
  readonly conversations = new Map<string, StoredConversation>();
  readonly users = new Map<string, UserProfile>();
  readonly lastSeen = new Map<string, string>();
  /** Group creates by `JSON.stringify([creator, idempotencyKey])`: what they made, from what request. */
  readonly groupKeys = new Map<string, { conversationId: string; request: string }>();
  /** Whom each user blocks, in the order they blocked them. */
  readonly blocks = new Map<string, string[]>();
  /** Banned users, with the message their refusals carry. */
  readonly banned = new Map<string, string>();
  /** Reports made with `message:report`, oldest first. */
  readonly reports: StoredReport[] = [];
  #counter = 0;

  constructor(readonly now: () => Date) {}

  nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}-${this.#counter}`;
  }

  addConversation(input: NewConversation): StoredConversation {
    const now = this.now().toISOString();
    const id = input.id ?? this.nextId('c');
    if (this.conversations.has(id)) throw new Error(`conversation ${id} already exists`);
    const members = [...new Set([input.createdBy, ...input.participantIds])];
    const kind = input.kind ?? (members.length === 2 ? 'direct' : 'group');
    const stored: StoredConversation = {
      id,
      kind,
      title: input.title ?? null,
      metadata: input.metadata ?? null,
      createdBy: input.createdBy,
      createdAt: input.createdAt ?? now,
      lastActivityAt: input.lastActivityAt ?? input.createdAt ?? now,
      lastChange: 0,
      participants: [],
      messages: [],
      reactions: new Map(),
    };
    for (const userId of members) {
      const role = kind === 'group' && userId === input.createdBy ? 'owner' : 'member';
      stored.participants.push(this.#participant(userId, role, stored.createdAt));
    }
    for (const participant of stored.participants) {
      participant.muted = input.muted ?? false;
      participant.archived = input.archived ?? false;
    }
    this.conversations.set(id, stored);
    return stored;
  }

  addParticipant(conversation: StoredConversation, userId: string): boolean {
    if (conversation.participants.some((p) => p.userId === userId)) return false;
    conversation.participants.push(this.#participant(userId, 'member', this.now().toISOString()));
    return true;
  }

  removeParticipant(conversation: StoredConversation, userId: string): boolean {
    const before = conversation.participants.length;
    conversation.participants = conversation.participants.filter((p) => p.userId !== userId);
    if (conversation.participants.length === before) return false;
    // A group is never left without an owner: the longest-standing member takes over.
    const first = conversation.participants[0];
    if (
      conversation.kind === 'group' &&
      first &&
      !conversation.participants.some((p) => p.role === 'owner')
    ) {
      first.role = 'owner';
    }
    return true;
  }

  /** The conversation if `userId` takes part in it; `not_found` otherwise, as on the server. */
  require(conversationId: string, userId: string): StoredConversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation?.participants.some((p) => p.userId === userId)) {
      throw new ChatError('not_found', notParticipant);
    }
    return conversation;
  }

  participant(conversation: StoredConversation, userId: string): StoredParticipant {
    const participant = conversation.participants.find((p) => p.userId === userId);
    if (!participant) throw new ChatError('not_found', notParticipant);
    return participant;
  }

  /** Conversations of a user, newest activity first (ties by id, descending). */
  conversationsOf(userId: string): StoredConversation[] {
    return [...this.conversations.values()]
      .filter((c) => c.participants.some((p) => p.userId === userId))
      .sort(
        (a, b) =>
          b.lastActivityAt.localeCompare(a.lastActivityAt) ||
          (b.id < a.id ? -1 : a.id < b.id ? 1 : 0),
      );
  }

  /** A message as one viewer sees it (whether they made each reaction), copied. */
  messageFor(conversation: StoredConversation, message: Message, viewerId: string): Message {
    return copy(forViewer(message, conversation.reactions.get(message.id) ?? [], viewerId));
  }

  /** The conversation as one participant sees it. */
  view(conversation: StoredConversation, viewerId: string): Conversation {
    const me = this.participant(conversation, viewerId);
    const lastMessage = conversation.messages.at(-1) ?? null;
    const unread = conversation.messages.filter(
      (m) => m.seq > me.lastReadSeq && m.senderId !== viewerId && m.deletedAt === null,
    );
    const unreadMentions = unread.filter((m) =>
      (m.mentions ?? []).some((mention) => mention.userId === viewerId),
    ).length;
    return copy({
      id: conversation.id,
      kind: conversation.kind,
      title: conversation.title,
      metadata: conversation.metadata,
      createdBy: conversation.createdBy,
      createdAt: conversation.createdAt,
      lastSeq: conversation.messages.length,
      lastChange: conversation.lastChange,
      lastActivityAt: conversation.lastActivityAt,
      participants: conversation.participants.map(
        ({ userId, role, joinedAt, lastReadSeq, lastDeliveredSeq }) => ({
          userId,
          role,
          joinedAt,
          lastReadSeq,
          lastDeliveredSeq,
        }),
      ),
      lastMessage:
        lastMessage &&
        forViewer(lastMessage, conversation.reactions.get(lastMessage.id) ?? [], viewerId),
      unreadCount: unread.length,
      unreadMentions,
      muted: me.muted,
      archived: me.archived,
    });
  }

  /** Stores a message with the next seq; the caller has checked who may send it. */
  append(
    conversation: StoredConversation,
    draft: Partial<Message> & { senderId: string },
  ): Message {
    const createdAt = draft.createdAt ?? this.now().toISOString();
    const message: Message = {
      id: draft.id ?? this.nextId('m'),
      conversationId: conversation.id,
      seq: conversation.messages.length + 1,
      senderId: draft.senderId,
      clientId: draft.clientId ?? this.nextId('server'),
      kind: draft.kind ?? 'text',
      body: draft.body ?? '',
      attachments: draft.attachments ?? [],
      replyTo: draft.replyTo ?? null,
      mentions: draft.mentions ?? [],
      createdAt,
      editedAt: draft.editedAt ?? null,
      deletedAt: draft.deletedAt ?? null,
      reactions: [],
      change: ++conversation.lastChange,
    };
    conversation.messages.push(message);
    if (createdAt > conversation.lastActivityAt) conversation.lastActivityAt = createdAt;
    return message;
  }

  /** Applies an edit or a deletion: the message takes the conversation's next change. */
  change(conversation: StoredConversation, message: Message, update: Partial<Message>) {
    Object.assign(message, update, { change: ++conversation.lastChange });
  }

  /** Whether `blocker` blocks `other`. */
  isBlocking(blocker: string, other: string): boolean {
    return this.blocks.get(blocker)?.includes(other) ?? false;
  }

  contactsOf(userId: string): Set<string> {
    const contacts = new Set<string>();
    for (const conversation of this.conversationsOf(userId)) {
      for (const p of conversation.participants) if (p.userId !== userId) contacts.add(p.userId);
    }
    return contacts;
  }

  #participant(userId: string, role: Participant['role'], joinedAt: string): StoredParticipant {
    return {
      userId,
      role,
      joinedAt,
      lastReadSeq: 0,
      lastDeliveredSeq: 0,
      muted: false,
      archived: false,
    };
  }
}

/** A deep copy through JSON: what crossing the wire does to a value. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
