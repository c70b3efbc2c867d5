import type {
  Attachment,
  Conversation,
  ErrorPayload,
  Message,
  MessageKind,
  Presence,
  UserProfile,
} from '../protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  previous: ConnectionStatus | null;
  /** Why the last change happened, for people and logs. */
  reason: string;
  /** Failed attempts since the last stable connection. */
  attempt: number;
  error: ErrorPayload | null;
}

/** An own message the server has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  conversationId: string;
  senderId: string;
  kind: Exclude<MessageKind, 'system'>;
  body: string;
  attachments: Attachment[];
  replyTo: string | null;
  /** Client clock, for display until the server's time is known. */
  createdAt: string;
  status: 'sending' | 'failed';
  error: ErrorPayload | null;
}

export interface Timeline {
  /** Confirmed messages, strictly ascending by seq. */
  messages: Message[];
  /** Own sends not yet acknowledged, in the order they were sent. */
  pending: PendingMessage[];
  /** True once the newest page has been loaded. */
  loaded: boolean;
  /** Whether older messages exist before the first one held. */
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  error: ErrorPayload | null;
  /**
   * Every change of the conversation's feed up to this counter is applied
   * here: gap-fill asks for the changes after it. Null until the first page
   * is loaded.
   */
  changeCursor: number | null;
}

export interface ChatState {
  userId: string;
  connection: ConnectionState;
  conversations: Record<string, Conversation>;
  /** Conversation ids, most recent activity first. */
  conversationOrder: string[];
  conversationsStatus: 'idle' | 'loading' | 'loaded' | 'error';
  timelines: Record<string, Timeline>;
  /** Per conversation, the ids of users typing now (never yourself). */
  typing: Record<string, string[]>;
  presence: Record<string, Presence>;
  users: Record<string, UserProfile>;
  /** The latest failure of an operation that has no other place to report it. */
  lastError: ErrorPayload | null;
}

export const emptyTimeline: Timeline = {
  messages: [],
  pending: [],
  loaded: false,
  hasMoreBefore: false,
  loadingOlder: false,
  changeCursor: null,
  error: null,
};

export function initialState(userId: string): ChatState {
  return {
    userId,
    connection: {
      status: 'connecting',
      previous: null,
      reason: 'starting',
      attempt: 0,
      error: null,
    },
    conversations: {},
    conversationOrder: [],
    conversationsStatus: 'idle',
    timelines: {},
    typing: {},
    presence: {},
    users: {},
    lastError: null,
  };
}
