import type { ConversationKind, Message, ParticipantRole } from '@banter/core/protocol';

/** A message as a webhook carries it: the stored message, without its aggregated reactions. */
export type WebhookMessage = Omit<Message, 'reactions'>;

/** A conversation as a webhook carries it: what it is, not one viewer's view of it. */
export interface WebhookConversation {
  /** Its id. */
  id: string;
  /** `direct` or `group`. */
  kind: ConversationKind;
  /** A group's name, or null. */
  title: string | null;
  /** The host's data (e.g. the listing it is about), or null. */
  metadata: Record<string, unknown> | null;
  /** Who created it (the host for conversations `banter.admin` created, as it says). */
  createdBy: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
}

/** One user's reaction with one emoji on one message. */
export interface WebhookReaction {
  /** The conversation of the message. */
  conversationId: string;
  /** The message reacted to. */
  messageId: string;
  /** Who reacted. */
  userId: string;
  /** The emoji, normalized (without U+FE0F). */
  emoji: string;
}

/** A member joining or leaving a conversation. */
export interface WebhookMember {
  /** The conversation. */
  conversationId: string;
  /** The member. */
  userId: string;
  /** Their role when they joined or left. */
  role: ParticipantRole;
}

/** What each event type carries in `data`. */
export interface WebhookEventData {
  /** A message was stored. */
  'message.created': WebhookMessage;
  /** A message's body was edited; `data` is the message after the edit. */
  'message.edited': WebhookMessage;
  /** A message was deleted; `data` is the message after the deletion (body and attachments cleared). */
  'message.deleted': WebhookMessage;
  /** Someone reacted to a message. */
  'reaction.added': WebhookReaction;
  /** Someone took a reaction back (or it went with its deleted message). */
  'reaction.removed': WebhookReaction;
  /** A conversation was created; its `member.added` events follow. */
  'conversation.created': WebhookConversation;
  /** A conversation's title or metadata changed; `data` is the conversation after the change. */
  'conversation.updated': WebhookConversation;
  /** Someone joined a conversation (its creation adds every first member too). */
  'member.added': WebhookMember;
  /** Someone left or was removed from a conversation. */
  'member.removed': WebhookMember;
}

/** Every event type a webhook can carry. */
export type WebhookEventType = keyof WebhookEventData;

/** The event types, in the order the README lists them. */
export const webhookEventTypes: readonly WebhookEventType[] = [
  'message.created',
  'message.edited',
  'message.deleted',
  'reaction.added',
  'reaction.removed',
  'conversation.created',
  'conversation.updated',
  'member.added',
  'member.removed',
];

/**
 * The JSON body of one webhook request: one change, whose `type` says what `data` holds.
 * `id` grows with every event and is the same on every retry and replay: de-duplicate by it.
 */
export type WebhookEvent = {
  [Type in WebhookEventType]: {
    /** The event's id (a decimal integer as a string): the de-duplication key. */
    id: string;
    /** What happened. */
    type: Type;
    /** The conversation it happened in; events of one conversation arrive in order. */
    conversationId: string;
    /** When the change was committed (ISO 8601). */
    createdAt: string;
    /** The changed thing, as it is after the change. */
    data: WebhookEventData[Type];
  };
}[WebhookEventType];
