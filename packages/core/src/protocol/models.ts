/**
 * The shapes that travel on the wire. Timestamps are ISO 8601 strings so that a
 * payload is plain JSON in every language; `seq` values are integers.
 */

export type ConversationKind = 'direct' | 'group';
export type MessageKind = 'text' | 'image' | 'file' | 'system';
export type ParticipantRole = 'owner' | 'member';

/** A file or image that lives elsewhere (Banter stores its URL, never its bytes). */
export interface Attachment {
  url: string;
  name?: string;
  mimeType?: string;
  /** Size in bytes. */
  size?: number;
  width?: number;
  height?: number;
}

export interface Message {
  /** Server-assigned id. */
  id: string;
  conversationId: string;
  /** Per-conversation position, strictly increasing, assigned at commit. */
  seq: number;
  senderId: string;
  /** The sender's idempotency key: a resend with the same value returns this message. */
  clientId: string;
  kind: MessageKind;
  /** Empty once the message is deleted. */
  body: string;
  attachments: Attachment[];
  /** Id of the message this one replies to, in the same conversation. */
  replyTo: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** Reactions, in the order each emoji was first used; empty once deleted. */
  reactions: Reaction[];
  /**
   * Where this message's latest change (its insert, an edit, its deletion, a reaction)
   * stands in its conversation's change feed: the conversation's change
   * counter as that change committed it. See `message:changes`.
   */
  change: number;
}

/** One emoji's reactions on a message. */
export interface Reaction {
  /** One emoji, stored without U+FE0F (see `normalizeEmoji`). */
  emoji: string;
  count: number;
  /** The first users who reacted with it, oldest first, at most `protocolLimits.reactionUsersShown`. */
  userIds: string[];
  /**
   * Whether the viewer reacted with it. Present in answers made for one
   * viewer (pages, the change feed, acks); absent in events sent to a whole
   * conversation, where a client keeps what it knew (a `message:reacted`
   * event names who reacted).
   */
  reacted?: boolean;
}

export interface Participant {
  userId: string;
  role: ParticipantRole;
  joinedAt: string;
  /** Highest seq this participant has read. */
  lastReadSeq: number;
  /** Highest seq that reached one of this participant's devices. */
  lastDeliveredSeq: number;
}

/** A conversation as one participant (the viewer) sees it. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string | null;
  /** Host data, e.g. the listing a conversation is about. */
  metadata: Record<string, unknown> | null;
  createdBy: string;
  createdAt: string;
  /** Seq of the newest message (0 when empty). */
  lastSeq: number;
  /** The change counter: advanced by every insert, edit and delete of a message, in its transaction. */
  lastChange: number;
  lastActivityAt: string;
  participants: Participant[];
  lastMessage: Message | null;
  /** Messages from others after the viewer's read watermark that are not deleted. */
  unreadCount: number;
  muted: boolean;
  archived: boolean;
}

/** A user as the host application describes them. */
export interface UserProfile {
  id: string;
  name: string;
  avatarUrl?: string | null;
}

export interface Presence {
  userId: string;
  online: boolean;
  /** When the user's last socket disconnected; null when unknown or online now. */
  lastSeenAt: string | null;
}

/** One participant's watermarks after a change. */
export interface Receipt {
  conversationId: string;
  userId: string;
  lastReadSeq: number;
  lastDeliveredSeq: number;
}

export interface TypingUpdate {
  conversationId: string;
  userId: string;
  typing: boolean;
  /** Receivers drop a `typing: true` after this long unless it is renewed. */
  expiresInMs: number;
}

export interface MessagePage {
  /** Always in ascending seq order. */
  messages: Message[];
  /** Whether more messages exist beyond this page in the direction asked for (older, for `around`). */
  hasMore: boolean;
  /** Only for `around`: whether newer messages exist after this page. */
  hasMoreAfter?: boolean;
}

/** Someone added or removed a reaction: the message as it is now, and who did what. */
export interface ReactionEvent {
  message: Message;
  userId: string;
  emoji: string;
  added: boolean;
}

/** A page of the change feed: the current state of each message changed after a counter. */
export interface ChangePage {
  /** In ascending `change` order; each message once, as it is now (a deleted one included). */
  messages: Message[];
  /** Pass as `after` for the next page: the highest `change` in this page, or `after` itself when empty. */
  lastChange: number;
  /** Whether changes after `lastChange` exist. */
  hasMore: boolean;
}

export interface ConversationPage {
  conversations: Conversation[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface SendResult {
  message: Message;
  /** False when the clientId was already stored and this is the earlier copy. */
  created: boolean;
}
