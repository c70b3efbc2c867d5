import type { Attachment, Conversation, ErrorPayload, Message, MessageKind } from '../protocol';
import type { ChatState, PendingMessage, Timeline } from './state';

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** One row of a conversation as a UI shows it: confirmed or still pending. */
export interface MessageView {
  /** Stable across the pending → confirmed change: `senderId` and `clientId`. */
  key: string;
  /** Null while pending. */
  id: string | null;
  seq: number | null;
  conversationId: string;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  body: string;
  attachments: Attachment[];
  replyTo: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  own: boolean;
  /** For own messages; null for others'. */
  status: MessageStatus | null;
  /** Why a failed send failed. */
  error: ErrorPayload | null;
}

/**
 * Status of an own message from the other participants' watermarks: read when
 * every other participant has read it, delivered when it reached all of them.
 */
export function statusOf(
  conversation: Conversation | undefined,
  message: Message,
  me: string,
): MessageStatus {
  const others = conversation?.participants.filter((p) => p.userId !== me) ?? [];
  if (others.length === 0) return 'sent';
  if (others.every((p) => p.lastReadSeq >= message.seq)) return 'read';
  if (others.every((p) => p.lastDeliveredSeq >= message.seq)) return 'delivered';
  return 'sent';
}

function confirmedView(message: Message, status: MessageStatus | null, own: boolean): MessageView {
  return {
    key: `${message.senderId}\u0000${message.clientId}`,
    id: message.id,
    seq: message.seq,
    conversationId: message.conversationId,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind,
    body: message.body,
    attachments: message.attachments,
    replyTo: message.replyTo,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
    own,
    status,
    error: null,
  };
}

function pendingView(pending: PendingMessage): MessageView {
  return {
    key: `${pending.senderId}\u0000${pending.clientId}`,
    id: null,
    seq: null,
    conversationId: pending.conversationId,
    senderId: pending.senderId,
    clientId: pending.clientId,
    kind: pending.kind,
    body: pending.body,
    attachments: pending.attachments,
    replyTo: pending.replyTo,
    createdAt: pending.createdAt,
    editedAt: null,
    deletedAt: null,
    own: true,
    status: pending.status,
    error: pending.error,
  };
}

/**
 * A memoized selector of one conversation's rows: confirmed messages in seq
 * order, then pending ones. A row object is reused while its message and
 * status are unchanged, so list items can skip re-rendering.
 */
export function createTimelineSelector() {
  const rows = new Map<
    string,
    { source: Message | PendingMessage; status: MessageStatus | null; view: MessageView }
  >();
  let lastTimeline: Timeline | undefined;
  let lastConversation: Conversation | undefined;
  let lastResult: MessageView[] = [];

  return (state: ChatState, conversationId: string): MessageView[] => {
    const timeline = state.timelines[conversationId];
    const conversation = state.conversations[conversationId];
    if (timeline === lastTimeline && conversation === lastConversation) return lastResult;
    lastTimeline = timeline;
    lastConversation = conversation;
    if (!timeline) {
      lastResult = [];
      return lastResult;
    }
    const me = state.userId;
    const seen = new Set<string>();
    const result: MessageView[] = [];
    const reuse = (
      key: string,
      source: Message | PendingMessage,
      status: MessageStatus | null,
      make: () => MessageView,
    ) => {
      seen.add(key);
      const cached = rows.get(key);
      if (cached && cached.source === source && cached.status === status) return cached.view;
      const view = make();
      rows.set(key, { source, status, view });
      return view;
    };
    for (const message of timeline.messages) {
      const own = message.senderId === me;
      const status = own ? statusOf(conversation, message, me) : null;
      result.push(
        reuse(`${message.senderId}\u0000${message.clientId}`, message, status, () =>
          confirmedView(message, status, own),
        ),
      );
    }
    for (const pending of timeline.pending) {
      result.push(
        reuse(`${pending.senderId}\u0000${pending.clientId}`, pending, pending.status, () =>
          pendingView(pending),
        ),
      );
    }
    for (const key of rows.keys()) if (!seen.has(key)) rows.delete(key);
    const same =
      result.length === lastResult.length && result.every((row, i) => row === lastResult[i]);
    if (!same) lastResult = result;
    return lastResult;
  };
}

/** Conversations in activity order, archived ones apart. */
export function selectConversations(state: ChatState, archived = false): Conversation[] {
  return state.conversationOrder
    .map((id) => state.conversations[id] as Conversation)
    .filter((conversation) => conversation.archived === archived);
}

/** The number for a badge: unread messages in conversations that are neither archived nor muted. */
export function selectUnreadTotal(state: ChatState): number {
  let total = 0;
  for (const conversation of Object.values(state.conversations)) {
    if (!conversation.archived && !conversation.muted) total += conversation.unreadCount;
  }
  return total;
}
