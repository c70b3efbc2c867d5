import type { ErrorPayload } from './errors';
import type { MessageSearchPage } from './message-search';
import type {
  ChangePage,
  Conversation,
  ConversationPage,
  Message,
  MessagePage,
  Presence,
  ReactionEvent,
  Receipt,
  SendResult,
  TypingUpdate,
  Upload,
  UploadCancelled,
  UploadTicket,
  UploadUrls,
  UserProfile,
} from './models';
import type * as s from './schemas';

/** The socket.io namespace Banter uses unless the host picks another. */
export const defaultNamespace = '/banter';

/** What every acknowledgement carries: the result, or a typed error. */
export type AckResult<T> =
  | {
      /** The request succeeded. */
      ok: true;
      /** Its result: `RequestResult` of the request. */
      data: T;
    }
  | {
      /** The request failed. */
      ok: false;
      /** Why, with a stable code and whether sending it again can help. */
      error: ErrorPayload;
    };
/** The acknowledgement callback every request takes; the server calls it once, with the outcome. */
export type Ack<T> = (result: AckResult<T>) => void;

/** Ack data of `conversation:create`. */
export interface CreateConversationResult {
  /** The conversation as the caller sees it: the new one, or the one that already existed. */
  conversation: Conversation;
  /** False when a direct conversation between the two users already existed. */
  created: boolean;
}

/** Ack data of `user:block`. */
export interface BlockResult {
  /** The user now blocked. */
  userId: string;
  /** Always true: blocking twice is not an error. */
  blocked: true;
}

/** Ack data of `user:unblock`. */
export interface UnblockResult {
  /** The user no longer blocked. */
  userId: string;
  /** Always false: unblocking someone not blocked is not an error. */
  blocked: false;
}

/** Ack data of `user:blocks`. */
export interface BlockList {
  /** Everyone the caller blocks, in the order they were blocked. */
  userIds: string[];
}

/** Ack data of `message:report`. */
export interface ReportResult {
  /** The host has the report (its `onReport` hook returned, or it was logged). */
  reported: true;
}

/** Who a socket is signed in as: the payload of `session` and the ack data of `auth:refresh`. */
export interface SessionInfo {
  /** The user the token names. */
  userId: string;
  /** When the current token stops being accepted; null when it does not expire. */
  expiresAt: string | null;
  /** This server's configured limits; sent with the `session` event (absent in `auth:refresh` acks). */
  limits?: ServerLimits;
}

/**
 * The limits a server is configured with that decide whether a request can
 * succeed. The fixed bounds of the protocol are `protocolLimits`; these may be
 * tighter, and a client learns them from the `session` event.
 */
export interface ServerLimits {
  /** Longest message text, in code points (`message_too_long` beyond it). */
  maxTextLength: number;
  /** Largest payload, in UTF-8 bytes of its JSON (`payload_too_large` beyond it). */
  maxPayloadBytes: number;
  /** Deepest nesting of objects and arrays, the payload object being level 1 (`payload_too_deep` beyond it). */
  maxPayloadDepth: number;
  /** People in one group, its creator included (`bad_request` beyond it). */
  maxGroupSize: number;
  /** Present when the server accepts uploads: what `upload:create` will refuse. */
  uploads?: UploadLimits;
}

/** The upload limits a server is configured with, sent with the `session` event. */
export interface UploadLimits {
  /** Largest file, in bytes (`file_too_large` beyond it). */
  maxFileBytes: number;
  /** Media types a file may have, declared and sniffed (`file_type_not_allowed` otherwise). */
  allowedTypes: string[];
  /** Bytes of a user's uploads not yet sent in a message, at most (`quota_exceeded` beyond it). */
  quotaBytes: number;
}

/**
 * Every client→server request: its payload and the data its ack carries.
 * The socket event name is the key; REST routes carry the same payloads.
 */
