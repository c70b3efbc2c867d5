import type { Mention } from './mentions';

/**
 * The shapes that travel on the wire. Timestamps are ISO 8601 strings so that a
 * payload is plain JSON in every language; `seq` values are integers.
 */

export type ConversationKind = 'direct' | 'group';
/** What a message carries. */
export type MessageKind = 'text' | 'image' | 'file' | 'system';
/** A group's creator is its `owner`; everyone else is a `member`. */
export type ParticipantRole = 'owner' | 'member';

/**
 * A file or image on a message: either a link to a file that lives elsewhere
 * (`url` set), or a file uploaded to the server's upload store (`uploadId`
 * set, `url` empty): fetch its short-lived URLs with `upload:urls`.
 */
export interface Attachment {
  /** Where the file is served from; an empty string for an upload (ask `upload:urls`). */
  url: string;
  /** Set when the server holds the bytes: the upload's id, for `upload:urls`. */
  uploadId?: string;
  /** Images of an upload only: a CSS colour (`#rrggbb`) to fill the image's box until it loads. */
  placeholder?: string;
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
   * People named in `body`, in order, ranges in UTF-16 code units; empty once deleted. Show
   * each with the person's current name (the text in the range is the name when it was
   * written). Servers always send it; absent means none.
   */
  mentions?: Mention[];
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
  /** Of those unread messages, how many mention the viewer. */
  unreadMentions: number;
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

/** Where an upload stands: waiting for its bytes, or checked and ready to send. */
export type UploadStatus = 'pending' | 'complete';

/** An upload as its owner sees it, from `upload:create` until it is sent in a message. */
export interface Upload {
  /** Server-assigned id, unguessable (128 random bits); name it in `message:send`'s `uploadIds`. */
  id: string;
  /** The conversation it may be sent in; no other. */
  conversationId: string;
  /** The file name as stored: the sanitized form of the name given (no path, no control or bidi characters, at most 255 characters). */
  name: string;
  /** Size in bytes, as declared; `upload:complete` checks the bytes against it. */
  size: number;
  /** The media type the client declared, lower-cased, without parameters. */
  declaredType: string;
  /** The type sniffed from the bytes (or `application/octet-stream` for content with no signature); null while pending. */
  type: string | null;
  /** `pending` until `upload:complete` has checked the bytes, then `complete`. */
  status: UploadStatus;
  /** Raster images: width in pixels once complete (after EXIF rotation); null otherwise. */
  width: number | null;
  /** Raster images: height in pixels once complete; null otherwise. */
  height: number | null;
  /** Raster images: a CSS colour (`#rrggbb`) to show until the image loads; null otherwise. */
  placeholder: string | null;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** When the server deletes it unless a message has used it (ISO 8601). */
  expiresAt: string;
}

/** Where and how to send an upload's bytes: one HTTP request, made as given. */
export interface UploadTarget {
  /** Always `PUT`: the body is the file's bytes, nothing else. */
  method: 'PUT';
  /**
   * An absolute URL (a presigned URL of an S3-compatible bucket), or a path
   * starting with `/` that is relative to the REST prefix (the server's own
   * route). Carries its own signature: send no `Authorization` header.
   */
  url: string;
  /** Headers to send exactly as given (`Content-Type` at least); add no others the URL was not signed for. */
  headers: Record<string, string>;
  /** After this instant (ISO 8601) the URL is refused; call `upload:create` again with the same `clientId` for a fresh one. */
  expiresAt: string;
}

/** Ack data of `upload:create`. */
export interface UploadTicket {
  /** The upload: new, or the one this `clientId` created before. */
  upload: Upload;
  /** Where to PUT the bytes; null when the upload is already complete (nothing more to send). */
  target: UploadTarget | null;
  /** False when this `clientId` made the upload before (REST answers 200 instead of 201). */
  created: boolean;
}

/** Short-lived URLs to read one uploaded file, from `upload:urls`. */
export interface UploadUrls {
  /** Which upload. */
  uploadId: string;
  /**
   * The file, absolute or relative to the REST prefix like `UploadTarget.url`.
   * Raster images are served inline; everything else as a download.
   */
  url: string;
  /** A smaller image (at most 320 px on its longest side) for raster images; null for other files. */
  thumbnailUrl: string | null;
  /** When both URLs stop working (ISO 8601); ask `upload:urls` again after. */
  expiresAt: string;
}

/** Ack data of `upload:cancel`. */
export interface UploadCancelled {
  /** The upload deleted. */
  uploadId: string;
  /** Always true, also when it was already gone. */
  cancelled: true;
}
