import type {
  Attachment,
  ChangePage,
  Conversation,
  Mention,
  Message,
  MessageKind,
  MessagePage,
  ParticipantRole,
  Receipt,
  SendResult,
} from '@banter/core/protocol';
import type { NewPushSubscription, PushTarget } from '../push/push-sql';
import type { ConversationChanges, NewHostConversation } from './admin-writes';
import type { ExpiryBatch } from './message-expiry';
import type { SendBlocks, SendCheck } from './moderation';
import type { UserExport } from './user-data';
import type { ErasureResult, UserErasure } from './user-erasure';

/** A direct conversation to create, between `createdBy` and `otherUserId`. */
export interface NewDirectConversation {
  /** The id to give it, made by the caller; unused when the pair already has one. */
  id: string;
  /** The user starting it. */
  createdBy: string;
  /** The other member. */
  otherUserId: string;
  /** The host's own data, stored as given. */
  metadata: Record<string, unknown> | null;
  /** Its creation and first activity time. */
  now: Date;
}

/** A group to create, owned by `createdBy`. */
export interface NewGroupConversation {
  /** The id to give it, made by the caller; unused when an idempotent retry finds the group. */
  id: string;
  /** The user creating it, who becomes its owner. */
  createdBy: string;
  /** The other members (duplicates and `createdBy` are ignored). */
  participantIds: string[];
  /** Its name, or null for none. */
  title: string | null;
  /** The host's own data, stored as given. */
  metadata: Record<string, unknown> | null;
  /** The creator's idempotency key and the request it came with, in a canonical form. */
  idempotency?: {
    /** The key, unique per creator. */
    key: string;
    /** The request, compared with the stored one when the key is reused. */
    request: string;
  } | null;
  /** Its creation and first activity time. */
  now: Date;
}

/** A message to store, its content already validated by the caller. */
export interface NewMessage {
  /** The id to give it, made by the caller; unused when the send is a retry. */
  id: string;
  /** The conversation it is sent to. */
  conversationId: string;
  /** Its sender, who must be a participant. */
  senderId: string;
  /** The sender's id for this send: a second insert with it returns the first message. */
  clientId: string;
  /** What the message is (text, image, file, system). */
  kind: MessageKind;
  /** Its text, as sent. */
  body: string;
  /** Its files and images, stored as given. */
  attachments: Attachment[];
  /** The id of the message it replies to, or null. */
  replyTo: string | null;
  /**
   * People it names, ranges already checked against the body; none when absent. Each must be
   * a participant when the message is stored, or the send is refused (`bad_request`).
   */
  mentions?: Mention[];
  /** Its `createdAt`, and the conversation's new last activity. */
  now: Date;
}

/** One page of a user's conversation list. */
export interface ConversationListQuery {
  /** Lists only the user's archived conversations when true, only the others when false. */
  archived: boolean;
  /** The most conversations to return. */
  limit: number;
  /** Exclusive: only conversations older (by activity) than this position. */
  after: {
    /** The last activity of the previous page's last conversation (ISO 8601). */
    lastActivityAt: string;
    /** That conversation's id, which breaks ties between equal activity times. */
    id: string;
  } | null;
}

/** Which page of a conversation's history to read; give at most one of the bounds. */
export interface MessageRange {
  /** Exclusive: the page starts just after this seq and reads forwards. */
  after?: number;
  /** Exclusive: the page ends just before this seq and reads backwards. */
  before?: number;
  /** A page with this seq in its middle; see `listMessages`. */
  around?: number;
  /** The most messages to return. */
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

/** A participant as authorization needs it. */
export interface ParticipantRecord {
  /** The participant. */
  userId: string;
  /** A group's `owner` (its creator, or who took over) or a `member`. */
  role: ParticipantRole;
}

/** Which of a participant's watermarks to move: what they have seen, or what reached a device. */
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
  /** Releases the connection or pool; the storage is not used afterwards. */
  close(): Promise<void>;

  /** Returns the existing direct conversation of the pair when there is one. */
  createDirectConversation(input: NewDirectConversation): Promise<{
    /** The conversation's id: the new one, or the one that already existed. */
    id: string;
    /** False when an existing conversation was returned instead of a new one. */
    created: boolean;
  }>;
  /**
   * With an `idempotency` key the creator used before, returns that group (`created`
   * false) when the request is the same, and throws `conflict` when it is not; concurrent
   * creates with one key make one group.
   */
  createGroupConversation(input: NewGroupConversation): Promise<{
    /** The conversation's id: the new one, or the one that already existed. */
    id: string;
    /** False when an existing conversation was returned instead of a new one. */
    created: boolean;
  }>;
  /** The conversation as `viewerId` sees it (its last message too), or null when they are not a participant. */
  getConversation(conversationId: string, viewerId: string): Promise<Conversation | null>;
  /** Ordered by last activity, newest first. */
  listConversations(viewerId: string, query: ConversationListQuery): Promise<Conversation[]>;
  /** The user's membership of the conversation, or null when they are not in it. */
  getParticipant(conversationId: string, userId: string): Promise<ParticipantRecord | null>;
  /** Everyone currently in the conversation (empty for an unknown one), sorted by id. */
  listParticipantIds(conversationId: string): Promise<string[]>;
  /** Adds the users not yet in the conversation; returns the ones it added. */
  addParticipants(conversationId: string, userIds: string[], now: Date): Promise<string[]>;
  /**
   * Returns false when the user was not a participant. When the last owner of a
   * group goes, the longest-standing member becomes owner.
   */
  removeParticipant(conversationId: string, userId: string): Promise<boolean>;
  /** Archives or unarchives the conversation for this user only; a no-op if they are not in it. */
  setArchived(conversationId: string, userId: string, archived: boolean): Promise<void>;
  /** Mutes or unmutes the conversation for this user only; a no-op if they are not in it. */
  setMuted(conversationId: string, userId: string, muted: boolean): Promise<void>;

