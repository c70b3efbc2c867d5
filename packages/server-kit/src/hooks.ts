import type { Conversation, Message, SendMessageData, UserProfile } from '@banter/core/protocol';
import type { SearchMessagesHook } from './search/search-hook';

/** What `beforeMessage` is told about a message before it is stored. */
export interface BeforeMessageContext {
  /** The sender: the authenticated user. */
  userId: string;
  /** The conversation as the sender sees it. */
  conversation: Conversation;
  /** The message as it would be stored (validated, defaults applied). */
  message: SendMessageData;
}

/** What `onMessage` is told after a new message is committed. */
export interface OnMessageContext {
  /** The stored message, with its `seq`. */
  message: Message;
  /** The conversation it was sent in. */
  conversation: Conversation;
  /** Participants other than the sender, and whether any of their devices is connected. */
  recipients: {
    /** A participant other than the sender. */
    userId: string;
    /** Whether any of their devices is connected, on any node. */
    online: boolean;
    /** Whether the message mentions them (`message.mentions`): notify them even when muted, say. */
    mentioned: boolean;
  }[];
}

/** What `onReport` is told when a participant reports a message. */
export interface ReportContext {
  /** Who reports it: the authenticated user, a participant of the conversation. */
  reporterId: string;
  /** The message as stored when it was reported (possibly edited or deleted since it was sent). */
  message: Message;
  /** The conversation as the reporter sees it. */
  conversation: Conversation;
  /** The reporter's reason, trimmed, 1–500 characters. */
  reason: string;
}

/** A moderation verdict: return `{ reject }` to refuse a message with a reason, nothing to let it through. */
export type BeforeMessageResult =
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: lets a hook that returns nothing type-check
  | void
  | {
      /** Why the message is refused; the sender sees it. */
      reject: string;
    };

type Awaitable<T> = T | Promise<T>;

/**
 * Where the host application plugs in. Every hook is optional and guarded: a
 * hook that throws or hangs is logged, and never takes the server down.
 */
export interface BanterHooks {
  /**
   * Profiles for ids, so clients can show names and avatars. Missing ids fall back to
   * `{ id, name: id }`. `viewerId` is who asks, for profiles that depend on the viewer.
   */
  getUsers?(
    userIds: string[],
    context: { viewerId: string },
  ): Promise<UserProfile[]> | UserProfile[];
  /**
   * Whether `from` may start a direct conversation with `to`, put `to` in a group they
   * create or own, and see `to`'s presence (marketplace rules, verified accounts). Without
   * the hook, anyone may. Users' own blocks (`user:block`) apply on top of it. Asked once
   * per contact on every presence change, so answer from memory or a cache.
   *
   * @example
   * canContact: ({ from, to }) => verified.has(from) || staff.has(to)
   */
  canContact?(context: { from: string; to: string }): Awaitable<boolean>;
  /** Users the viewer may start a conversation with, matching a free-text query. */
  searchUsers?(
    query: string,
    context: { userId: string; limit: number },
  ): Promise<UserProfile[]> | UserProfile[];
  /**
   * Replaces the built-in message search (`message:search`) with your engine; same result
   * shape. Banter still drops hits outside the user's conversations. See `SearchMessagesHook`.
   */
  searchMessages?: SearchMessagesHook;
  /** Called before a message is stored (moderation, blocking). */
  beforeMessage?(context: BeforeMessageContext): Awaitable<BeforeMessageResult>;
  /** Called after a message is committed (push notifications, e-mail, webhooks). */
  onMessage?(context: OnMessageContext): void | Promise<void>;
  /**
   * A participant reported a message (`message:report`). The reporter's ack waits for it:
   * throwing or taking longer than `hookTimeoutMs` answers them `unavailable`, so they can
   * retry. Without the hook, reports go to the logger as a warning.
   *
   * @example
   * onReport: async ({ reporterId, message, reason }) => {
   *   await moderationQueue.add({ reporterId, messageId: message.id, reason });
   * }
   */
  onReport?(context: ReportContext): void | Promise<void>;
}
