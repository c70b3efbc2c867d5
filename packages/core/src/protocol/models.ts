/**
 * The shapes that travel on the wire. Timestamps are ISO 8601 strings so that a
 * payload is plain JSON in every language; `seq` values are integers.
 */

export type ConversationKind = 'direct' | 'group';
/** What a message carries. */
export type MessageKind = 'text' | 'image' | 'file' | 'system';
/** A group's creator is its `owner`; everyone else is a `member`. */
export type ParticipantRole = 'owner' | 'member';

/** A file or image that lives elsewhere (Banter stores its URL, never its bytes). */
export interface Attachment {
  /** Where the file is served from. */
  url: string;
  /** The file name to show. */
  name?: string;
  /** The file's type, e.g. `image/png`. */
  mimeType?: string;
  /** Size in bytes. */
  size?: number;
  /** An image's width in pixels. */
  width?: number;
  /** An image's height in pixels. */
  height?: number;
}

/** A stored message, as the server holds it. */
export interface Message {
  /** Server-assigned id. */
  id: string;
  /** The conversation it belongs to. */
  conversationId: string;
  /** Per-conversation position, strictly increasing, assigned at commit. */
  seq: number;
  /** Who sent it: always the authenticated user, never a payload field. */
  senderId: string;
  /** The sender's idempotency key: a resend with the same value returns this message. */
  clientId: string;
  /** What it carries: text, an image, a file, or a system notice. */
  kind: MessageKind;
  /** Empty once the message is deleted. */
  body: string;
  /** Files or images sent with it; empty once deleted. */
  attachments: Attachment[];
  /** Id of the message this one replies to, in the same conversation. */
  replyTo: string | null;
  /** When the server stored it (ISO 8601). */
  createdAt: string;
  /** When it was last edited; null if never. */
  editedAt: string | null;
  /** When it was deleted; null while it is not. A deleted message keeps its place. */
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
  /** How many people reacted with this emoji. */
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

/** A member of a conversation and how far they have received and read. */
export interface Participant {
  /** The member's user id. */
  userId: string;
  /** `owner` (the group's creator) or `member`. */
  role: ParticipantRole;
  /** When they joined (ISO 8601). */
  joinedAt: string;
  /** Highest seq this participant has read. */
  lastReadSeq: number;
  /** Highest seq that reached one of this participant's devices. */
  lastDeliveredSeq: number;
}

/** A conversation as one participant (the viewer) sees it. */
export interface Conversation {
  /** Server-assigned id. */
  id: string;
  /** `direct` (two people, at most one such conversation between them) or `group`. */
  kind: ConversationKind;
  /** A group's name; null for direct conversations and untitled groups. */
  title: string | null;
  /** Host data, e.g. the listing a conversation is about. */
  metadata: Record<string, unknown> | null;
  /** Who created it. */
  createdBy: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** Seq of the newest message (0 when empty). */
  lastSeq: number;
  /** The change counter: advanced by every insert, edit and delete of a message, in its transaction. */
  lastChange: number;
  /** When its newest message was sent, or when it was created: lists are ordered by it. */
  lastActivityAt: string;
  /** Its members, with their receipts. */
  participants: Participant[];
  /** Its newest message, for previews; null when empty. */
  lastMessage: Message | null;
  /** Messages from others after the viewer's read watermark that are not deleted. */
  unreadCount: number;
  /** Muted by the viewer. */
  muted: boolean;
  /** Archived by the viewer. */
  archived: boolean;
}

/** A user as the host application describes them. */
export interface UserProfile {
  /** The user's id in the host application. */
  id: string;
  /** The name to show. */
  name: string;
  /** A picture to show; null or absent for initials. */
  avatarUrl?: string | null;
}

/** Whether a user is online, on any device and any server node. */
export interface Presence {
  /** Whose presence this is. */
  userId: string;
  /** True while any of their sockets is connected. */
  online: boolean;
  /** When the user's last socket disconnected; null when unknown or online now. */
  lastSeenAt: string | null;
}

/** One participant's watermarks after a change. */
export interface Receipt {
  /** The conversation the watermarks are in. */
  conversationId: string;
  /** The participant whose watermarks moved. */
  userId: string;
  /** Highest seq they have read. */
  lastReadSeq: number;
  /** Highest seq that reached one of their devices. */
  lastDeliveredSeq: number;
}

/** Someone started or stopped typing in a conversation. */
export interface TypingUpdate {
  /** Where they are typing. */
  conversationId: string;
  /** Who is typing. */
  userId: string;
  /** `true` while typing, `false` when they stop. */
  typing: boolean;
  /** Receivers drop a `typing: true` after this long unless it is renewed. */
  expiresInMs: number;
}

/** A page of a conversation's history. */
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
  /** The message with its reactions as they are now. */
  message: Message;
  /** Who reacted. */
  userId: string;
  /** The emoji they added or removed. */
  emoji: string;
  /** `true` when added, `false` when removed. */
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

/** A page of the viewer's conversations. */
export interface ConversationPage {
  /** In order of last activity, newest first. */
  conversations: Conversation[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The answer to a send: the stored message (the same one again for a resend). */
export interface SendResult {
  /** The message as stored, with its `seq`. */
  message: Message;
  /** False when the clientId was already stored and this is the earlier copy. */
  created: boolean;
}
