import type { Conversation, Message, SendMessageData, UserProfile } from '@banter/core/protocol';

export interface BeforeMessageContext {
  userId: string;
  /** The conversation as the sender sees it. */
  conversation: Conversation;
  message: SendMessageData;
}

export interface OnMessageContext {
  message: Message;
  conversation: Conversation;
  /** Participants other than the sender, and whether any of their devices is connected. */
  recipients: { userId: string; online: boolean }[];
}

/** A moderation verdict: return `{ reject }` to refuse a message with a reason, nothing to let it through. */
// biome-ignore lint/suspicious/noConfusingVoidType: lets a hook that returns nothing type-check
export type BeforeMessageResult = undefined | void | { reject: string };

type Awaitable<T> = T | Promise<T>;

/**
 * Where the host application plugs in. Every hook is optional and guarded: a
 * hook that throws or hangs is logged, and never takes the server down.
 */
export interface BanterHooks {
  /** Profiles for ids, so clients can show names and avatars. Missing ids fall back to `{ id, name: id }`. */
  getUsers?(userIds: string[]): Promise<UserProfile[]> | UserProfile[];
  /** Users the viewer may start a conversation with, matching a free-text query. */
  searchUsers?(
    query: string,
    context: { userId: string; limit: number },
  ): Promise<UserProfile[]> | UserProfile[];
  /** Called before a message is stored (moderation, blocking). */
  beforeMessage?(context: BeforeMessageContext): Awaitable<BeforeMessageResult>;
  /** Called after a message is committed (push notifications, e-mail, webhooks). */
  onMessage?(context: OnMessageContext): void | Promise<void>;
}