  /**
   * Stores a message and assigns its seq in one transaction. When the sender
   * already stored a message with this clientId, returns that one unchanged
   * (check `findMessageByClientId` first: a retry found there costs no lock).
   * Throws `not_found` when the sender is not a participant.
   */
  insertMessage(input: NewMessage): Promise<{
    /** The stored message: the new one, or the one an earlier send with this clientId stored. */
    message: Message;
    /** False when the send was a retry and nothing new was stored. */
    created: boolean;
  }>;
  /** The message this sender stored with this clientId, read for them, while they are a participant; else null. */
  findMessageByClientId(
    conversationId: string,
    senderId: string,
    clientId: string,
  ): Promise<Message | null>;
  /** A message of this conversation (deleted ones too), or null when it has none with this id. */
  getMessage(conversationId: string, messageId: string, viewerId?: string): Promise<Message | null>;
  /**
   * Replaces the body and its mentions (none when absent) and sets `editedAt`, taking a change
   * number; throws `not_found` when the message is unknown or deleted.
   */
  editMessage(
    conversationId: string,
    messageId: string,
    body: string,
    now: Date,
    viewerId?: string,
    mentions?: Mention[],
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
  /** Every conversation the user is in, archived ones too, in no set order. */
  listConversationIds(userId: string): Promise<string[]>;
  /** Records when the user was last online; an earlier time than the stored one is ignored. */
  setLastSeen(userId: string, at: Date): Promise<void>;
  /** Last-seen times (ISO 8601) by user id; users never seen are absent from the map. */
  getLastSeen(userIds: string[]): Promise<Map<string, string>>;

  /** Bans a user; banning again keeps the ban and takes the new reason. True when the ban is new. */
  banUser(userId: string, reason: string | null, now: Date): Promise<boolean>;
  /** Lifts a ban; true when there was one. */
  unbanUser(userId: string): Promise<boolean>;
  /** The user's ban and its reason, or null when they are not banned. */
  getBan(userId: string): Promise<{
    /** Why, as the host gave it; null when it gave none. */
    reason: string | null;
  } | null>;
  /** `blockerId` blocks `blockedId`; blocking again changes nothing. True when the block is new. */
  blockUser(blockerId: string, blockedId: string, now: Date): Promise<boolean>;
  /** Lifts a block; true when there was one. */
  unblockUser(blockerId: string, blockedId: string): Promise<boolean>;
  /** Everyone `blockerId` blocks, oldest block first. */
  listBlockedIds(blockerId: string): Promise<string[]>;
  /** Which of `among` block `blockedId`, in no set order. */
  listBlockerIds(blockedId: string, among: string[]): Promise<string[]>;
  /**
   * For each send (conversation, sender): the conversation's kind (null when unknown) and,
   * in a direct conversation, which of its two participants block the other. One query.
   */
  directBlockers(checks: SendCheck[]): Promise<SendBlocks[]>;

  /**
   * The host's create (`banter.admin.createConversation`): members as given, the creator a
   * group's owner. A key used before returns its conversation when the request hash is the
   * same and throws `conflict` when it is not; concurrent creates with one key make one.
   */
  createHostConversation(input: NewHostConversation): Promise<{
    /** The conversation's id: the new one, or the one the key or the pair already had. */
    id: string;
    /** False when an existing conversation was returned instead of a new one. */
    created: boolean;
  }>;
  /**
   * Stores a message whose sender needs not be a participant (the system, a bot), as
   * `insertMessage` does otherwise; throws `not_found` for an unknown conversation.
   */
  insertHostMessage(input: NewMessage): Promise<SendResult>;
  /** Sets title and metadata (a field left out is kept); false when there is no such conversation. */
  updateConversation(conversationId: string, changes: ConversationChanges): Promise<boolean>;
  /** Everything stored about the user, read in one snapshot. */
  exportUser(userId: string, now: Date): Promise<UserExport>;
  /** Erases the user in one transaction; see `UserErasure`. */
  eraseUser(input: UserErasure): Promise<ErasureResult>;
  /** Deletes one batch of expired messages of one conversation (the retention sweep); empty when none is left. */
  expireMessages(batch: ExpiryBatch): Promise<Message[]>;

  /** Stores a browser's push subscription; `'full'` when the user holds `maxPerUser` others. */
  savePushSubscription(input: NewPushSubscription): Promise<'saved' | 'full'>;
  /** Removes the user's subscription for the endpoint; true when there was one. */
  deletePushSubscription(userId: string, endpoint: string): Promise<boolean>;
  /** Removes an endpoint whoever it belongs to (the push service answered 404 or 410). */
  deletePushEndpoint(endpoint: string): Promise<void>;
  /** The user's subscribed endpoints, oldest first. */
  listPushEndpoints(userId: string): Promise<string[]>;
  /** The browsers of those of `userIds` in the conversation who have not muted it. */
  listPushTargets(conversationId: string, userIds: string[]): Promise<PushTarget[]>;
}
