import type {
  Conversation,
  ErrorPayload,
  Message,
  Presence,
  ReactionEvent,
  Receipt,
  UserProfile,
} from '../protocol';
import type { PendingUpload } from '../uploads/pending-upload';
import type { ConnectionStatus, PendingAction, PendingBlockChange, PendingMessage } from './state';

/** Every change to the state is one of these, applied by `reduce`. */
export type Action =
  | {
      type: 'connectionChanged';
      status: ConnectionStatus;
      reason: string;
      attempt: number;
      error: ErrorPayload | null;
      deviceOffline: boolean;
    }
  | { type: 'conversationsLoading' }
  | { type: 'conversationsLoaded'; conversations: Conversation[] }
  | { type: 'conversationsFailed'; error: ErrorPayload }
  | { type: 'conversationUpserted'; conversation: Conversation }
  | { type: 'conversationRemoved'; conversationId: string }
  /**
   * A page of history. `newest` may come in any order relative to live messages; it
   * replaces a window held away from the present. `around` (a jump) always replaces the
   * window held. `changes` is a change feed page: only its part inside the window held
   * is merged (the rest only moves the summary). `hasMore` is
   * in the page's direction (older for `newest` and `around`); `hasMoreAfter` is for
   * `around` only.
   */
  | {
      type: 'historyLoaded';
      conversationId: string;
      messages: Message[];
      position: 'newest' | 'older' | 'newer' | 'around' | 'changes';
      hasMore: boolean;
      hasMoreAfter?: boolean;
      /** Another load of the same kind is still on its way: its loading flag stays set. */
      stillLoading?: boolean;
    }
  /**
   * A page of the change feed: the current state of messages changed after
   * the timeline's cursor, and the counter the page reaches.
   */
  | { type: 'changesLoaded'; conversationId: string; messages: Message[]; lastChange: number }
  /** A page is on its way: an older one, or (`newer`) a newer one or the window around a message. */
  | { type: 'historyLoading'; conversationId: string; newer?: boolean }
  /**
   * A load failed. `loading` is the timeline's flag to clear: the one it had set, or null when
   * it set none (a newest page for a timeline at the present) or another load still holds it.
   */
  | {
      type: 'historyFailed';
      conversationId: string;
      error: ErrorPayload;
      loading: 'loadingOlder' | 'loadingNewer' | null;
    }
  /** A message from the server: live `message:new`/`message:updated`, or an ack. */
  | { type: 'received'; message: Message }
  | { type: 'queued'; message: PendingMessage }
  | { type: 'sendFailed'; clientId: string; error: ErrorPayload }
  | { type: 'sendRetried'; clientId: string }
  /** A queued send's files moved on (created, bytes sent, completed). */
  | { type: 'uploadsChanged'; clientId: string; uploads: PendingUpload[] }
  | { type: 'sendDiscarded'; clientId: string }
  /** Someone reacted: the message as it is now, without the viewer's `reacted` flags. */
  | { type: 'reacted'; event: ReactionEvent }
  | { type: 'actionQueued'; action: PendingAction }
  /** The server applied an action; its answer is the message as the viewer sees it now. */
  | { type: 'actionAcknowledged'; id: string; message: Message }
  | { type: 'actionFailed'; id: string; error: ErrorPayload }
  | { type: 'actionRetried'; id: string }
  | { type: 'actionDiscarded'; id: string }
  | { type: 'receipt'; receipt: Receipt }
  | { type: 'typing'; conversationId: string; userId: string; typing: boolean }
  | { type: 'presence'; presence: Presence[] }
  | { type: 'users'; users: UserProfile[] }
  /** The server's list of whom the viewer blocks. */
  | { type: 'blocksLoaded'; userIds: string[] }
  | { type: 'blockQueued'; change: PendingBlockChange }
  /** The server applied a block change (`blocked` is what it now holds for the user). */
  | { type: 'blockAcknowledged'; id: string; userId: string; blocked: boolean }
  /** The server refused a block change for good: it is dropped and the list is as the server holds it. */
  | { type: 'blockFailed'; id: string; error: ErrorPayload }
  | { type: 'failed'; error: ErrorPayload };
