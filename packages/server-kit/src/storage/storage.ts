import type {
  Attachment,
  ChangePage,
  Conversation,
  Message,
  MessageKind,
  MessagePage,
  ParticipantRole,
  Receipt,
} from '@banter/core/protocol';

export interface NewDirectConversation {
  id: string;
  createdBy: string;
  otherUserId: string;
  metadata: Record<string, unknown> | null;
  now: Date;
}

export interface NewGroupConversation {
  id: string;
  createdBy: string;
  participantIds: string[];
  title: string | null;
  metadata: Record<string, unknown> | null;
  /** The creator's idempotency key and the request it came with, in a canonical form. */
  idempotency?: { key: string; request: string } | null;
  now: Date;
}

export interface NewMessage {
  id: string;
  conversationId: string;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  body: string;
  attachments: Attachment[];
  replyTo: string | null;
  now: Date;
}

export interface ConversationListQuery {
  archived: boolean;
  limit: number;
  /** Exclusive: only conversations older (by activity) than this position. */
  after: { lastActivityAt: string; id: string } | null;
}

export interface MessageRange {
  after?: number;
  before?: number;
  /** A page with this seq in its middle; see `listMessages`. */
  around?: number;
  limit: number;
}

export interface ChangeRange {
  /** Exclusive: only messages whose latest change is after this counter. */
  after: number;
  limit: number;
}

/** One user's reaction with one emoji on one message. */
export interface ReactionKey {
  conversationId: string;
  messageId: string;
  userId: string;
  /** Normalized (`normalizeEmoji`): one emoji with or without U+FE0F is one reaction. */
  emoji: string;
}

export interface NewReaction extends ReactionKey {
  now: Date;
}

export interface ReactionResult {
  /** The message as it is now, read for the reacting user (`reacted` set). */
  message: Message;
  /** False when the reaction was already there (add) or not there (remove). */
  changed: boolean;
}

export interface ParticipantRecord {
  userId: string;
  role: ParticipantRole;
}

export type Watermark = 'read' | 'delivered';

/**
 * Everything server-kit persists. Both built-in implementations share one SQL
 * schema; another database only has to honour the same contract (the
 * conformance suite in `test/storage-conformance.ts` states it).
 *
 * Domain refusals (`not_found`, `bad_request`) are thrown as `ChatError`; any
 * other thrown error is treated as the store being unavailable.
 *
 * Every insert, edit and delete of a message, and every reaction added or
 * removed, advances its conversation's change counter (`lastChange`) in the same
 * transaction and stamps the message's `change` with it: one number per change,
 * gapless, committed in counter order (the feed's reader then never sees a
 * change before an earlier one).
 *
 * Messages carry their reactions. A method that reads messages takes a
 * `viewerId`: the reactions then say whether that user `reacted`; without one
 * they carry no `reacted`, as an event to a whole conversation does.
 */
export interface Storage {
  /** Creates or upgrades the schema; safe to call from several nodes at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers; throws when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Returns the existing direct conversation of the pair when there is one. */
  createDirectConversation(input: NewDirectConversation): Promise<{ id: string; created: boolean }>;
  /**
   * With an `idempotency` key the creator used before, returns that group (`created`
   * false) when the request is the same, and throws `conflict` when it is not; concurrent
   * creates with one key make one group.
   */
  createGroupConversation(input: NewGroupConversation): Promise<{ id: string; created: boolean }>;
  /** The conversation as `viewerId` sees it (its last message too), or null when they are not a participant. */
  getConversation(conversationId: string, viewerId: string): Promise<Conversation | null>;
  /** Ordered by last activity, newest first. */
  listConversations(viewerId: string, query: ConversationListQuery): Promise<Conversation[]>;
  getParticipant(conversationId: string, userId: string): Promise<ParticipantRecord | null>;
  listParticipantIds(conversationId: string): Promise<string[]>;
  /** Adds the users not yet in the conversation; returns the ones it added. */
  addParticipants(conversationId: string, userIds: string[], now: Date): Promise<string[]>;
  /**
   * Returns false when the user was not a participant. When the last owner of a
   * group goes, the longest-standing member becomes owner.
   */
  removeParticipant(conversationId: string, userId: string): Promise<boolean>;
  setArchived(conversationId: string, userId: string, archived: boolean): Promise<void>;
  setMuted(conversationId: string, userId: string, muted: boolean): Promise<void>;

  /**
   * Stores a message and assigns its seq in one transaction. When the sender
   * already stored a message with this clientId, returns that one unchanged
   * (check `findMessageByClientId` first: a retry found there costs no lock).
   * Throws `not_found` when the sender is not a participant.
   */
  insertMessage(input: NewMessage): Promise<{ message: Message; created: boolean }>;
  /** The message this sender stored with this clientId, read for them, while they are a participant; else null. */
  findMessageByClientId(
    conversationId: string,
    senderId: string,
    clientId: string,
  ): Promise<Message | null>;
  getMessage(conversationId: string, messageId: string, viewerId?: string): Promise<Message | null>;
  editMessage(
    conversationId: string,
    messageId: string,
    body: string,
    now: Date,
    viewerId?: string,
  ): Promise<Message>;
  /**
   * Soft delete: keeps the row and its seq, clears body, attachments and reactions.
   * Deleting a deleted message returns it unchanged and takes no change number.
   */
  deleteMessage(
    conversationId: string,
    messageId: string,
    now: Date,
    viewerId?: string,
  ): Promise<Message>;
  /**
   * Ascending by seq; with no bound, the newest page. `around` centres the page on a
   * seq: `floor(limit / 2)` messages before it and the rest from it on, a short side's
   * share going to the other, so the page is full whenever the conversation holds
   * `limit` messages; `hasMore` then says whether older ones exist before the page and
   * `hasMoreAfter` whether newer ones exist after it.
   */
  listMessages(
    conversationId: string,
    range: MessageRange,
    viewerId?: string,
  ): Promise<MessagePage>;
  /** The change feed: each message changed after `range.after` once, as it is now, by change. */
  listChanges(conversationId: string, range: ChangeRange, viewerId?: string): Promise<ChangePage>;

  /**
   * Adds a user's reaction; adding one they have changes nothing. Throws `not_found`
   * when they are not a participant or the message is unknown, in another conversation
   * or deleted, and `limit_reached` past `protocolLimits.reactionEmojiPerMessage` or
   * `reactionsPerUserPerMessage` (checked under the conversation's lock, so concurrent
   * adds cannot pass a cap together). Neither unread counts nor activity change.
   */
  addReaction(input: NewReaction): Promise<ReactionResult>;
  /** Removes a user's reaction; removing one they do not have changes nothing. Refuses as `addReaction` does. */
  removeReaction(input: ReactionKey): Promise<ReactionResult>;

  /**
   * Moves a watermark forward (never back, never past the last seq). Reading
   * implies delivery. Returns the participant's watermarks, or null when they
   * are not a participant.
   */
  advanceWatermark(
    conversationId: string,
    userId: string,
    watermark: Watermark,
    seq: number,
  ): Promise<Receipt | null>;

  /** Users who share at least one conversation with `userId` (not including them). */
  listContactIds(userId: string): Promise<string[]>;
  listConversationIds(userId: string): Promise<string[]>;
  setLastSeen(userId: string, at: Date): Promise<void>;
  getLastSeen(userIds: string[]): Promise<Map<string, string>>;
}