export interface ClientRequests {
  /** Lists the caller's conversations, newest activity first, a page at a time. */
  'conversation:list': {
    /** Archived or not, page size and cursor. */
    input: s.ListConversationsInput;
    /** One page, and the cursor of the next. */
    result: ConversationPage;
  };
  /** Reads one conversation. */
  'conversation:get': {
    /** Which one; `not_found` unless the caller is a participant. */
    input: s.ConversationRef;
    /** The caller's view of it. */
    result: Conversation;
  };
  /** Starts a direct conversation or a group; each participant gets `conversation:updated` when it is new. */
  'conversation:create': {
    /** A direct conversation's other user, or a group's participants, title and idempotency key. */
    input: s.CreateConversationInput;
    /** The conversation, and whether this call created it. */
    result: CreateConversationResult;
  };
  /** The group owner adds people; every participant gets `conversation:updated`. */
  'conversation:addParticipants': {
    /** The group and the users to add. */
    input: s.AddParticipantsInput;
    /** The caller's view after the change. */
    result: Conversation;
  };
  /** The group owner removes someone, who gets `conversation:removed`; the others get `conversation:updated`. */
  'conversation:removeParticipant': {
    /** The group and the user to remove. */
    input: s.RemoveParticipantInput;
    /** The caller's view after the change. */
    result: Conversation;
  };
  /** The caller leaves a group (a direct conversation cannot be left); their sockets get `conversation:removed`. */
  'conversation:leave': {
    /** The group to leave. */
    input: s.ConversationRef;
    /** Confirms which group was left. */
    result: {
      /** Id of the group left. */
      conversationId: string;
    };
  };
  /** Sets the caller's archived flag; only the caller's sockets get `conversation:updated`. */
  'conversation:archive': {
    /** The conversation and the new flag. */
    input: s.ArchiveInput;
    /** The caller's view with the new flag. */
    result: Conversation;
  };
  /** Sets the caller's muted flag; the server sends the same events either way. */
  'conversation:mute': {
    /** The conversation and the new flag. */
    input: s.MuteInput;
    /** The caller's view with the new flag. */
    result: Conversation;
  };
  /** Sends a message; every socket of the conversation, the sender's included, gets `message:new`. */
  'message:send': {
    /** The message, with the `clientId` to resend it with after a lost ack. */
    input: s.SendMessageInput;
    /** The stored message; `created` is false when the `clientId` was stored before. */
    result: SendResult;
  };
  /** The sender replaces a message's text; the conversation gets `message:updated`. */
  'message:edit': {
    /** The message and its new text. */
    input: s.EditMessageInput;
    /** The edited message. */
    result: Message;
  };
  /** The sender soft-deletes a message, which keeps its `seq`; the conversation gets `message:updated`. */
  'message:delete': {
    /** The message to delete. */
    input: s.DeleteMessageInput;
    /** The deleted message: empty body, `deletedAt` set. */
    result: Message;
  };
  /** Reads one page of history. */
  'message:list': {
    /** The conversation, where to page from, and the page size. */
    input: s.ListMessagesInput;
    /** Messages in ascending `seq` order, and whether more exist in the direction asked. */
    result: MessagePage;
  };
  /** Reads the change feed, to catch up on a conversation after a reconnect. */
  'message:changes': {
    /** The conversation and the change counter the client holds. */
    input: s.ListChangesInput;
    /** Messages changed since, in `change` order, and the counter to continue from. */
    result: ChangePage;
  };
  /** Adds the caller's reaction; when that changes something, the conversation gets `message:reacted`. */
  'reaction:add': {
    /** The message and the emoji. */
    input: s.ReactionInput;
    /** The message as it is now, `reacted` set for the caller. */
    result: Message;
  };
  /** Removes the caller's reaction; when that changes something, the conversation gets `message:reacted`. */
  'reaction:remove': {
    /** The message and the emoji. */
    input: s.ReactionInput;
    /** The message as it is now, `reacted` set for the caller. */
    result: Message;
  };
  /** Marks everything up to `seq` read, and so delivered; the conversation gets `receipt`. */
  'receipt:read': {
    /** The conversation and the highest `seq` the user has seen. */
    input: s.WatermarkInput;
    /** The caller's watermarks after the change. */
    result: Receipt;
  };
  /** Marks everything up to `seq` delivered to a device; the conversation gets `receipt`. */
  'receipt:delivered': {
    /** The conversation and the highest `seq` received. */
    input: s.WatermarkInput;
    /** The caller's watermarks after the change. */
    result: Receipt;
  };
  /** Starts or stops the caller's typing indicator; socket only, and the ack may be left out. */
  'typing:set': {
    /** The conversation and whether the user is typing. */
    input: s.TypingInput;
    /** No data. */
    result: null;
  };
  /** Reads who is online; users who are not the caller's contacts are left out. */
  'presence:get': {
    /** The users to look up. */
    input: s.UserIdsInput;
    /** One entry per contact asked for, in the order asked. */
    result: Presence[];
  };
  /** Reads profiles from the host's user lookup. */
  'user:get': {
    /** The users to look up. */
    input: s.UserIdsInput;
    /** One profile per distinct id, in order; an unknown id gets its id as name. */
    result: UserProfile[];
  };
  /** Searches users through the host's search hook. */
  'user:search': {
    /** The query and the most results wanted. */
    input: s.SearchUsersInput;
    /** At most `limit` profiles, possibly the caller's; always empty without a search hook. */
    result: UserProfile[];
  };
  /**
   * Blocks a user: they can no longer start or continue a direct conversation with the
   * caller, nor see the caller's presence. Groups are unaffected on the server.
   */
  'user:block': {
    /** The user to block; not the caller. */
    input: s.BlockUserInput;
    /** The user and `blocked: true`, also when they were blocked already. */
    result: BlockResult;
  };
  /** Lifts a block; everything it stopped works again. */
  'user:unblock': {
    /** The user to unblock; not the caller. */
    input: s.BlockUserInput;
    /** The user and `blocked: false`, also when they were not blocked. */
    result: UnblockResult;
  };
  /** Lists whom the caller blocks, for the client to collapse their messages in groups. */
  'user:blocks': {
    /** No fields. */
    input: s.EmptyInput;
    /** The ids the caller blocks. */
    result: BlockList;
  };
  /**
   * Full-text search over the messages of the caller's conversations (or one of them),
   * newest first; deleted messages and conversations the caller left are never searched.
   */
  'message:search': {
    /** The query, an optional conversation, the cursor and the page size. */
    input: s.SearchMessagesInput;
    /** One page of hits with highlight ranges, and the cursor of the next. */
    result: MessageSearchPage;
  };
  /** Reports a message to the host application (its `onReport` hook), with a reason. */
  'message:report': {
    /** The message and why it is reported. */
    input: s.ReportMessageInput;
    /** Confirms the host has the report. */
    result: ReportResult;
  };
  /**
   * Asks to upload one file: checks participation, size, declared type, rate
   * and quota, and answers the upload and where to PUT its bytes.
   */
  'upload:create': {
    /** Conversation, idempotency key, file name, size and declared type. */
    input: s.CreateUploadInput;
    /** The upload, and the one HTTP request that sends its bytes. */
    result: UploadTicket;
  };
  /**
   * After the PUT succeeded: the server checks the bytes (size as declared,
   * type sniffed from the content), strips image metadata and makes a
   * thumbnail. Completing twice returns the same upload.
   */
  'upload:complete': {
    /** The caller's upload. */
    input: s.UploadRefInput;
    /** The upload, `complete`, with its sniffed type (and size and placeholder for images). */
    result: Upload;
  };
  /** Deletes one of the caller's uploads that no message uses yet (cancel in the composer). */
  'upload:cancel': {
    /** The caller's upload. */
    input: s.UploadRefInput;
    /** Confirms it is gone, also when it already was. */
    result: UploadCancelled;
  };
  /**
   * Short-lived signed URLs to read files sent in a conversation. Participation
   * is checked on every call, so someone removed gets no new URLs.
   */
  'upload:urls': {
    /** The conversation and the uploads named by its messages' attachments. */
    input: s.UploadUrlsInput;
    /** One entry per id, in the order asked. */
    result: UploadUrls[];
  };
  /** Replaces the socket's token with a fresh one for the same user, before or after it expires; socket only. */
  'auth:refresh': {
    /** The new token. */
    input: s.RefreshAuthInput;
    /** The session with the new token's expiry. */
    result: SessionInfo;
  };
}

