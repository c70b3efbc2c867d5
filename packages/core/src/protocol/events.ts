import type { ErrorPayload } from './errors';
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
  UserProfile,
} from './models';
import type * as s from './schemas';

/** The socket.io namespace Banter uses unless the host picks another. */
export const defaultNamespace = '/banter';

/** What every acknowledgement carries: the result, or a typed error. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };
export type Ack<T> = (result: AckResult<T>) => void;

export interface CreateConversationResult {
  conversation: Conversation;
  /** False when a direct conversation between the two users already existed. */
  created: boolean;
}

export interface SessionInfo {
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
}

/**
 * Every client→server request: its payload and the data its ack carries.
 * The socket event name is the key; REST routes carry the same payloads.
 */
export interface ClientRequests {
  'conversation:list': { input: s.ListConversationsInput; result: ConversationPage };
  'conversation:get': { input: s.ConversationRef; result: Conversation };
  'conversation:create': { input: s.CreateConversationInput; result: CreateConversationResult };
  'conversation:addParticipants': { input: s.AddParticipantsInput; result: Conversation };
  'conversation:removeParticipant': { input: s.RemoveParticipantInput; result: Conversation };
  'conversation:leave': { input: s.ConversationRef; result: { conversationId: string } };
  'conversation:archive': { input: s.ArchiveInput; result: Conversation };
  'conversation:mute': { input: s.MuteInput; result: Conversation };
  'message:send': { input: s.SendMessageInput; result: SendResult };
  'message:edit': { input: s.EditMessageInput; result: Message };
  'message:delete': { input: s.DeleteMessageInput; result: Message };
  'message:list': { input: s.ListMessagesInput; result: MessagePage };
  'message:changes': { input: s.ListChangesInput; result: ChangePage };
  'reaction:add': { input: s.ReactionInput; result: Message };
  'reaction:remove': { input: s.ReactionInput; result: Message };
  'receipt:read': { input: s.WatermarkInput; result: Receipt };
  'receipt:delivered': { input: s.WatermarkInput; result: Receipt };
  'typing:set': { input: s.TypingInput; result: null };
  'presence:get': { input: s.UserIdsInput; result: Presence[] };
  'user:get': { input: s.UserIdsInput; result: UserProfile[] };
  'user:search': { input: s.SearchUsersInput; result: UserProfile[] };
  'auth:refresh': { input: s.RefreshAuthInput; result: SessionInfo };
}

export type RequestName = keyof ClientRequests;
export type RequestInput<E extends RequestName> = ClientRequests[E]['input'];
export type RequestResult<E extends RequestName> = ClientRequests[E]['result'];

/** Socket.IO typed events, client→server: every event takes its payload and an ack. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestInput<E>, ack: Ack<RequestResult<E>>) => void;
};

export interface ConversationRemoved {
  conversationId: string;
  reason: 'left' | 'removed';
}

export interface AuthExpired {
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
  'message:new': (message: Message) => void;
  'message:updated': (message: Message) => void;
  /** To the conversation, the reacting user's other devices included; the message carries no `reacted`. */
  'message:reacted': (event: ReactionEvent) => void;
  receipt: (receipt: Receipt) => void;
  typing: (update: TypingUpdate) => void;
  presence: (presence: Presence) => void;
  /** The conversation as this user sees it, after a change of participants or settings. */
  'conversation:updated': (conversation: Conversation) => void;
  'conversation:removed': (event: ConversationRemoved) => void;
  'auth:expired': (event: AuthExpired) => void;
}
