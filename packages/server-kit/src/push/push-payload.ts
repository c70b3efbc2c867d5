import { createHash } from 'node:crypto';
import type { Message } from '@banter/core/protocol';
import type { PushPreview } from './push-options';

/**
 * What the service worker receives (JSON, encrypted end to end): which conversation has news
 * and, as far as `push.preview` allows, who wrote and what. Version 1.
 */
export interface PushPayload {
  /** The payload's version, for service workers older or newer than the server. */
  v: 1;
  /** The notification's tag: one notification per conversation, replaced by the next. */
  tag: string;
  /** The conversation to open on click. */
  conversationId: string;
  /** The message, for a page that wants to scroll to it. */
  messageId: string;
  /** Its `seq` in the conversation. */
  seq: number;
  /** With preview `'sender'` or `'text'`: who wrote it, by the name the host's `getUsers` gives. */
  sender?: {
    /** The sender's user id. */
    id: string;
    /** Their name from `getUsers`, or the id. */
    name: string;
  };
  /** With preview `'sender'` or `'text'`: the conversation's title (groups), or null. */
  conversationTitle?: string | null;
  /** With preview `'text'`: the text, at most 200 characters; absent for an attachment only. */
  text?: string;
}

const maxPreviewLength = 200;

/** What to show of a message, by the host's preview setting. */
export function pushPayloadOf(
  message: Message,
  preview: PushPreview,
  context: { senderName: string; conversationTitle: string | null },
): PushPayload {
  const payload: PushPayload = {
    v: 1,
    tag: notificationTag(message.conversationId),
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
  };
  if (preview === 'none') return payload;
  payload.sender = { id: message.senderId, name: context.senderName };
  payload.conversationTitle = context.conversationTitle;
  if (preview === 'text' && message.body.length > 0) {
    // Cut on code points, so no half of a surrogate pair is left at the end.
    const points = Array.from(message.body);
    payload.text =
      points.length > maxPreviewLength
        ? `${points.slice(0, maxPreviewLength - 1).join('')}…`
        : message.body;
  }
  return payload;
}

/** The tag of a conversation's notification, the same in the page and in the service worker. */
export const notificationTag = (conversationId: string) => `banter:${conversationId}`;

/**
 * The Topic header (RFC 8030 §5.4) of a conversation: a push service keeps only the newest
 * undelivered push per topic. At most 32 URL-safe characters, so a hash of the id, not the id.
 */
export function pushTopic(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('base64url').slice(0, 32);
}