/** Name of a client→server request, which is also its socket event name. */
export type RequestName = keyof ClientRequests;
/** Payload type of request `E`. */
export type RequestInput<E extends RequestName> = ClientRequests[E]['input'];
/** Type of the data a successful ack of request `E` carries. */
export type RequestResult<E extends RequestName> = ClientRequests[E]['result'];

/** Socket.IO typed events, client→server: every event takes its payload and an ack. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestInput<E>, ack: Ack<RequestResult<E>>) => void;
};

/** Payload of `conversation:removed`. */
export interface ConversationRemoved {
  /** Conversation the user is no longer in. */
  conversationId: string;
  /** `left`: the user left it; `removed`: an owner removed them. */
  reason: 'left' | 'removed';
}

/** Payload of `auth:expired`. */
export interface AuthExpired {
  /** A notice for people, e.g. "token expired: send auth:refresh with a new token". */
  message: string;
  /** The socket is closed this long after the event unless `auth:refresh` succeeds. */
  disconnectInMs: number;
}

/** Socket.IO typed events, server→client. */
export interface ServerToClientEvents {
  /**
   * Sent once per connection, when the socket has joined its rooms: from here
   * on live events reach it, so this is the moment to gap-fill.
   */
  session: (session: SessionInfo) => void;
  /** A message was stored; to every socket of the conversation, the sender's included (usually before its ack). */
  'message:new': (message: Message) => void;
  /** A message was edited or deleted; to every socket of the conversation. */
  'message:updated': (message: Message) => void;
  /** To the conversation, the reacting user's other devices included; the message carries no `reacted`. */
  'message:reacted': (event: ReactionEvent) => void;
  /** A participant's watermarks after a receipt request, even one that moved nothing; to the conversation. */
  receipt: (receipt: Receipt) => void;
  /** Someone started or stopped typing; to every socket of the conversation, the typer's included. May be lost. */
  typing: (update: TypingUpdate) => void;
  /** A user came online (on every connect) or their last socket disconnected; to the sockets of their contacts. */
  presence: (presence: Presence) => void;
  /** The conversation as this user sees it, after a change of participants or settings. */
  'conversation:updated': (conversation: Conversation) => void;
  /** The user left or was removed; to all of that user's sockets, which get no more of its events. */
  'conversation:removed': (event: ConversationRemoved) => void;
  /** The socket's token expired: send `auth:refresh` within `disconnectInMs`; to that socket only. */
  'auth:expired': (event: AuthExpired) => void;
  /**
   * The server ends the session for good (`code: 'banned'`): sent to every socket of the
   * user right before they are disconnected. Do not reconnect; the handshake would be refused.
   */
  'session:ended': (error: ErrorPayload) => void;
}
